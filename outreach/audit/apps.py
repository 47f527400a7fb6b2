from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "outreach.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from . import sources, tracking

        tracking.connect()
        sources.connect()
