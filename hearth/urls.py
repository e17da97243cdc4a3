from django.urls import include, path

urlpatterns = [
    path("", include("hearth.ui.urls")),
    path("people/", include("hearth.people.urls")),
    path("audit/", include("hearth.audit.urls")),
    path("access/", include("hearth.access.urls")),
    path("organisation/", include("hearth.organisation.urls")),
    path("calendar/", include("hearth.timescales.urls")),
    path("practice/", include("hearth.practice.urls")),
    path("looked-after/", include("hearth.lookedafter.urls")),
    path("front-door/", include("hearth.frontdoor.urls")),
    path("casework/", include("hearth.casework.urls")),
    path("returns/", include("hearth.returns.urls")),
    path("performance/", include("hearth.performance.urls")),
    path("quality/", include("hearth.quality.urls")),
    path("workforce/", include("hearth.workforce.urls")),
]
