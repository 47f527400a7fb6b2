"""One table for the whole trail. Nothing points at other tables with a database
constraint: an entry must outlive the record and the user it names, and Django's
SET_NULL would be an UPDATE, which the PostgreSQL trigger refuses."""

from django.db import models
from django.utils import timezone


class Source(models.TextChoices):
    WEB = "web", "Web page"
    API = "api", "API"
    IMPORT = "import", "Import"
    TASK = "task", "Background task"
    COMMAND = "command", "Command"
    ADMIN = "admin", "Admin site"
    SYSTEM = "system", "System"


class Kind(models.TextChoices):
    CHANGE = "change", "Change"
    ACCESS = "access", "Access"
    EVENT = "event", "Event"


class Action(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    VIEW = "view", "Viewed"
    EXPORT = "export", "Exported"


class AppendOnly(Exception):
    """An audit entry may not be changed or deleted from the application."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("The audit trail is append-only.")

    def delete(self):
        raise AppendOnly("The audit trail is append-only.")

    update.queryset_only = True
    delete.queryset_only = True


class AuditEntry(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # create / update / delete / view / export, or an event's name ("erase", ...).
    action = models.CharField(max_length=32, db_index=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.SYSTEM)

    # The user who acted. No database constraint (see the module note); the label keeps
    # who it was once the user is gone.
    actor = models.ForeignKey(
        "accounts.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    # What it was about: "app_label.modelname" and the primary key as text.
    model = models.CharField(max_length=100, blank=True)
    object_pk = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=255, blank=True)
    # {field name: [before, after]}; secrets are stored as "changed".
    changes = models.JSONField(default=dict, blank=True)
    detail = models.TextField(blank=True)
    rows = models.PositiveIntegerField(null=True, blank=True)
    data = models.JSONField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["model", "object_pk"]),
            models.Index(fields=["actor", "-at"]),
        ]

    def __str__(self):
        what = f"{self.model} {self.object_pk}".strip() or self.detail[:60]
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or self.source} {self.action} {what}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The audit trail is append-only.")
