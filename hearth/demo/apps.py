from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "hearth.demo"
    verbose_name = "Demo council"
