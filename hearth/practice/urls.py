from django.urls import URLPattern, URLResolver, path

from hearth.practice import views

app_name = "practice"
urlpatterns: list[URLPattern | URLResolver] = [
    path("models/", views.version_list, name="versions"),
    path("models/<slug:name>/<int:version>/", views.version_detail, name="version"),
    path("steps/<int:step_id>/", views.step_detail, name="step"),
]
