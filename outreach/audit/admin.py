from django.contrib import admin

from outreach.admin_readonly import ReadOnlyAdminMixin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only for everyone, superusers included: the trail is append-only."""

    list_display = ("at", "actor_label", "source", "kind", "action", "model", "object_pk")
    list_filter = ("kind", "source", "action")
    search_fields = ("actor_label", "object_repr", "object_pk", "request_id")
    date_hierarchy = "at"
    list_select_related = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]
