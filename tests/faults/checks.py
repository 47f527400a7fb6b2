"""Helpers of the fault tests: what they need to run, and what they check of a run."""

import os
import shutil

import pytest
from django.db import connection

from reporting.models import FileFormat, ReportRun, RunStatus

from .processes import PG_BIN, wait_for

needs_redis_server = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server on PATH (a private broker)"
)
needs_postgres_server = pytest.mark.skipif(
    not (PG_BIN / "initdb").exists() or os.geteuid() != 0 or shutil.which("runuser") is None,
    reason="needs PostgreSQL server binaries (/usr/lib/postgresql/N/bin) and root (runuser)",
)

# Tests of a real worker on the shared PostgreSQL and Redis (the test database, committed).
ON_SHARED_SERVICES = [
    pytest.mark.faults,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


def database_url_for_workers() -> str:
    """The test database, as a URL worker processes can use."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def run_state(pk) -> dict:
    return ReportRun.objects.values("status", "progress", "claimed_by", "attempts", "message").get(
        pk=pk
    )


def wait_finished(pk, timeout, what) -> dict:
    """The run's state once it is done or failed."""
    return wait_for(
        lambda: (s := run_state(pk))["status"] in (RunStatus.DONE, RunStatus.FAILED) and s,
        timeout,
        what,
    )


def stored_files(media, pk) -> list[str]:
    folder = media / "reports" / str(pk)
    return sorted(os.listdir(folder)) if folder.exists() else []


def assert_done_once(run_pk, media, attempts=1):
    """The run is done after `attempts` attempts, with one file of each format, each
    written once (a second compile that got as far as storing would leave more)."""
    run = ReportRun.objects.get(pk=run_pk)
    assert run.status == "done", run_state(run_pk)
    assert run.attempts == attempts, run_state(run_pk)
    assert run.progress == 100
    assert sorted(run.files.values_list("format", flat=True)) == sorted(FileFormat.values)
    stored = stored_files(media, run_pk)
    assert len(stored) == len(FileFormat.values), stored
    return stored
