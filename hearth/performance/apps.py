from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "hearth.performance"
    verbose_name = "Performance figures"
