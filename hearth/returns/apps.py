from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "hearth.returns"
    verbose_name = "Statutory returns"
