from django.urls import URLPattern, URLResolver, path

from hearth.performance import views

app_name = "performance"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    # Before "<slug:key>/", which would otherwise take these as figure keys.
    path("targets/", views.targets, name="targets"),
    path("targets/population/", views.population_edit, name="population"),
    path("targets/<slug:key>/", views.target_edit, name="target"),
    path("<slug:key>/", views.figure_detail, name="figure"),
    path("<slug:key>/children/", views.figure_children, name="children"),
]
