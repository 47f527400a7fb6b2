"""PostgreSQL restarted under load: a real gunicorn (two workers) and a real Celery worker
on a private PostgreSQL, with bookings and questionnaire responses streaming in over HTTP.

1. Under load: the database is stopped for a few seconds and started again. Requests fail
   while it is away; the same web and worker processes serve again within 60 seconds, with
   no restart, and go on serving.
2. Quietly: the load is held, the database restarted, the load let go. No request failed
   on the kept connections while the database was away, so none was dropped for an error:
   only CONN_HEALTH_CHECKS (a check before a connection's first use in each request)
   notices they are dead. Not one request may fail (with the check turned off, the first
   request on each gunicorn worker fails). The Celery worker connects afresh for every task
   (Celery's Django fixup closes connections around each one); its first task must work.

Afterwards every booking and response the server acknowledged is in the database."""

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


def restart_under_load(pg, streams, client) -> dict:
    """Stop and start the database while the streams run; seconds each stream (and the
    worker) took to be served again once the database was back."""
    stopped_at = time.monotonic()
    pg.stop()
    time.sleep(DOWN_FOR)
    pg.start()
    up_at = time.monotonic()
    print(f"[postgres] under load: stopped PostgreSQL (fast), {DOWN_FOR}s down, started "
          f"again: {up_at - stopped_at:.1f}s from stop to accepting connections")  # fmt: skip
    recovered = {}
    for stream in streams:
        first = wait_for(lambda s=stream: s.successes(after=up_at), RECOVERY_LIMIT, stream.name)
        stream.served_again_at = first[0]
        recovered[stream.name] = first[0] - up_at
    wait_for(lambda: worker_answers(client), RECOVERY_LIMIT, "the worker after the restart")
    recovered["worker"] = time.monotonic() - up_at
    time.sleep(3)  # and the load goes on being served
    for stream in streams:
        failures = stream.failures()
        assert failures, f"{stream.name}: the restart was not seen"
        assert all(stopped_at - 1 <= sent < stream.served_again_at for sent in failures), (
            f"{stream.name} failed outside the outage"
        )
        print(
            f"[postgres] {stream.name}: {len(stream.events)} sent, {len(stream.acknowledged)} "
            f"acknowledged, {len(failures)} refused (sent {failures[0] - stopped_at:+.1f}s to "
            f"{failures[-1] - stopped_at:+.1f}s after the stop); served again "
            f"{recovered[stream.name]:.1f}s after PostgreSQL was back, and throughout after"
        )
    print(f"[postgres] worker ran a database task again {recovered['worker']:.1f}s after")
    assert max(recovered.values()) < RECOVERY_LIMIT
    return recovered


def quiet_restart(pg, streams, client) -> None:
    for stream in streams:
        stream.hold()
    before = {stream.name: len(stream.events) for stream in streams}
    pg.stop()
    pg.start()
    up_at = time.monotonic()
    assert worker_answers(client), "the worker's first task after a quiet restart failed"
    for stream in streams:
        stream.go_on()
    wait_for(lambda: all(len(s.successes(after=up_at)) >= 15 for s in streams), 60, "load")
    for stream in streams:
        stream.stop()
        after = stream.events[before[stream.name] :]
        assert all(ok for _, ok in after), f"{stream.name} failed after a quiet restart"
        print(f"[postgres] quiet restart: {stream.name} {len(after)} sent after, all served")
    print("[postgres] quiet restart: the worker's first database task after it succeeded")


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
            print(f"\n[postgres] private PostgreSQL :{pg.port}, gunicorn :{port} (2 workers), "
                  f"a Celery worker; migrated and seeded in "
                  f"{time.monotonic() - started:.1f}s")  # fmt: skip
            web_workers = wait_for(lambda: len(c := children(web.pid)) == 2 and c, 30, "workers")
            pool = children(celery.pid)
            streams = [Bookings(base, site), Responses(base, site)]
            for stream in streams:
                stream.start()
            wait_for(lambda: all(len(s.acknowledged) >= 20 for s in streams), 60, "steady load")
            try:
                restart_under_load(pg, streams, client)
                quiet_restart(pg, streams, client)
            except AssertionError as failure:
                raise AssertionError(f"{failure}\n{log_tail(web_log)}") from failure
            finally:
                for stream in streams:
                    stream.stop()
            assert children(web.pid) == web_workers, "gunicorn's workers were replaced"
            assert children(celery.pid) == pool, "the worker's pool process was replaced"
            assert web.poll() is None, "gunicorn stopped"
            assert celery.poll() is None, "the worker stopped"
        booked, answered = stored(pg.url)

    bookings, responses = streams
    assert set(bookings.acknowledged) <= booked, set(bookings.acknowledged) - booked
    assert set(responses.acknowledged) <= answered, set(responses.acknowledged) - answered
    print(
        f"[postgres] checked: every acknowledged submission is stored — bookings "
        f"{len(bookings.acknowledged)} acknowledged / {len(booked)} stored, responses "
        f"{len(responses.acknowledged)} / {len(answered)} (stored beyond those acknowledged: "
        "committed as the database went, the answer lost; a careers lead sees such a booking "
        "on My bookings); the same gunicorn workers and Celery pool served throughout "
        f"({time.monotonic() - started:.1f}s)"
    )
