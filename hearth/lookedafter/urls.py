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
    path("<int:child_id>/sdq/", views.sdq_view, name="sdq"),
    path("<int:child_id>/health-check/", views.health_check_view, name="health-check"),
    path("<int:child_id>/conviction/", views.conviction_view, name="conviction"),
    path("<int:child_id>/substance-misuse/", views.substance_misuse_view, name="substance-misuse"),
    path("<int:child_id>/uasc/", views.uasc_view, name="uasc"),
    path("<int:child_id>/dolo/", views.dolo_start_view, name="dolo"),
    path("<int:child_id>/dolo/end/", views.dolo_end_view, name="dolo-end"),
    path("<int:child_id>/adoption/", views.adoption_decision_view, name="adoption-decision"),
    path("<int:child_id>/adoption/reverse/", views.adoption_reverse_view, name="adoption-reverse"),
    path("<int:child_id>/adoption/match/", views.adoption_match_view, name="adoption-match"),
    path("<int:child_id>/adoption/placed/", views.adoption_placement_view, name="adoption-placed"),
    path(
        "<int:child_id>/previous-permanence/",
        views.previous_permanence_view,
        name="previous-permanence",
    ),
    path("<int:child_id>/permanence-order/", views.permanence_order_view, name="permanence-order"),
    path(
        "<int:child_id>/birthday-contact/",
        views.care_leaver_contact_view,
        name="birthday-contact",
    ),
    path("<int:child_id>/staying-put/", views.staying_put_view, name="staying-put"),
    path("<int:child_id>/staying-put/end/", views.staying_put_end_view, name="staying-put-end"),
    path("<int:child_id>/personal-adviser/", views.personal_adviser_view, name="personal-adviser"),
]
