"""A real Celery worker whose report compiling is slowed down, so that a test can kill it
in the middle of a run. Run as: python -m tests.reporting.slow_worker [QUEUE]; without a
queue it consumes "heavy", where reports are routed."""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")
django.setup()

from outreach import celery_app  # noqa: E402
from reporting.services import compiling  # noqa: E402

real_compile = compiling.compile_document


def slow_compile(run, progress):
    for percent in range(5, 85, 5):
        progress(percent, "Taking its time, for the test")
        time.sleep(0.4)
    return real_compile(run, progress)


compiling.compile_document = slow_compile
compiling.PROGRESS_EVERY_SECONDS = 0

if __name__ == "__main__":
    celery_app.worker_main(
        [
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--queues",
            sys.argv[1] if len(sys.argv) > 1 else "heavy",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
    )
