"""PostgreSQL restarted under load: a real gunicorn (two workers) and a real Celery worker
on a private PostgreSQL, with bookings and questionnaire responses streaming in over HTTP.
The database is stopped and started again; the same web and worker processes serve again
within 60 seconds with no restart (CONN_HEALTH_CHECKS drops the dead connections), and
every booking and response the server acknowledged is in the database afterwards."""

import json
import time

import psycopg2
import pytest
import requests

from programmes.models import Booking
from surveys.models import Response

from .checks import needs_postgres_server, needs_redis_server
from .load import Bookings, Responses
from .processes import (
    PrivatePostgres,
    PrivateRedis,
    app_env,
    broker_client,
    children,
    free_port,
    gunicorn,
    log_tail,
    manage,
    wait_for,
    worker,
)

SLOTS = 400  # more than the booking stream can take in the test's time
RECOVERY_LIMIT = 60
DOWN_FOR = 3  # seconds the database stays stopped


def healthy(base) -> bool:
    try:
        return requests.get(f"{base}/healthz", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def worker_answers(client) -> bool:
    """The worker ran a task that reads the database (the report-runs sweep)."""
    try:
        client.send_task("reporting.sweep_report_runs", queue="interactive").get(timeout=10)
    except Exception:  # the task's own error (database away) or no answer in time
        return False
    return True


def stored(url) -> tuple[set, set]:
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(f"SELECT slot_id FROM {Booking._meta.db_table} WHERE status = 'confirmed'")
        slots = {row[0] for row in cursor.fetchall()}
        cursor.execute(f"SELECT client_id FROM {Response._meta.db_table}")
        responses = {str(row[0]) for row in cursor.fetchall()}
    conn.close()
    return slots, responses


@pytest.mark.faults
@needs_postgres_server
@needs_redis_server
def test_web_and_worker_serve_again_after_postgres_restarts_and_keep_what_they_acknowledged(
    tmp_path,
):
    started = time.monotonic()
    with PrivatePostgres() as pg, PrivateRedis(tmp_path) as redis:
        env = app_env(
            database_url=pg.url,
            redis_url=redis.url,
            DJANGO_MEDIA_ROOT=tmp_path / "media",
            # Plain HTTP on 127.0.0.1: production's Secure cookies and HTTPS redirect want
            # TLS in front. Connections are kept as in production (the development
            # default is 0), so the ones the restart kills must be noticed and replaced.
            DJANGO_DEBUG=1,
            DATABASE_CONN_MAX_AGE=60,
            SURVEYS_SUBMISSIONS_PER_MINUTE=100_000,  # the kiosk stream is one address
        )
        manage("migrate", "--noinput", env=env)
        site = json.loads(manage("-m", "tests.faults.load_site", str(SLOTS), env=env))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        client = broker_client(redis.url)
        web_log, worker_log = tmp_path / "gunicorn.log", tmp_path / "worker.log"
        with (
            gunicorn(port, env=env, log=web_log) as web,
            worker("interactive,heavy", "as-is", env=env, log=worker_log) as celery,
        ):
            wait_for(lambda: healthy(base), 60, "gunicorn to serve /healthz", every=0.5)
            assert wait_for(lambda: worker_answers(client), 60, "the worker to answer")
            ready = time.monotonic() - started
            print(f"\n[postgres] private PostgreSQL :{pg.port}, gunicorn :{port} (2 workers), "
                  f"a Celery worker; migrated and seeded in {ready:.1f}s")  # fmt: skip
            web_workers = wait_for(lambda: len(c := children(web.pid)) == 2 and c, 30, "workers")
            pool = children(celery.pid)
            streams = [Bookings(base, site), Responses(base, site)]
            for stream in streams:
                stream.start()
            wait_for(lambda: all(len(s.acknowledged) >= 20 for s in streams), 60, "steady load")

            stopped_at = time.monotonic()
            pg.stop()
            time.sleep(DOWN_FOR)
            pg.start()
            up_at = time.monotonic()
            print(f"[postgres] stopped PostgreSQL (fast), {DOWN_FOR}s down, started again: "
                  f"{up_at - stopped_at:.1f}s from stop to accepting connections")  # fmt: skip

            recovered = {}
            for stream in streams:
                first = wait_for(
                    lambda s=stream: s.successes(after=up_at), RECOVERY_LIMIT, stream.name
                )
                recovered[stream.name] = first[0] - up_at
                # Once served again, served throughout: each gunicorn worker's first request
                # after the restart found its dead connection and replaced it unseen.
                stream.served_again_at = first[0]
            wait_for(lambda: worker_answers(client), RECOVERY_LIMIT, "the worker after restart")
            recovered["worker"] = time.monotonic() - up_at
            time.sleep(3)  # and the load goes on being served
            for stream in streams:
                stream.stop()

            assert children(web.pid) == web_workers, "gunicorn's workers were replaced"
            assert children(celery.pid) == pool, "the worker's pool process was replaced"
            assert web.poll() is None, "gunicorn stopped"
            assert celery.poll() is None, "the worker stopped"
        booked, answered = stored(pg.url)

    bookings, responses = streams
    for stream in streams:
        failures = stream.failures()
        assert all(sent >= stopped_at - 1 for sent in failures), (
            f"{stream.name} failed before the restart",
            log_tail(web_log),
        )
        assert all(sent < stream.served_again_at for sent in failures), (
            f"{stream.name} failed again after it was first served after the restart",
            log_tail(web_log),
        )
        print(
            f"[postgres] {stream.name}: {len(stream.events)} sent, "
            f"{len(stream.acknowledged)} acknowledged, {len(failures)} refused "
            + (
                f"(from {failures[0] - stopped_at:+.1f}s to {failures[-1] - stopped_at:+.1f}s "
                "after the stop)"
                if failures
                else ""
            )
            + f"; served again {recovered[stream.name]:.1f}s after PostgreSQL was back"
        )
    print(f"[postgres] worker ran a database task again {recovered['worker']:.1f}s after")
    assert max(recovered.values()) < RECOVERY_LIMIT
    assert set(bookings.acknowledged) <= booked, set(bookings.acknowledged) - booked
    assert set(responses.acknowledged) <= answered, set(responses.acknowledged) - answered
    print(
        "[postgres] stored but never acknowledged (committed as the database went away, the "
        f"answer lost; a careers lead sees it on My bookings): "
        f"{len(booked) - len(bookings.acknowledged)} bookings, "
        f"{len(answered) - len(responses.acknowledged)} responses"
    )
    assert bookings.failures() or responses.failures(), "the restart was not seen at all"
    print(
        f"[postgres] checked: every acknowledged submission is stored — bookings "
        f"{len(bookings.acknowledged)} acknowledged / {len(booked)} stored, responses "
        f"{len(responses.acknowledged)} / {len(answered)}; the same gunicorn workers and "
        f"Celery pool served throughout ({time.monotonic() - started:.1f}s)"
    )
