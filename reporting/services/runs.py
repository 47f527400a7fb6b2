"""Asking for a report, and the life of its run: queued → running → done or failed.

`report_run_start` is what pages, the API and scheduled reports call. It checks the
scope once, finds a run already in flight for the same parameters (so asking twice does
the work once) or creates one, and sends the compile task after the transaction commits.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from outreach.accounts.scope import scope_for
from outreach.audit.services import record_change

from ..models import EXPORT_KINDS, REPORT_KINDS, ReportKind, ReportRun, RunStatus
from ..periods import Period, PeriodError
from ..scope import ReportScope, ScopeKind, scope_allowed
from .housekeeping import report_runs_keep_until

logger = logging.getLogger(__name__)

MAX_QUOTES = 6


class ScopeNotAllowed(Exception):
    """The user may not report on this scope. Pages answer 403 and say nothing more, so a
    programme or area the user cannot see is not revealed to exist."""


def _params_key(*, kind, scope: ReportScope, period: Period, options: dict, user_id) -> str:
    params = {
        "kind": kind,
        "scope": [scope.kind, scope.programme_id, list(scope.area_ids)],
        "period": [period.start.isoformat(), period.end.isoformat(), period.academic_year],
        "options": options,
        "user": user_id,
    }
    return hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()


def _send(run_id: int) -> None:
    from ..tasks import compile_report_run

    transaction.on_commit(lambda: compile_report_run.delay(run_id))


def _check(*, user, kind: str, scope: ReportScope, period: Period) -> None:
    if kind not in ReportKind.values:
        raise ValueError(f"unknown report kind {kind!r}")
    if kind in EXPORT_KINDS and not scope_for(user).is_admin:
        raise ScopeNotAllowed
    if not scope_allowed(user, scope):
        raise ScopeNotAllowed
    if kind == ReportKind.ANNUAL_CYCLE and period.academic_year is None:
        raise PeriodError("The annual-cycle report covers one academic year: choose a year.")


def report_run_start(
    *,
    user,
    kind: str,
    scope: ReportScope,
    period: Period,
    options: dict | None = None,
    schedule=None,
) -> tuple[ReportRun, bool]:
    """(run, created): the run in flight for these parameters, or a new queued one."""
    _check(user=user, kind=kind, scope=scope, period=period)
    options = dict(options or {})
    if "quote_ids" in options:
        # In the order chosen (the report shows them so), each once.
        options["quote_ids"] = list(dict.fromkeys(int(q) for q in options["quote_ids"]))[
            :MAX_QUOTES
        ]
    key = _params_key(kind=kind, scope=scope, period=period, options=options, user_id=user.pk)
    existing = ReportRun.objects.in_flight().filter(params_key=key).first()
    if existing:
        return existing, False
    now = timezone.now()
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(
                kind=kind,
                scope_kind=scope.kind,
                programme_id=scope.programme_id,
                academic_year=period.academic_year,
                date_from=period.start,
                date_to=period.end,
                options=options,
                params_key=key,
                requested_by=user,
                schedule=schedule,
                created_at=now,
                expires_at=report_runs_keep_until(now),
            )
            if scope.kind in (ScopeKind.AREA, ScopeKind.AREAS):
                run.areas.set(scope.area_ids)
    except IntegrityError:
        # Another request with the same parameters created its run first: use that one.
        twin = ReportRun.objects.in_flight().filter(params_key=key).first()
        if twin is None:
            raise
        return twin, False
    _send(run.pk)
    logger.info("report run %s queued (%s, %s)", run.pk, kind, scope.kind)
    return run, True


def report_run_retry(*, user, run: ReportRun) -> ReportRun:
    """Start a failed run again (same parameters, same row). A run in flight or done is
    returned as it is; an identical run started meanwhile is returned instead."""
    if run.status != RunStatus.FAILED:
        return run
    _check(user=user, kind=run.kind, scope=run.report_scope, period=run.period)
    twin = ReportRun.objects.in_flight().filter(params_key=run.params_key).first()
    if twin:
        return twin
    try:
        _requeue_failed(run)
    except IntegrityError:  # an identical run was asked for a moment ago: that one
        twin = ReportRun.objects.in_flight().filter(params_key=run.params_key).first()
        if twin is None:
            raise
        return twin
    run.refresh_from_db()
    return run


def _requeue_failed(run: ReportRun) -> None:
    with transaction.atomic():
        for report_file in run.files.all():
            report_file.file.delete(save=False)
        run.files.all().delete()
        updated = ReportRun.objects.filter(pk=run.pk, status=RunStatus.FAILED).update(
            status=RunStatus.QUEUED,
            # A person asking again starts the count afresh: a run parked after dying
            # three times gets three more tries, not none.
            attempts=0,
            progress=0,
            stage="",
            message="",
            claimed_by="",
            result=None,
            rows=None,
            started_at=None,
            heartbeat_at=None,
            finished_at=None,
            expires_at=report_runs_keep_until(timezone.now()),
        )
        if updated:
            record_change("update", run, changes={"status": [RunStatus.FAILED, RunStatus.QUEUED]})
            _send(run.pk)


__all__ = [
    "MAX_QUOTES",
    "REPORT_KINDS",
    "ScopeNotAllowed",
    "report_run_retry",
    "report_run_start",
]
