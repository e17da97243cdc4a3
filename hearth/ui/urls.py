from django.urls import path

from hearth.ui import views

app_name = "ui"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in", views.sign_in, name="sign-in"),
    path("sign-out", views.sign_out, name="sign-out"),
    path("health", views.health, name="health"),
]
