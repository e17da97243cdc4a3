from django.urls import URLPattern, URLResolver, path

from hearth.workforce import views

app_name = "workforce"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.overview, name="overview"),
    path("absences/new/", views.absence_new, name="absence_new"),
    path("training/new/", views.training_new, name="training_new"),
    path("courses/new/", views.course_new, name="course_new"),
    path("import/", views.import_csv, name="import"),
]
