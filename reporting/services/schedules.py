"""Reports compiled at the end of each term and sent to their owner as a link (never as
an attachment: the files stay behind sign-in, where access is checked)."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from outreach.audit.services import record_change
from programmes.academic_year import TERMS, academic_year_of, term_bounds

from ..models import ReportRun, ReportSchedule
from ..periods import Period
from ..scope import ReportScope, ScopeKind
from .runs import ScopeNotAllowed, _check, report_run_start

logger = logging.getLogger(__name__)


def last_ended_term(today: datetime.date) -> tuple[int, str]:
    """(academic year, term) of the most recent term that ended before today."""
    this_year = academic_year_of(today)
    ended = [
        (term_bounds(year, term)[1], year, term)
        for year in (this_year - 1, this_year)
        for term in TERMS
        if term_bounds(year, term)[1] < today
    ]
    _, year, term = max(ended)
    return year, str(term)


def _term_key(year: int, term: str) -> str:
    return f"{year}-{term}"


def report_schedule_create(*, user, kind: str, scope: ReportScope, today=None) -> ReportSchedule:
    today = today or timezone.localdate()
    _check(user=user, kind=kind, scope=scope, period=Period.academic(academic_year_of(today)))
    with transaction.atomic():
        schedule = ReportSchedule.objects.create(
            owner=user,
            kind=kind,
            scope_kind=scope.kind,
            programme_id=scope.programme_id,
            # The next term to end is the first one sent: not one that ended already.
            last_term=_term_key(*last_ended_term(today)),
        )
        if scope.kind in (ScopeKind.AREA, ScopeKind.AREAS):
            schedule.areas.set(scope.area_ids)
    return schedule


def report_schedule_stop(*, schedule: ReportSchedule) -> None:
    if ReportSchedule.objects.filter(pk=schedule.pk, active=True).update(active=False):
        record_change("update", schedule, changes={"active": [True, False]})


def report_schedules_run(*, today=None) -> list[ReportRun]:
    """Start this term's run for every schedule not yet run for the term that just ended.
    Run daily; each schedule starts one run per term however often this runs."""
    today = today or timezone.localdate()
    year, term = last_ended_term(today)
    key = _term_key(year, term)
    started = []
    due = ReportSchedule.objects.filter(active=True).exclude(last_term=key)
    for schedule_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            schedule = (
                ReportSchedule.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("owner")
                .filter(pk=schedule_id, active=True)
                .exclude(last_term=key)
                .first()
            )
            if schedule is None:
                continue
            try:
                run, _ = report_run_start(
                    user=schedule.owner,
                    kind=schedule.kind,
                    scope=schedule.report_scope,
                    period=Period.academic(year),
                    schedule=schedule,
                )
            except ScopeNotAllowed:
                # The owner no longer leads that area: stop, rather than report to them.
                logger.info("report schedule %s stopped: owner lost the scope", schedule.pk)
                schedule.active = False
                schedule.save(update_fields=["active"])
                continue
            schedule.last_term = key
            schedule.save(update_fields=["last_term"])
            started.append(run)
    return started
