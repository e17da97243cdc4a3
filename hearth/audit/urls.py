from django.urls import URLPattern, URLResolver, path

from hearth.audit import views

app_name = "audit"
urlpatterns: list[URLPattern | URLResolver] = [
    path("people/<int:person_id>/history", views.person_history_page, name="person-history"),
    path(
        "people/<int:person_id>/access-log",
        views.person_access_log_page,
        name="person-access-log",
    ),
]
