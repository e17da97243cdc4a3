from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "hearth.workforce"
    verbose_name = "Workforce: absence and training"
