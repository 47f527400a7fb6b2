"""A real worker on Redis and PostgreSQL, killed with SIGKILL in the middle of a report:
the message is redelivered and the run completes exactly once."""

import os
import signal
import time

from outreach import celery_app
from reporting.models import RunStatus
from reporting.tasks import compile_report_run

from .checks import ON_SHARED_SERVICES, assert_done_once, run_state, wait_finished
from .processes import log_tail, wait_for, worker

pytestmark = ON_SHARED_SERVICES


def test_a_worker_killed_mid_run_leaves_the_run_completed_once_after_redelivery(
    queued_run, tmp_path, own_queue, worker_env, worker_media
):
    # Reports are routed to the heavy queue; this test's worker consumes a queue of its own.
    assert celery_app.amqp.router.route({}, compile_report_run.name)["queue"].name == "heavy"
    started = time.monotonic()
    run_pk = queued_run()
    log = tmp_path / "worker.log"
    with worker(own_queue, "slow", env=worker_env, log=log):
        compile_report_run.apply_async(args=[run_pk], queue=own_queue)
        first = wait_for(
            lambda: (
                (s := run_state(run_pk))["status"] == RunStatus.RUNNING
                and s["progress"] >= 20
                and s
            ),
            60,
            "the first attempt to be well under way",
        )
        child_pid = int(first["claimed_by"].split(":")[1])
        os.kill(child_pid, signal.SIGKILL)
        print(f"\n[kill] killed worker process {child_pid} with SIGKILL at {first['progress']}%")

        done = wait_finished(
            run_pk,
            120,
            "the redelivered attempt to finish",
        )
        assert done["status"] == RunStatus.DONE, log_tail(log)
        assert done["claimed_by"] != first["claimed_by"]
        time.sleep(4)  # any stray third delivery would have claimed by now
        stored = assert_done_once(run_pk, worker_media, attempts=2)
    print(
        f"[kill] checked: run {run_pk} done once by another process after "
        f"{done['attempts']} attempts, no third attempt, one file a format {stored} "
        f"({time.monotonic() - started:.1f}s)"
    )
