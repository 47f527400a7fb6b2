"""The retention schedule (one rule per kind of data) and the record of each run."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Kind(models.TextChoices):
    RESPONSES = "responses", "Questionnaire responses"
    IDENTITIES = "identities", "Participant identities"
    CONTACTS = "contacts", "Partner contact details"
    REPORT_FILES = "report_files", "Report files"
    AUDIT = "audit", "Audit entries"
    SIGN_INS = "sign_ins", "Sign-in records"
    ACCOUNTS = "accounts", "Inactive accounts"


class Action(models.TextChoices):
    ANONYMISE = "anonymise", "Anonymise"
    DELETE = "delete", "Delete"


class Unit(models.TextChoices):
    DAYS = "days", "days"
    MONTHS = "months", "months"
    YEARS = "years", "years"


# Roughly how many days a unit is, only to compare a period with its bounds.
APPROX_DAYS = {Unit.DAYS: 1, Unit.MONTHS: 30, Unit.YEARS: 365}

# (shortest, longest) in days, and the actions that make sense, per kind. The shortest is
# never zero: a period of 0 would remove live data the night it is saved. Audit entries
# and accounts have long floors because removing them early loses the evidence or locks
# out people on leave.
BOUNDS = {
    Kind.RESPONSES: (30, 3650),
    Kind.IDENTITIES: (30, 3650),
    Kind.CONTACTS: (30, 3650),
    Kind.REPORT_FILES: (1, 365),
    Kind.AUDIT: (365, 3650),
    Kind.SIGN_INS: (1, 730),
    Kind.ACCOUNTS: (90, 3650),
}
ACTIONS = {
    Kind.RESPONSES: {Action.ANONYMISE, Action.DELETE},
    Kind.IDENTITIES: {Action.DELETE},
    Kind.CONTACTS: {Action.ANONYMISE, Action.DELETE},
    Kind.REPORT_FILES: {Action.DELETE},
    Kind.AUDIT: {Action.DELETE},
    Kind.SIGN_INS: {Action.DELETE},
    Kind.ACCOUNTS: {Action.ANONYMISE},
}
# What each rule does, in words for the schedule page.
MEASURED_FROM = {
    Kind.RESPONSES: "after the response was submitted: free-text answers and the "
    "before/after matching key are removed, the chosen answers stay as statistics",
    Kind.IDENTITIES: "after the participant's last activity (a stage, support, a "
    "check-in): name and contact details go, the pseudonymous record stays",
    Kind.CONTACTS: "after the contact was last changed, for contacts who are not their "
    "organisation's key contact: name, role, email, phone and needs go",
    Kind.REPORT_FILES: "after the report was asked for: the run and its files go",
    Kind.AUDIT: "after the entry was written",
    Kind.SIGN_INS: "after the sign-in or failed attempt (address, browser, email typed)",
    Kind.ACCOUNTS: "after the last sign-in (or the invitation, if never signed in): the "
    "account is deactivated and its name and email removed; never the last active "
    "administrator",
}
DEFAULTS = {
    Kind.RESPONSES: (24, Unit.MONTHS, Action.ANONYMISE),
    Kind.IDENTITIES: (12, Unit.MONTHS, Action.DELETE),
    Kind.CONTACTS: (24, Unit.MONTHS, Action.ANONYMISE),
    Kind.REPORT_FILES: (30, Unit.DAYS, Action.DELETE),
    Kind.AUDIT: (6, Unit.YEARS, Action.DELETE),
    Kind.SIGN_INS: (30, Unit.DAYS, Action.DELETE),
    Kind.ACCOUNTS: (24, Unit.MONTHS, Action.ANONYMISE),
}


def period_delta(period: int, unit: str) -> relativedelta:
    return relativedelta(**{str(unit): period})


def period_errors(kind: str, period: int | None, unit: str, action: str) -> dict:
    errors = {}
    if period is None or period < 1:
        errors["period"] = "Enter a whole number of 1 or more."
    elif unit in APPROX_DAYS:
        shortest, longest = BOUNDS[kind]
        days = period * APPROX_DAYS[unit]
        if days < shortest:
            errors["period"] = f"{Kind(kind).label} must be kept at least {shortest} days."
        elif days > longest:
            errors["period"] = f"{Kind(kind).label} may be kept at most {longest // 365} years."
    if unit not in Unit.values:
        errors["unit"] = "Choose days, months or years."
    if action not in ACTIONS.get(kind, ()):
        allowed = " or ".join(sorted(str(Action(a).label).lower() for a in ACTIONS[kind]))
        errors["action"] = f"{Kind(kind).label} can only be set to {allowed}."
    return errors


class RetentionRule(models.Model):
    kind = models.CharField(max_length=16, choices=Kind.choices, unique=True)
    period = models.PositiveIntegerField()
    unit = models.CharField(max_length=8, choices=Unit.choices)
    action = models.CharField(max_length=10, choices=Action.choices)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period__gte=1), name="privacy_period_positive"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_action_display().lower()} after {self.label}"

    @property
    def label(self) -> str:
        unit = self.get_unit_display()
        return f"{self.period} {unit[:-1] if self.period == 1 else unit}"

    @property
    def measured_from(self) -> str:
        return MEASURED_FROM[self.kind]

    def clean(self):
        errors = period_errors(self.kind, self.period, self.unit, self.action)
        if errors:
            raise ValidationError(errors)

    def cutoff(self, today: datetime.date) -> datetime.date:
        """Data dated before this day is due. Whole days, so every run on the same day
        draws the same line and a second run finds nothing left to do."""
        return today - period_delta(self.period, self.unit)


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class RetentionRun(models.Model):
    """One nightly run: the day it is for (one run a day), and what it did per kind."""

    run_on = models.DateField(unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.RUNNING)
    # {kind: {"action": ..., "count": n, "cutoff": "YYYY-MM-DD"}}
    counts = models.JSONField(default=dict)
    message = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-run_on"]

    def __str__(self):
        return f"Retention run on {self.run_on}"

    @property
    def total(self) -> int:
        return sum(item.get("count", 0) for item in self.counts.values())
