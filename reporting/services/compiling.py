"""Compiling a run, as the Celery task does: claim it, build it, store its files, finish.

Safe to run twice for the same run (a redelivered message, a retry, a sweep re-sending a
queued run): the claim is a conditional UPDATE, so only one attempt works on a run at a
time, and a run already done or failed is left alone. A worker that dies mid-run leaves
its claim to go stale (no heartbeat for REPORT_HEARTBEAT_STALE_SECONDS); the redelivered
task then takes the run over and compiles it once more from the start, and only the
attempt holding the claim may store files and mark the run done.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import socket
import tempfile
import time
import uuid

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from outreach.audit.services import record_bulk_create, record_change

from ..document import Report
from ..models import FileFormat, ReportFile, ReportKind, ReportRun, RunStatus

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError)
MAX_ATTEMPTS = 3  # a run that keeps killing its worker is parked as failed after this
COMPILE_SHARE = 85  # progress given to compiling; rendering the files takes the rest
PROGRESS_EVERY_SECONDS = 1.0
PARKED_MESSAGE = (
    "This report stopped three times before it finished, so it has been set aside. Try "
    "a smaller scope or a shorter period, or contact your administrator with the run number."
)
FAILED_MESSAGE = (
    "Something went wrong while this report was being put together. Nothing was lost: "
    "try again, and if it fails again, contact your administrator with the run number."
)


class RunBusy(Exception):
    """Another attempt is working on the run and still reporting: try again later."""

    def __init__(self, retry_in: int):
        super().__init__(f"run busy, retry in {retry_in}s")
        self.retry_in = retry_in


class ClaimLost(Exception):
    """This attempt no longer holds the run (it was taken over after going quiet)."""


def _token() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:16]}"


def report_run_claim(*, run_id: int) -> str | None:
    """Take the run for this attempt. Returns the claim token, or None when there is
    nothing to do (no such run, or already done or failed). Raises RunBusy while a live
    attempt holds it."""
    now = timezone.now()
    stale_seconds = settings.REPORT_HEARTBEAT_STALE_SECONDS
    stale = now - datetime.timedelta(seconds=stale_seconds)
    token = _token()
    parked = ReportRun.objects.filter(
        pk=run_id, status=RunStatus.RUNNING, heartbeat_at__lt=stale, attempts__gte=MAX_ATTEMPTS
    ).update(status=RunStatus.FAILED, message=PARKED_MESSAGE, finished_at=now, stage="Failed")
    if parked:
        _record_status(run_id, RunStatus.RUNNING, RunStatus.FAILED, message=PARKED_MESSAGE)
    claimable = Q(status=RunStatus.QUEUED) | Q(status=RunStatus.RUNNING, heartbeat_at__lt=stale)
    taken = ReportRun.objects.filter(claimable, pk=run_id).update(
        status=RunStatus.RUNNING,
        claimed_by=token,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        progress=0,
        stage="Starting",
    )
    if taken:
        _record_status(run_id, None, RunStatus.RUNNING)
        return token
    current = ReportRun.objects.filter(pk=run_id).values("status", "heartbeat_at").first()
    if current is None or current["status"] in (RunStatus.DONE, RunStatus.FAILED):
        return None
    beat = current["heartbeat_at"] or now
    raise RunBusy(retry_in=max(1, int(stale_seconds - (now - beat).total_seconds()) + 1))


def _record_status(run_id: int, before, after, **fields) -> None:
    # Claims and progress are conditional UPDATEs, which fire no signals; the trail keeps
    # the status changes only, not the heartbeats between them.
    changes = {"status": [before, after]}
    changes.update({name: [None, value] for name, value in fields.items()})
    record_change("update", (ReportRun, run_id), changes=changes)


class Progress:
    """Reports progress on the run (throttled), and stops the work if the claim is lost."""

    def __init__(self, run_id: int, token: str, *, start: int = 0, share: int = 100):
        self.run_id, self.token = run_id, token
        self.start, self.share = start, share
        self.percent, self._last = 0, 0.0

    def __call__(self, percent: int, stage: str = "") -> None:
        scaled = min(99, self.start + int(self.share * max(0, min(100, percent)) / 100))
        now = time.monotonic()
        if scaled <= self.percent and now - self._last < PROGRESS_EVERY_SECONDS:
            return
        self.percent, self._last = max(self.percent, scaled), now
        fields = {"progress": self.percent, "heartbeat_at": timezone.now()}
        if stage:
            fields["stage"] = stage[:120]
        updated = ReportRun.objects.filter(
            pk=self.run_id, claimed_by=self.token, status=RunStatus.RUNNING
        ).update(**fields)
        if not updated:
            raise ClaimLost


def compile_document(run: ReportRun, progress) -> Report:
    from ..compilers.annual_cycle import compile_annual_cycle
    from ..compilers.impact import compile_impact

    if run.kind == ReportKind.ANNUAL_CYCLE:
        return compile_annual_cycle(scope=run.report_scope, period=run.period, progress=progress)
    return compile_impact(
        scope=run.report_scope,
        period=run.period,
        quote_ids=tuple(run.options.get("quote_ids", ())),
        progress=progress,
    )


def _base_name(run: ReportRun) -> str:
    scope = slugify(run.report_scope.label)[:40] or run.scope_kind
    return f"outreach-{run.kind.replace('_', '-')}-{scope}-{run.period.start:%Y%m%d}-run{run.pk}"


EXTENSIONS = {FileFormat.PDF: "pdf", FileFormat.XLSX: "xlsx", FileFormat.CSV_ZIP: "zip"}


def _build_report(run: ReportRun, token: str, stack) -> tuple[dict, None, list]:
    from ..render import RENDERERS

    document = compile_document(run, Progress(run.pk, token, share=COMPILE_SHARE))
    rendering = Progress(run.pk, token, start=COMPILE_SHARE, share=100 - COMPILE_SHARE)
    files = []
    for index, (fmt, render) in enumerate(RENDERERS.items()):
        rendering(int(100 * index / len(RENDERERS)), f"Writing the {FileFormat(fmt).label} file")
        files.append(
            (fmt, ContentFile(render(document), name=f"{_base_name(run)}.{EXTENSIONS[fmt]}"))
        )
    return document.to_dict(), None, files


def _build_export(run: ReportRun, token: str, stack) -> tuple[None, int, list]:
    from ..exports import EXPORTS
    from ..exports.xlsx import write_xlsx

    progress = Progress(run.pk, token)
    # On disk, not in memory, so memory stays flat whatever the size.
    handle = stack.enter_context(tempfile.TemporaryFile(suffix=".xlsx"))  # noqa: SIM115
    rows = write_xlsx(
        EXPORTS[run.kind],
        scope=run.report_scope,
        period=run.period,
        target=handle,
        progress=progress,
    )
    handle.seek(0)
    return None, rows, [(FileFormat.XLSX, File(handle, name=f"{_base_name(run)}.xlsx"))]


def _finish(run: ReportRun, token: str, result, rows, files) -> bool:
    stored = []
    try:
        for fmt, content in files:
            report_file = ReportFile(run_id=run.pk, format=fmt)
            report_file.file.save(content.name, content, save=False)
            report_file.size = report_file.file.size
            stored.append(report_file)
        with transaction.atomic():
            holder = ReportRun.objects.select_for_update().filter(pk=run.pk).first()
            if holder is None or holder.claimed_by != token or holder.status != RunStatus.RUNNING:
                raise ClaimLost
            ReportFile.objects.filter(run_id=run.pk).delete()
            ReportFile.objects.bulk_create(stored)
            record_bulk_create(stored)
            _record_status(run.pk, RunStatus.RUNNING, RunStatus.DONE, rows=rows)
            ReportRun.objects.filter(pk=run.pk).update(
                status=RunStatus.DONE,
                progress=100,
                stage="Done",
                result=result,
                rows=rows,
                finished_at=timezone.now(),
                heartbeat_at=timezone.now(),
            )
    except BaseException:
        for report_file in stored:
            report_file.file.storage.delete(report_file.file.name)
        raise
    return True


def _fail(run_id: int, token: str, message: str) -> None:
    failed = ReportRun.objects.filter(pk=run_id, claimed_by=token, status=RunStatus.RUNNING).update(
        status=RunStatus.FAILED, message=message, finished_at=timezone.now(), stage="Failed"
    )
    if failed:
        _record_status(run_id, RunStatus.RUNNING, RunStatus.FAILED, message=message)


def _release(run_id: int, token: str) -> None:
    """Hand a run back to the queue after a transient error, for the task's retry."""
    # If the database is still away, the claim goes stale and a later attempt takes over.
    with contextlib.suppress(DatabaseError):
        released = ReportRun.objects.filter(
            pk=run_id, claimed_by=token, status=RunStatus.RUNNING
        ).update(status=RunStatus.QUEUED, claimed_by="", stage="Waiting to try again")
        if released:
            _record_status(run_id, RunStatus.RUNNING, RunStatus.QUEUED)


def report_run_compile(*, run_id: int) -> ReportRun | None:
    """Compile the run (see the module doc). Returns the run when this attempt finished
    it, None when there was nothing for it to do."""
    token = report_run_claim(run_id=run_id)
    if token is None:
        return None
    run = ReportRun.objects.select_related("programme").get(pk=run_id)
    try:
        build = _build_export if run.is_export else _build_report
        with contextlib.ExitStack() as stack:
            result, rows, files = build(run, token, stack)
            _finish(run, token, result, rows, files)
    except ClaimLost:
        logger.warning("report run %s: claim lost, another attempt has it", run_id)
        return None
    except TRANSIENT:
        _release(run_id, token)
        raise
    except Exception:
        logger.exception("report run %s failed", run_id)
        _fail(run_id, token, FAILED_MESSAGE)
        return ReportRun.objects.get(pk=run_id)
    run.refresh_from_db()
    if run.schedule_id:
        from ..tasks import send_report_ready_email

        transaction.on_commit(lambda: send_report_ready_email.delay(run_id))
    logger.info("report run %s done after %s attempt(s)", run_id, run.attempts)
    return run
