"""Redis restarted while reports are queued: the broker keeps nothing (no RDB, no AOF), so
the queued messages go with it; the sweep, as beat runs it, sends the runs again from the
database, and a real worker then compiles every one exactly once: none lost, none twice."""

import time

import pytest
from django.conf import settings

from reporting.models import ReportRun, RunStatus

from .checks import assert_done_once, database_url_for_workers, needs_redis_server
from .processes import PrivateRedis, app_env, broker_client, log_tail, wait_for, worker

RUNS = 3
HEAVY = settings.CELERY_TASK_ROUTES["reporting.compile_report_run"]["queue"]
INTERACTIVE = settings.CELERY_TASK_ROUTES["reporting.sweep_report_runs"]["queue"]


def sweep(client) -> dict:
    """What beat does on its schedule: send the sweep task, here waiting for its answer."""
    return client.send_task("reporting.sweep_report_runs", queue=INTERACTIVE).get(timeout=60)


@pytest.mark.faults
@pytest.mark.postgres
@needs_redis_server
@pytest.mark.django_db(transaction=True)
def test_runs_queued_when_redis_restarts_are_sent_again_and_done_exactly_once(
    queued_run, tmp_path, worker_media
):
    started = time.monotonic()
    with PrivateRedis(tmp_path) as redis:
        client = broker_client(redis.url)
        runs = [queued_run() for _ in range(RUNS)]
        for pk in runs:  # as the request path does once the run is committed
            client.send_task("reporting.compile_report_run", args=[pk], queue=HEAVY)
        assert redis.cli("llen", HEAVY) == str(RUNS)
        print(f"\n[redis] {RUNS} runs queued on a private Redis (port {redis.port}), no worker")

        redis.stop()
        redis.start()
        assert redis.cli("llen", HEAVY) == "0"
        print("[redis] restarted Redis: the queued messages are gone")

        env = app_env(
            database_url=database_url_for_workers(),
            redis_url=redis.url,
            DJANGO_MEDIA_ROOT=worker_media,
            REPORT_REQUEUE_AFTER_MINUTES=0,  # production waits 10 minutes first
        )
        log = tmp_path / "worker.log"
        with worker(f"{INTERACTIVE},{HEAVY}", "as-is", env=env, log=log):
            # Beat's sweep, twice in a row: the second may send again runs the first did
            # (still queued), so each run may be delivered twice: the claim decides.
            first, second = sweep(client), sweep(client)
            print(f"[redis] sweeps sent again {first['requeued']} then {second['requeued']} runs")
            assert first == {"failed": 0, "requeued": RUNS}
            wait_for(
                lambda: (
                    not ReportRun.objects.filter(pk__in=runs)
                    .exclude(status__in=(RunStatus.DONE, RunStatus.FAILED))
                    .exists()
                ),
                120,
                "every run to finish",
            )
            time.sleep(3)  # a duplicate delivery still in the queue has run by now
            assert sweep(client) == {"failed": 0, "requeued": 0}
            for pk in runs:
                try:
                    assert_done_once(pk, worker_media, attempts=1)
                except AssertionError as failure:
                    raise AssertionError(log_tail(log)) from failure
            assert redis.cli("llen", HEAVY) == "0"
    print(
        f"[redis] checked: all {RUNS} runs done, each after exactly 1 attempt with one file "
        f"a format, nothing left on the queue, a later sweep found nothing to send "
        f"({time.monotonic() - started:.1f}s)"
    )
