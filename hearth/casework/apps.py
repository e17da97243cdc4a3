from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "hearth.casework"
    verbose_name = "Casework"
