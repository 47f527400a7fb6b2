"""Reference data (goals, target groups, activity types, Gatsby Benchmarks) is edited
here by administrators; programmes and events have their own pages, and appear here for
support only."""

from django.contrib import admin

from outreach.admin_readonly import ReadOnlyAdminMixin

from .models import (
    ActivityType,
    AnnualPlan,
    Barrier,
    BarrierAction,
    EngagementEvent,
    GatsbyBenchmark,
    Goal,
    PlannedActivity,
    Programme,
    ProgrammePartner,
    ProgrammeTarget,
    TargetGroup,
)


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    ordering = ["position"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "code", "position"]
    list_filter = ["category"]
    search_fields = ["name"]


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    filter_horizontal = ["goals"]
    search_fields = ["name"]


@admin.register(GatsbyBenchmark)
class GatsbyBenchmarkAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]


class PartnerInline(admin.TabularInline):
    model = ProgrammePartner
    extra = 0
    raw_id_fields = ["organisation"]


class TargetInline(admin.TabularInline):
    model = ProgrammeTarget
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "lead_organisation", "starts_on", "ends_on"]
    list_filter = ["area"]
    search_fields = ["name"]
    list_select_related = ["area", "lead_organisation"]
    raw_id_fields = ["lead_organisation", "target_schools"]
    inlines = [PartnerInline, TargetInline]


class PlannedActivityInline(admin.TabularInline):
    model = PlannedActivity
    extra = 0
    raw_id_fields = ["delivered_by"]


@admin.register(AnnualPlan)
class AnnualPlanAdmin(admin.ModelAdmin):
    list_display = ["programme", "academic_year"]
    list_select_related = ["programme"]
    inlines = [PlannedActivityInline]


@admin.register(EngagementEvent)
class EngagementEventAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "date", "term", "participants"]
    list_filter = ["academic_year", "term", "activity_type"]
    search_fields = ["title", "external_reference"]
    list_select_related = ["programme"]
    raw_id_fields = ["programme", "school", "delivering_organisations", "created_by"]
    date_hierarchy = "date"


class ActionInline(admin.TabularInline):
    model = BarrierAction
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(Barrier)
class BarrierAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "programme"]
    list_select_related = ["group", "programme"]
    inlines = [ActionInline]


# Participant pathways (issue 7). Administrators see cohorts and the access log for
# support; identity records (names) are deliberately not in the admin (docs/decisions.md),
# and the access log is read-only here.
from .models import Cohort, ImdPostcode, NamedRecordAccess  # noqa: E402


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "delivering_organisation", "starts_on", "capacity"]
    list_select_related = ["programme", "delivering_organisation"]
    search_fields = ["name"]
    raw_id_fields = ["programme", "delivering_organisation", "employers"]


@admin.register(NamedRecordAccess)
class NamedRecordAccessAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "user_email", "action", "participant"]
    list_filter = ["action"]
    search_fields = ["user_email", "participant__reference"]
    list_select_related = ["participant"]
    exclude = ["name_seen"]
    date_hierarchy = "at"


@admin.register(ImdPostcode)
class ImdPostcodeAdmin(admin.ModelAdmin):
    list_display = ["postcode", "quintile"]
    search_fields = ["postcode"]
