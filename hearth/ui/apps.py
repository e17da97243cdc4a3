from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "hearth.ui"
    verbose_name = "User interface"
