from django.urls import path

from hearth.lookedafter import views

app_name = "lookedafter"
urlpatterns = [
    path("<int:child_id>/", views.child_view, name="child"),
    path("<int:child_id>/start/", views.care_start_view, name="care-start"),
    path("<int:child_id>/placement/", views.placement_change_view, name="placement-change"),
    path("<int:child_id>/legal-status/", views.legal_status_change_view, name="legal-status"),
    path("<int:child_id>/review/", views.review_record_view, name="review"),
    path("<int:child_id>/visit/", views.visit_record_view, name="visit"),
    path("<int:child_id>/health-assessment/", views.health_assessment_view, name="health"),
    path("<int:child_id>/missing/", views.missing_record_view, name="missing"),
    path(
        "<int:child_id>/missing/<int:episode_id>/return-interview/",
        views.return_interview_view,
        name="return-interview",
    ),
    path("<int:child_id>/plans/", views.plans_view, name="plans"),
    path("<int:child_id>/cease/", views.care_cease_view, name="cease"),
    path("<int:child_id>/leaving-care/", views.leaving_care_start_view, name="leaving-care"),
    path("<int:child_id>/pathway-plan/", views.pathway_plan_view, name="pathway-plan"),
]
