from django.urls import URLPattern, URLResolver, path

from hearth.access import views

app_name = "access"
urlpatterns: list[URLPattern | URLResolver] = [
    path("sealed", views.sealed_records, name="sealed-records"),
    path("people/<int:person_id>/grants", views.grants, name="grants"),
    path(
        "people/<int:person_id>/grants/<int:grant_id>/revoke",
        views.grant_revoke_page,
        name="grant-revoke",
    ),
    path("people/<int:person_id>/seal", views.seal, name="seal"),
]
