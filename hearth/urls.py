from django.urls import include, path

urlpatterns = [
    path("", include("hearth.ui.urls")),
    path("people/", include("hearth.people.urls")),
]
