"""The URLs the returns tests need, whatever other apps have in progress in hearth/urls.py."""

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("hearth.ui.urls")),
    path("people/", include("hearth.people.urls")),
    path("returns/", include("hearth.returns.urls")),
]
