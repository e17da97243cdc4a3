from django.urls import URLPattern, URLResolver, path

from hearth.performance import views

app_name = "performance"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:key>/", views.figure_detail, name="figure"),
    path("<slug:key>/children/", views.figure_children, name="children"),
]
