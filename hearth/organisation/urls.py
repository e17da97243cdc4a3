from django.urls import URLPattern, URLResolver, path

from hearth.organisation import views

app_name = "organisation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.overview, name="overview"),
]
