"""Tasks run in-process without a broker, and through Redis with a real worker."""

import pytest

from outreach import celery_app
from outreach.tasks import ping


def test_a_task_runs_eagerly_in_process(db):
    result = ping.delay()
    assert result.get(timeout=5) == {"database": "ok"}


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_task_runs_through_the_redis_broker_on_a_real_worker():
    from celery.contrib.testing.worker import start_worker

    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = ping.delay()
            assert result.get(timeout=20) == {"database": "ok"}
            assert result.state == "SUCCESS"
    finally:
        # What it was, not True: a later real-worker test in the same run needs it off.
        celery_app.conf.task_always_eager = previous
