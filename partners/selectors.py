"""Reads of the partners directory shared by pages, each starting from a scoped queryset."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Ambassador, Contact, Organisation
from .models.people import _people_filter

RENEWAL_WINDOW_DAYS = 60


def organisation_directory(user):
    """The list page's rows: what the user may browse, with the area in the same query."""
    return Organisation.objects.for_user(user).select_related("area")


def organisation_for_page(user, pk) -> Organisation:
    """One organisation from the user's directory (404 outside it), annotated with
    `may_edit` and `sees_people` so the page needs no further permission queries."""
    return get_object_or_404(
        Organisation.objects.for_user(user)
        .select_related("area")
        .annotate(
            may_edit=Exists(Organisation.objects.editable_by(user).filter(pk=OuterRef("pk"))),
            sees_people=Exists(
                Organisation.objects.filter(_people_filter(user, prefix=""), pk=OuterRef("pk"))
            ),
        ),
        pk=pk,
    )


def organisation_contacts(user, organisation):
    return Contact.objects.for_user(user).filter(organisation=organisation)


def organisation_ambassadors(user, organisation):
    return (
        Ambassador.objects.for_user(user)
        .filter(organisation=organisation)
        .prefetch_related("year_groups")
        .order_by("-is_active", "name", "pk")
    )


def describe_year_groups(year_groups) -> str:
    """Year groups in a few words: a run of three or more becomes "Year 7 to Year 11"."""
    groups = sorted(year_groups, key=lambda group: group.position)
    runs: list[list] = []
    for group in groups:
        if runs and group.position == runs[-1][-1].position + 1:
            runs[-1].append(group)
        else:
            runs.append([group])
    parts = []
    for run in runs:
        if len(run) > 2:
            parts.append(f"{run[0].name} to {run[-1].name}")
        else:
            parts.extend(group.name for group in run)
    return ", ".join(parts)


@dataclass(frozen=True)
class Renewal:
    """One thing an ambassador must renew: their DBS check or safeguarding training."""

    what: str
    due: datetime.date
    today: datetime.date

    @property
    def overdue(self) -> bool:
        return self.due < self.today


def renewals(ambassador, *, today=None, within_days=RENEWAL_WINDOW_DAYS) -> list[Renewal]:
    """What falls due for this ambassador within the window (or is already overdue)."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    found = []
    if ambassador.dbs_renewal_due and ambassador.dbs_renewal_due <= horizon:
        found.append(Renewal("DBS check", ambassador.dbs_renewal_due, today))
    training_due = ambassador.safeguarding_due
    if training_due and training_due <= horizon:
        found.append(Renewal("Safeguarding training", training_due, today))
    return sorted(found, key=lambda renewal: renewal.due)


@dataclass(frozen=True)
class DueAmbassador:
    ambassador: Ambassador
    renewals: list[Renewal]


def ambassadors_due_for_renewal(
    user, *, within_days=RENEWAL_WINDOW_DAYS, limit=20, today=None
) -> tuple[list[DueAmbassador], int]:
    """The `limit` ambassadors whose DBS check or safeguarding training falls due soonest,
    and how many are due in all. Three queries whatever the numbers.

    The soonest overall are among the soonest by DBS date plus the soonest by training
    date, so two small ordered queries replace date arithmetic in SQL (which SQLite and
    PostgreSQL spell differently).
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    training_cutoff = horizon - datetime.timedelta(days=settings.SAFEGUARDING_TRAINING_VALID_DAYS)
    due = (
        Ambassador.objects.for_user(user)
        .due_for_renewal(within_days=within_days, today=today)
        .select_related("organisation")
    )
    by_dbs = due.filter(dbs_renewal_due__lte=horizon).order_by("dbs_renewal_due", "name", "pk")
    by_training = due.filter(safeguarding_trained_on__lte=training_cutoff).order_by(
        "safeguarding_trained_on", "name", "pk"
    )
    candidates = {a.pk: a for a in [*by_dbs[:limit], *by_training[:limit]]}
    rows = [
        DueAmbassador(a, renewals(a, today=today, within_days=within_days))
        for a in candidates.values()
    ]
    rows.sort(key=lambda row: (row.renewals[0].due, row.ambassador.name, row.ambassador.pk))
    return rows[:limit], due.count()
