from django.urls import URLPattern, URLResolver, path

from hearth.quality import views

app_name = "quality"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("audits/", views.audit_list, name="audits"),
    path("audits/summary/", views.audit_summary, name="summary"),
    path("audits/<int:audit_id>/", views.audit_detail, name="audit"),
    path("auditors/", views.auditors, name="auditors"),
    path("children/<int:person_id>/audits/", views.child_audits, name="child-audits"),
    path(
        "children/<int:person_id>/audits/new/<slug:tool_key>/",
        views.audit_record,
        name="audit-record",
    ),
    path("plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path(
        "plans/<int:plan_id>/recommendations/new/",
        views.recommendation_add,
        name="recommendation-add",
    ),
    path("plans/<int:plan_id>/priorities/new/", views.priority_add, name="priority-add"),
    path(
        "recommendations/<int:recommendation_id>/change/",
        views.recommendation_change,
        name="recommendation-change",
    ),
    path("priorities/<int:priority_id>/change/", views.priority_change, name="priority-change"),
    path("actions/<int:action_id>/change/", views.action_change, name="action-change"),
    path("priorities/<int:priority_id>/actions/new/", views.action_add, name="action-add"),
    path("priorities/<int:priority_id>/measures/new/", views.measure_add, name="measure-add"),
    path(
        "actions/<int:action_id>/deliverables/new/",
        views.deliverable_add,
        name="deliverable-add",
    ),
    path("deliverables/<int:deliverable_id>/", views.deliverable_detail, name="deliverable"),
    path(
        "deliverables/<int:deliverable_id>/change/",
        views.deliverable_change,
        name="deliverable-change",
    ),
    path("measures/<int:measure_id>/stages/new/", views.stage_add, name="stage-add"),
]
