from django.urls import URLPattern, URLResolver, path

from hearth.returns import views

app_name = "returns"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("cin/<int:year>/", views.cin_view, name="cin"),
    path("cin/<int:year>/download/", views.cin_download, name="cin-download"),
]
