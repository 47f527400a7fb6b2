"""Fixtures of the fault tests: a queue of the test's own on the shared broker, and the
environment its worker processes run in (helpers and checks are in checks.py).

Every test here is marked `faults` (`make faults` runs them with their prints shown); the
ones on the shared PostgreSQL and Redis are also marked `postgres` / `redis`, so they skip
with a reason without them, and those that start private servers skip without the binaries."""

import uuid

import pytest
from django.conf import settings

from outreach import celery_app
from reporting.factories import ReportRunFactory
from reporting.models import RunStatus

from .checks import database_url_for_workers
from .processes import app_env


@pytest.fixture
def worker_media(tmp_path):
    return tmp_path / "media"


@pytest.fixture
def worker_env(worker_media):
    """Workers on the test database and the shared broker; a claim goes stale after 3 s
    of silence, so a redelivery takes a dead attempt's run over quickly."""
    return app_env(
        database_url=database_url_for_workers(),
        redis_url=settings.REDIS_URL,
        DJANGO_MEDIA_ROOT=worker_media,
        REPORT_HEARTBEAT_STALE_SECONDS=3,
    )


@pytest.fixture
def own_queue():
    """A queue of the test's own on the shared broker, so that no other worker or leftover
    message takes part; emptied and deleted afterwards."""
    queue = f"reports-fault-test-{uuid.uuid4().hex[:8]}"
    yield queue
    with celery_app.connection_for_write() as conn:
        channel = conn.default_channel
        channel.queue_purge(queue)
        channel.queue_delete(queue)


@pytest.fixture
def queued_run(lead, programme):
    """Queued report runs, as a workforce lead's request leaves them before the worker."""

    def make():
        return ReportRunFactory(
            programme=programme, requested_by=lead, status=RunStatus.QUEUED, progress=0
        ).pk

    return make
