"""A core of its own for the report, as in production where the heavy worker runs on a
host of its own and PostgreSQL has cores to spare: on this 2-core machine everything
else (gunicorn, the load generator, PostgreSQL's other sessions) keeps to core 0 and the
heavy worker with its database session to core 1. The machine's PostgreSQL is shared,
so its postmaster's affinity is put back on leaving; sessions opened meanwhile keep core
0 until they close (the server's close when it stops)."""

import os
import threading
from contextlib import contextmanager, suppress

HEAVY_APPLICATION = "outreach-heavy"  # the heavy worker's sessions, in pg_stat_activity
WEB_CORE, REPORT_CORE = 0, 1


def _postmaster_pid(cursor) -> int:
    cursor.execute("SHOW data_directory")
    (folder,) = cursor.fetchone()
    with open(os.path.join(folder, "postmaster.pid")) as pid_file:
        return int(pid_file.readline())


@contextmanager
def report_core(database_url: str):
    if len(os.sched_getaffinity(0)) < 2:
        raise SystemExit("A core for the report needs two cores at least.")
    import psycopg2

    conn = psycopg2.connect(database_url)
    conn.autocommit = True
    cursor = conn.cursor()
    postmaster = _postmaster_pid(cursor)
    before = os.sched_getaffinity(postmaster), os.sched_getaffinity(0)
    os.sched_setaffinity(postmaster, {WEB_CORE})  # new sessions start on core 0
    os.sched_setaffinity(0, {WEB_CORE})  # and so do the server and the load generator
    stop = threading.Event()

    def pin_report_sessions():
        while not stop.wait(0.2):
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
                [HEAVY_APPLICATION],
            )
            for (pid,) in cursor.fetchall():
                with suppress(OSError):  # the session ended meanwhile
                    os.sched_setaffinity(pid, {REPORT_CORE})

    pinning = threading.Thread(target=pin_report_sessions, daemon=True)
    pinning.start()
    try:
        yield f"taskset -c {REPORT_CORE}".split()
    finally:
        stop.set()
        pinning.join(timeout=5)
        os.sched_setaffinity(postmaster, before[0])
        os.sched_setaffinity(0, before[1])
        conn.close()
