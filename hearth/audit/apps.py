from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "hearth.audit"
    verbose_name = "Audit"
