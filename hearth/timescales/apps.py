from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    name = "hearth.timescales"
    verbose_name = "Timescales"
