"""A spreadsheet of events being imported: parsed and checked rows wait here between the
preview and the confirmation, so nothing is saved until the person confirms."""

from django.conf import settings
from django.db import models

from .programmes import Programme


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Checked, waiting for confirmation"
    CONFIRMED = "confirmed", "Imported"


class EventImportQuerySet(models.QuerySet):
    def for_user(self, user):
        """Only the person who uploaded a file sees its rows."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(uploaded_by=user)


class EventImport(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    rows = models.JSONField(default=list, help_text="Checked rows, ready to save.")
    errors = models.JSONField(default=list, help_text="[row number, column, message] triples.")
    warnings = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = EventImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"
