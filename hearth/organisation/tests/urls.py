"""Hearth's URLs with the organisation pages, whether or not hearth/urls.py has them yet."""

from django.urls import URLPattern, URLResolver, include, path

from hearth.urls import urlpatterns as hearth_urlpatterns

urlpatterns: list[URLPattern | URLResolver] = list(hearth_urlpatterns)
if not any(getattr(p, "namespace", None) == "organisation" for p in urlpatterns):
    urlpatterns.append(path("organisation/", include("hearth.organisation.urls")))
