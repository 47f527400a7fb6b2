"""The retention schedule's writes and the nightly run that applies it."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from outreach.audit.services import record_event

from .kinds import HANDLERS
from .models import Kind, RetentionRule, RetentionRun, RunStatus, period_delta, period_errors
from .selectors import pending, rule_for, rules

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# A run still marked running after this long died with its worker: the next try resumes
# it (every kind's work is idempotent, so redoing part of a batch is harmless).
STALE_AFTER = datetime.timedelta(hours=2)


def retention_rule_update(*, kind: str, period: int, unit: str, action: str, user) -> RetentionRule:
    errors = period_errors(kind, period, unit, action)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rule = RetentionRule.objects.select_for_update().filter(kind=kind).first()
        rule = rule or RetentionRule(kind=kind)
        before = {"period": rule.period, "unit": rule.unit, "action": rule.action}
        rule.period, rule.unit, rule.action, rule.updated_by = period, unit, action, user
        rule.save()
        if kind == Kind.REPORT_FILES:
            _retime_report_runs(rule)
        record_event(
            "retention_rule_change",
            subject=rule,
            summary=f"{rule.get_kind_display()}: {rule.get_action_display().lower()} after "
            f"{rule.label}",
            data={"before": before, "after": {"period": period, "unit": unit, "action": action}},
        )
    return rule


def _retime_report_runs(rule: RetentionRule) -> None:
    """Runs already made take the new period too: one source of truth for how long."""
    from reporting.models import ReportRun

    delta = period_delta(rule.period, rule.unit)
    runs = list(ReportRun.objects.only("pk", "created_at", "expires_at"))
    for run in runs:
        run.expires_at = run.created_at + delta
    ReportRun.objects.bulk_update(runs, ["expires_at"], batch_size=BATCH_SIZE)


def _claim(today: datetime.date, now: datetime.datetime) -> RetentionRun | None:
    """Today's run for this attempt to work on, or None when it is done already or
    another live attempt holds it."""
    run, created = RetentionRun.objects.get_or_create(run_on=today, defaults={"started_at": now})
    if created:
        return run
    resumable = RetentionRun.objects.filter(pk=run.pk, status=RunStatus.FAILED) | (
        RetentionRun.objects.filter(
            pk=run.pk, status=RunStatus.RUNNING, started_at__lt=now - STALE_AFTER
        )
    )
    if resumable.update(status=RunStatus.RUNNING, started_at=now, message=""):
        run.refresh_from_db()
        return run
    return None


def _apply_kind(rule: RetentionRule, today: datetime.date, now: datetime.datetime) -> int:
    handler = HANDLERS[rule.kind]
    cutoff = rule.cutoff(today)
    if handler.apply_all is not None:
        with transaction.atomic():
            return handler.apply_all(cutoff, rule.action, now)
    done, last = 0, None
    while True:
        due = handler.due(cutoff, rule.action, today).queryset.order_by("pk")
        ids = list(due.values_list("pk", flat=True)[:BATCH_SIZE])
        if not ids or ids == last:  # nothing left, or a batch that would not go: stop
            return done
        with transaction.atomic():
            done += handler.apply(ids, rule.action, now)
        last = ids


def apply_retention(*, now: datetime.datetime | None = None, dry_run: bool = False) -> RetentionRun:
    """Anonymise or delete what each rule says is due today, batch by batch.

    The dry run returns an unsaved run whose counts are what the real run would act on.
    The real run is one a day: a second the same day (a retried task, a second beat)
    returns the first and changes nothing; one that died is resumed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    forecast = {}
    for rule in rules():
        found = pending(rule, today)
        forecast[rule.kind] = {
            "action": rule.action,
            "count": found.count,
            "cutoff": found.cutoff.isoformat(),
            "oldest": found.oldest.isoformat() if found.oldest else None,
        }
    if dry_run:
        return RetentionRun(run_on=today, started_at=now, counts=forecast)

    run = _claim(today, now)
    if run is None:
        return RetentionRun.objects.get(run_on=today)
    counts = dict(run.counts)
    try:
        for kind, expected in forecast.items():
            done = _apply_kind(rule_for(kind), today, now) if expected["count"] else 0
            counts[kind] = {**expected, "count": counts.get(kind, {}).get("count", 0) + done}
            RetentionRun.objects.filter(pk=run.pk).update(counts=counts)
    except Exception as error:
        RetentionRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, message=f"{type(error).__name__}"[:255], counts=counts
        )
        logger.exception("retention run for %s failed", today)
        raise
    run.counts, run.status, run.finished_at = counts, RunStatus.DONE, timezone.now()
    run.save(update_fields=["counts", "status", "finished_at"])
    totals = {kind: item["count"] for kind, item in counts.items()}
    record_event(
        "retention_run",
        subject=run,
        summary=f"Retention run for {today:%Y-%m-%d}: {sum(totals.values())} records",
        data={"run_on": today.isoformat(), "counts": totals},
    )
    logger.info("retention run for %s: %s", today, totals)
    return run
