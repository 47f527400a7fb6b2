from django.contrib import admin

from outreach.admin_readonly import ReadOnlyAdminMixin

from .models import RetentionRun


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: runs are written by the nightly task alone."""

    list_display = ["run_on", "status", "started_at", "finished_at"]
