"""A real worker on Redis and PostgreSQL, killed with SIGKILL in the middle of a report:
the message is redelivered and the run completes exactly once."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from outreach import celery_app
from reporting.factories import ReportRunFactory
from reporting.models import FileFormat, ReportRun, RunStatus
from reporting.tasks import compile_report_run

ROOT = Path(settings.BASE_DIR)


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def run_state(pk):
    return ReportRun.objects.values("status", "progress", "claimed_by", "attempts").get(pk=pk)


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_run_leaves_the_run_completed_once_after_redelivery(
    lead, programme, tmp_path
):
    # Reports are routed to the heavy queue; this test's worker has a queue of its own, so
    # that no other worker or leftover message on the broker can take part in the run.
    assert celery_app.amqp.router.route({}, compile_report_run.name)["queue"].name == "heavy"
    queue = f"reports-kill-test-{uuid.uuid4().hex[:8]}"
    media = tmp_path / "media"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_MEDIA_ROOT": str(media),
        "REPORT_HEARTBEAT_STALE_SECONDS": "3",
        "PYTHONPATH": str(ROOT),
    }
    run = ReportRunFactory(
        programme=programme, requested_by=lead, status=RunStatus.QUEUED, progress=0
    )
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.reporting.slow_worker", queue],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        compile_report_run.apply_async(args=[run.pk], queue=queue)
        first = wait_for(
            lambda: (
                (s := run_state(run.pk))["status"] == RunStatus.RUNNING
                and s["progress"] >= 20
                and s
            ),
            60,
            "the first attempt to be well under way",
        )
        child_pid = int(first["claimed_by"].split(":")[1])
        os.kill(child_pid, signal.SIGKILL)
        print(f"killed worker process {child_pid} at {first['progress']}%")

        done = wait_for(
            lambda: (s := run_state(run.pk))["status"] in (RunStatus.DONE, RunStatus.FAILED) and s,
            120,
            "the redelivered attempt to finish",
        )
        assert done["status"] == RunStatus.DONE, (tmp_path / "worker.log").read_text()[-3000:]
        assert done["attempts"] == 2
        assert done["claimed_by"] != first["claimed_by"]
        run.refresh_from_db()
        assert run.progress == 100
        assert sorted(run.files.values_list("format", flat=True)) == sorted(FileFormat.values)
        stored = sorted(os.listdir(media / "reports" / str(run.pk)))
        assert len(stored) == len(FileFormat.values), stored  # nothing written twice
        time.sleep(4)  # any stray third delivery would have claimed by now
        assert run_state(run.pk)["attempts"] == 2
        print(f"run {run.pk}: done once, after {done['attempts']} attempts; files {stored}")
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()
        with celery_app.connection_for_write() as conn:
            channel = conn.default_channel
            channel.queue_purge(queue)
            channel.queue_delete(queue)
