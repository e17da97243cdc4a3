from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "hearth.geography"
    verbose_name = "Geography"
