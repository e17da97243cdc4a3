from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "hearth.organisation"
    verbose_name = "Staff and organisation"
