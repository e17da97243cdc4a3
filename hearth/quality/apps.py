from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "hearth.quality"
    verbose_name = "Quality assurance and the improvement plan"
