"""A report whose compiling kills its worker process every time (as the out-of-memory
killer would) is redelivered, and after three attempts is parked as failed with a clear
message; it stays parked, with no fourth attempt, and the worker's main process stays up."""

import time

from reporting.models import RunStatus
from reporting.services.compiling import MAX_ATTEMPTS, PARKED_MESSAGE
from reporting.tasks import compile_report_run

from .checks import ON_SHARED_SERVICES, run_state, stored_files, wait_finished
from .processes import log_tail, worker

pytestmark = ON_SHARED_SERVICES


def test_a_run_that_keeps_crashing_its_worker_is_parked_after_three_attempts(
    queued_run, tmp_path, own_queue, worker_env, worker_media
):
    started = time.monotonic()
    run_pk = queued_run()
    log = tmp_path / "worker.log"
    with worker(own_queue, "crash", env=worker_env, log=log) as proc:
        compile_report_run.apply_async(args=[run_pk], queue=own_queue)
        print(f"\n[crash] sent run {run_pk} to a worker whose compiling SIGKILLs its process")
        parked = wait_finished(
            run_pk,
            120,
            "the run to be parked",
        )
        took = time.monotonic() - started
        assert parked["status"] == RunStatus.FAILED, (parked, log_tail(log))
        assert parked["attempts"] == MAX_ATTEMPTS == 3, (parked, log_tail(log))
        assert parked["message"] == PARKED_MESSAGE
        crashes = log_tail(log, 10**6).count(f"killing itself on run {run_pk}")
        assert crashes == MAX_ATTEMPTS, log_tail(log)

        # Another delivery (a sweep, a stray retry) leaves it parked: no fourth attempt.
        compile_report_run.apply_async(args=[run_pk], queue=own_queue)
        time.sleep(6)  # two stale periods: time enough for a fourth claim
        assert run_state(run_pk) == parked
        assert log_tail(log, 10**6).count(f"killing itself on run {run_pk}") == MAX_ATTEMPTS
        assert stored_files(worker_media, run_pk) == []
        assert proc.poll() is None, "the worker's main process stays up"
    print(
        f"[crash] checked: {crashes} crashes, then parked as failed after "
        f"{parked['attempts']} attempts in {took:.1f}s with the message {parked['message']!r}; "
        "a further delivery 6 s later made no fourth attempt, no files were stored, "
        "the worker's main process stayed up"
    )
