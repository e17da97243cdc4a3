from django.urls import URLPattern, URLResolver, path

from hearth.returns import views

app_name = "returns"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("cin/<int:year>/", views.cin_view, name="cin"),
    path("cin/<int:year>/download/", views.cin_download, name="cin-download"),
    path("ssda903/<int:year>/", views.ssda903_view, name="ssda903"),
    path("ssda903/<int:year>/download/", views.ssda903_download, name="ssda903-download"),
    path("ssda903/<int:year>/record/", views.ssda903_record, name="ssda903-record"),
    path(
        "ssda903/<int:year>/submissions/<int:pk>/download/",
        views.ssda903_submission_download,
        name="ssda903-submission-download",
    ),
    path("annex-a/", views.annex_a_view, name="annex-a"),
    path("annex-a/download/", views.annex_a_download, name="annex-a-download"),
]
