"""Hearth's URLs for the returns tests, leaving out any app whose URLs are still being written.

hearth/urls.py is shared; another developer's include may name a module not yet in the tree,
which would stop every page test. The layout's navigation needs the other apps' namespaces, so
each is included when its module imports.
"""

from importlib import import_module
from importlib.util import find_spec

from django.urls import URLPattern, URLResolver, include, path

_APPS = [
    ("", "hearth.ui.urls"),
    ("people/", "hearth.people.urls"),
    ("audit/", "hearth.audit.urls"),
    ("access/", "hearth.access.urls"),
    ("organisation/", "hearth.organisation.urls"),
    ("calendar/", "hearth.timescales.urls"),
    ("practice/", "hearth.practice.urls"),
    ("looked-after/", "hearth.lookedafter.urls"),
    ("front-door/", "hearth.frontdoor.urls"),
    ("casework/", "hearth.casework.urls"),
    ("returns/", "hearth.returns.urls"),
]

urlpatterns: list[URLPattern | URLResolver] = []
for prefix, module in _APPS:
    if find_spec(module) is not None:
        import_module(module)
        urlpatterns.append(path(prefix, include(module)))
