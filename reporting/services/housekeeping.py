"""Scheduled upkeep of runs: fail runs whose worker died and never came back, and re-send
runs whose queued message went missing (each idempotent and safe to run as often as beat
likes); and the deletion of expired runs with their files, which the retention run calls."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from outreach.audit.services import record_changes

from ..models import ReportFile, ReportRun, RunStatus

logger = logging.getLogger(__name__)

TIMED_OUT_MESSAGE = (
    "This report stopped before it finished: the process working on it stopped and did "
    "not come back. Nothing is wrong with your request. Try again."
)


def report_runs_delete(ids) -> int:
    """Delete these runs, files first. Which runs are due is the retention schedule's
    call (outreach/privacy, "report files"), run nightly with the rest of it."""
    removed = 0
    for run_id in ids:
        for report_file in ReportFile.objects.filter(run_id=run_id):
            report_file.file.delete(save=False)
        removed += ReportRun.objects.filter(pk=run_id).delete()[0] and 1
    if removed:
        logger.info("removed %s expired report runs", removed)
    return removed


def report_runs_keep_until(start: datetime.datetime) -> datetime.datetime:
    """When a run asked for at `start` is removed: the retention schedule's period."""
    from outreach.privacy.selectors import keep_until

    return keep_until("report_files", start)


def report_runs_fail_timed_out(*, now=None) -> int:
    """Runs claimed but silent for REPORT_RUN_TIMEOUT_MINUTES: their worker died and no
    redelivery took them over. Marked failed, so they can be retried."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.REPORT_RUN_TIMEOUT_MINUTES)
    with transaction.atomic():
        silent = list(
            ReportRun.objects.select_for_update()
            .filter(status=RunStatus.RUNNING)
            .filter(
                Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
            )
            .values_list("pk", flat=True)
        )
        if not silent:
            return 0
        failed = ReportRun.objects.filter(pk__in=silent).update(
            status=RunStatus.FAILED, message=TIMED_OUT_MESSAGE, finished_at=now, stage="Failed"
        )
        record_changes(
            "update",
            [(ReportRun, pk) for pk in silent],
            changes={"status": [RunStatus.RUNNING, RunStatus.FAILED]},
        )
    return failed


def report_runs_requeue(*, now=None) -> list[int]:
    """Send again the runs still queued after REPORT_REQUEUE_AFTER_MINUTES (a message lost
    with a broker restart, say). A duplicate delivery is harmless: the claim decides."""
    from ..tasks import compile_report_run

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.REPORT_REQUEUE_AFTER_MINUTES)
    ids = list(
        ReportRun.objects.filter(status=RunStatus.QUEUED, created_at__lt=cutoff)
        .filter(Q(started_at__isnull=True) | Q(started_at__lt=cutoff))
        .values_list("pk", flat=True)[:500]
    )
    for run_id in ids:
        compile_report_run.delay(run_id)
    return ids
