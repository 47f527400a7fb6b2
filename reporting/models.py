"""Report runs: one row per report asked for, compiled by a Celery task, with its files.

A run is found again by its parameters (`params_key`) while it is queued or running, so
asking twice does the work once: a partial unique constraint makes that hold even when
two requests race.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from outreach.accounts.scope import scope_for
from partners.models import ICBArea
from programmes.models import Programme

from .periods import Period
from .scope import ReportScope, ScopeKind


def _stored_scope(row) -> ReportScope:
    """The scope a run or a schedule was saved with (scope kind, programme, areas)."""
    if row.scope_kind == ScopeKind.PROGRAMME:
        return ReportScope(ScopeKind.PROGRAMME, programme_id=row.programme_id)
    if row.scope_kind == ScopeKind.NATIONAL:
        return ReportScope.national()
    return ReportScope(row.scope_kind, area_ids=tuple(row.areas.values_list("pk", flat=True)))


class ReportKind(models.TextChoices):
    ANNUAL_CYCLE = "annual_cycle", "Annual-cycle report"
    IMPACT = "impact", "Impact report"
    EXPORT_EVENTS = "export_events", "Data export: engagement events"
    EXPORT_BOOKINGS = "export_bookings", "Data export: workshop bookings"
    EXPORT_RESPONSES = "export_responses", "Data export: questionnaire answers"
    EXPORT_PARTICIPANTS = "export_participants", "Data export: participants (pseudonymised)"


REPORT_KINDS = (ReportKind.ANNUAL_CYCLE, ReportKind.IMPACT)
EXPORT_KINDS = tuple(kind for kind in ReportKind if kind not in REPORT_KINDS)


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


IN_FLIGHT = (RunStatus.QUEUED, RunStatus.RUNNING)


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel (XLSX)"
    CSV_ZIP = "csv_zip", "CSV files (zipped)"


FORMAT_CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.CSV_ZIP: "application/zip",
}


class ReportRunQuerySet(models.QuerySet):
    def for_user(self, user):
        """Administrators: every run. Workforce leads: the runs they asked for, while they
        still lead the area(s) each covers (a lead who moves area loses the old reports)."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        if not scope.lead_area_ids:
            return self.none()
        areas = scope.lead_area_ids
        outside = ReportRun.areas.through.objects.filter(reportrun_id=OuterRef("pk")).exclude(
            icbarea_id__in=areas
        )
        return self.filter(requested_by=user).filter(
            Q(scope_kind=ScopeKind.PROGRAMME, programme__area_id__in=areas)
            | Q(scope_kind__in=(ScopeKind.AREA, ScopeKind.AREAS)) & ~Exists(outside)
        )

    def in_flight(self):
        return self.filter(status__in=IN_FLIGHT)


class ReportRun(models.Model):
    kind = models.CharField(max_length=24, choices=ReportKind.choices)
    scope_kind = models.CharField("scope", max_length=12, choices=ScopeKind.choices)
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="report_runs"
    )
    areas = models.ManyToManyField(ICBArea, blank=True, related_name="report_runs")
    academic_year = models.PositiveSmallIntegerField(null=True, blank=True)
    date_from = models.DateField()
    date_to = models.DateField()
    # Kind-specific choices, such as the quotes picked for an impact report.
    options = models.JSONField(default=dict, blank=True)
    params_key = models.CharField(max_length=64, db_index=True, editable=False)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="report_runs"
    )
    schedule = models.ForeignKey(
        "ReportSchedule", on_delete=models.SET_NULL, null=True, blank=True, related_name="runs"
    )
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=120, blank=True)
    message = models.TextField(blank=True, help_text="What went wrong, in plain words.")
    attempts = models.PositiveSmallIntegerField(default=0)
    # Who holds the run now: a token per attempt (with the worker's host and process), so
    # only the attempt that claimed the run may report progress on it or finish it.
    claimed_by = models.CharField(max_length=120, blank=True, editable=False)
    # The compiled document (see reporting/document.py); exports leave it empty.
    result = models.JSONField(null=True, blank=True, editable=False)
    rows = models.PositiveIntegerField(null=True, blank=True, help_text="Rows in an export.")

    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"]),
            models.Index(fields=["status", "heartbeat_at"]),
            models.Index(fields=["expires_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["params_key"],
                condition=Q(status__in=IN_FLIGHT),
                name="reporting_one_run_in_flight_per_params",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="reporting_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(date_to__gte=models.F("date_from")),
                name="reporting_period_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_export(self) -> bool:
        return self.kind in EXPORT_KINDS

    @property
    def in_flight(self) -> bool:
        return self.status in IN_FLIGHT

    @property
    def period(self) -> Period:
        if self.academic_year is not None:
            return Period.academic(self.academic_year)
        return Period.between(self.date_from, self.date_to)

    @property
    def report_scope(self) -> ReportScope:
        return _stored_scope(self)

    @property
    def duration(self) -> datetime.timedelta | None:
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def duration_label(self) -> str:
        if self.duration is None:
            return ""
        seconds = max(1, round(self.duration.total_seconds()))
        minutes, seconds = divmod(seconds, 60)
        parts = [f"{minutes} minute{'s' if minutes != 1 else ''}"] if minutes else []
        return " ".join([*parts, f"{seconds} second{'s' if seconds != 1 else ''}"])


def report_file_path(instance, filename):
    return f"reports/{instance.run_id}/{filename}"


class ReportFile(models.Model):
    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=8, choices=FileFormat.choices)
    file = models.FileField(upload_to=report_file_path, max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["format"]
        constraints = [
            models.UniqueConstraint(fields=["run", "format"], name="reporting_one_file_per_format")
        ]

    def __str__(self):
        return self.file.name

    @property
    def content_type(self) -> str:
        return FORMAT_CONTENT_TYPES[self.format]

    @property
    def download_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class ReportScheduleQuerySet(models.QuerySet):
    def for_user(self, user):
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        if not scope.lead_area_ids:
            return self.none()
        return self.filter(owner=user)  # the daily check stops those out of scope


class ReportSchedule(models.Model):
    """A report compiled at the end of each term and sent to its owner as a link."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_schedules"
    )
    kind = models.CharField(max_length=24, choices=[(k.value, k.label) for k in REPORT_KINDS])
    scope_kind = models.CharField("scope", max_length=12, choices=ScopeKind.choices)
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    areas = models.ManyToManyField(ICBArea, blank=True, related_name="+")
    active = models.BooleanField(default=True)
    # "2026-autumn": the last term a run was started for, so the daily check starts one
    # run per term however often it runs.
    last_term = models.CharField(max_length=16, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReportScheduleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} each term for {self.owner}"

    @property
    def report_scope(self) -> ReportScope:
        return _stored_scope(self)
