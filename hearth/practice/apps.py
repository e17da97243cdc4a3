from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "hearth.practice"
    verbose_name = "Practice models"
