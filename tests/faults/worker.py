"""A real Celery worker for the fault tests, its report compiling changed so that a test
can break it. Run as: python -m tests.faults.worker QUEUES [BEHAVIOUR]

QUEUES is a comma-separated list ("heavy" is where reports are routed). BEHAVIOUR:
  slow    compiling takes its time (about 6 s), so a test can kill it in the middle
  crash   compiling kills its own process with SIGKILL, as the kernel's out-of-memory
          killer would, every time
  as-is   the compiler as shipped
"""

import os
import signal
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


def crashing_compile(run, progress):
    # The claim and a first heartbeat are in the database, as in a real crash mid-run.
    progress(10, "About to crash, for the test")
    print(f"worker process {os.getpid()}: killing itself on run {run.pk}", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


BEHAVIOURS = {"slow": slow_compile, "crash": crashing_compile, "as-is": real_compile}


if __name__ == "__main__":
    queues = sys.argv[1] if len(sys.argv) > 1 else "heavy"
    compiling.compile_document = BEHAVIOURS[sys.argv[2] if len(sys.argv) > 2 else "slow"]
    compiling.PROGRESS_EVERY_SECONDS = 0
    celery_app.worker_main(
        [
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--queues",
            queues,
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
    )
