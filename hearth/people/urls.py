from django.urls import path

from hearth.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.create, name="create"),
    path("<int:person_id>/", views.detail, name="detail"),
    path("<int:person_id>/change/", views.edit, name="edit"),
    path("<int:person_id>/identifiers/add/", views.identifier_add, name="identifier-add"),
    path(
        "<int:person_id>/identifiers/<int:identifier_id>/remove/",
        views.identifier_remove,
        name="identifier-remove",
    ),
    path("<int:person_id>/addresses/add/", views.address_add, name="address-add"),
    path("<int:person_id>/names/add/", views.name_add, name="name-add"),
    path("<int:person_id>/contact-details/add/", views.contact_add, name="contact-add"),
    path("<int:person_id>/relationships/add/", views.relationship_add, name="relationship-add"),
]
