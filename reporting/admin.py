"""Report runs in the Django admin, read-only: they are made and changed by the services
and the task, never by hand."""

from django.contrib import admin

from .models import ReportFile, ReportRun, ReportSchedule


class ReportFileInline(admin.TabularInline):
    model = ReportFile
    extra = 0
    can_delete = False
    readonly_fields = ["format", "file", "size", "created_at"]


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "scope_kind", "status", "progress", "requested_by", "created_at"]
    list_filter = ["kind", "status", "scope_kind"]
    search_fields = ["pk", "requested_by__email"]
    inlines = [ReportFileInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "scope_kind", "owner", "active", "last_term"]
    list_filter = ["kind", "active"]

    def has_add_permission(self, request):
        return False
