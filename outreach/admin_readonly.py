"""Admin pages for records only the application writes (logs, runs, the audit trail)."""


class ReadOnlyAdminMixin:
    """Nobody adds, changes or deletes these from the admin, superusers included."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
