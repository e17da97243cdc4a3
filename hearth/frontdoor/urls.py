from django.urls import URLPattern, URLResolver, path

from hearth.frontdoor import views

app_name = "frontdoor"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.tray, name="tray"),
    path("contacts/new/", views.contact_new, name="contact-new"),
    path("contacts/<int:contact_id>/", views.contact_detail, name="contact"),
]
