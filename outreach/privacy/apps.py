from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "outreach.privacy"
    label = "privacy"
    verbose_name = "Data protection"
    default_auto_field = "django.db.models.BigAutoField"
