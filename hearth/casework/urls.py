from django.urls import URLPattern, URLResolver, path

from hearth.casework import views

app_name = "casework"
urlpatterns: list[URLPattern | URLResolver] = [
    path("tray/", views.tray, name="tray"),
    path("team/", views.team, name="team"),
    path("children/<int:child_id>/", views.child_case, name="child"),
    path("children/<int:child_id>/chronology/", views.chronology, name="chronology"),
    path("children/<int:child_id>/allocate/", views.allocate, name="allocate"),
    path("children/<int:child_id>/steps/start/", views.step_start, name="step-start"),
    path("children/<int:child_id>/visits/new/", views.visit_new, name="visit-new"),
    path("children/<int:child_id>/notes/new/", views.note_new, name="note-new"),
    path("notes/<int:note_id>/", views.note_detail, name="note"),
]
