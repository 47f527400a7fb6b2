"""`make bench`: every national-scale figure in one table, each beside its floor or goal.

    make bench                                  # the national set (built once, reused)
    make bench BENCH_ARGS="--fraction 0.01"     # a small set, for a quick look
    make bench BENCH_ARGS="--write-results"     # and keep the table in benchmarks/RESULTS.md

or directly, with DATABASE_URL naming a scratch PostgreSQL database:
    python benchmarks/bench.py [--fraction F] [--runs N] [--skip-export] [--skip-load-test]
                               [--write-results]

Parts, each also runnable alone: reports.py (impact and annual-cycle reports against one
hand-written SQL statement), results_page.py (the largest questionnaire's results page
against the SQL of its counts), export_memory.py (the streamed CSV of every answer: rows
per second, peak memory), list_pages.py (first, middle and last pages),
journey_pages.py (each load-test journey's pages one request at a time),
report_memory.py (a heavy worker's peak memory for the nation's report) and
load_test.py (Locust against gunicorn, with the bare-Django ceiling). The run exits
non-zero when a figure misses its goal, after printing the whole table.
"""

import argparse
import datetime
import os
import platform
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.national_data import ensure, setup_django  # noqa: E402

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
REPORT_RATIO = 3
AREA_SECONDS, NATION_SECONDS = 2, 30
LIST_MS = 300
EXPORT_MB = 200


class Table:
    """Rows of (figure, measured, floor or goal, ratio, verdict)."""

    def __init__(self):
        self.rows, self.misses = [], []

    def add(self, figure, measured, against="", ratio="", ok=True):
        self.rows.append((figure, measured, against, ratio, "yes" if ok else "**no**"))
        if not ok:
            self.misses.append(figure)

    def markdown(self) -> str:
        lines = [
            "| figure | measured | floor or goal | ratio | meets goal |",
            "|---|---|---|---|---|",
        ]
        lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in self.rows]
        return "\n".join(lines)


def reports(table, runs, national: bool):
    from benchmarks.reports import largest_area, measure
    from reporting.periods import Period
    from reporting.scope import ReportScope

    period = Period.academic(2024)
    area_id, area_name, _ = largest_area()
    for label, scope, limit in (
        (f"one area ({area_name})", ReportScope.areas([area_id]), AREA_SECONDS),
        ("the nation", ReportScope.national(), NATION_SECONDS),
    ):
        rows, differ = measure(label, scope, period, runs)
        for _, mine, floor_figures in differ:
            print(f"FIGURES DIFFER ({label}):\n report {mine}\n floor  {floor_figures}")
        for kind, _, seconds, floor_s, queries in rows:
            ratio = seconds / floor_s
            # The annual-cycle report does more than the floor computes (two years of
            # reach, the plan, Gatsby, partners): its ratio is shown for scale only. On a
            # small set fixed costs dominate, so the ratio is a goal at national size only.
            within = ratio <= REPORT_RATIO if kind == "impact" and national else True
            table.add(
                f"{kind} report, {label}, 2024/25 ({queries} queries)",
                f"{seconds:.2f} s",
                f"SQL floor {floor_s:.2f} s; goal < {limit} s"
                + (f", ≤ {REPORT_RATIO}× floor" if kind == "impact" else ""),
                f"{ratio:.2f}×",
                seconds < limit and within and not differ,
            )


def results_page(table, runs):
    from benchmarks.results_page import measure

    found = measure(runs)
    table.add(
        f"results page, largest questionnaire ({found['answers']:,} answers, "
        f"{found['queries']} queries)",
        f"{found['seconds'] * 1000:.0f} ms",
        f"SQL of its counts {found['floor'] * 1000:.0f} ms",
        f"{found['seconds'] / found['floor']:.2f}×",
    )


def export(table):
    from django.db import connection

    from benchmarks.export_memory import measure_national

    connection.close()  # the export runs in a child process of its own
    found = measure_national()
    table.add(
        f"streamed CSV export of every answer ({found['rows']:,} rows)",
        f"{found['rows'] / found['seconds']:,.0f} rows/s; peak {found['peak_mb']:.0f} MB",
        f"peak < {EXPORT_MB} MB (Django alone {found['baseline_mb']:.0f} MB)",
        "",
        found["peak_mb"] < EXPORT_MB,
    )


def report_memory(table):
    from django.db import connection

    from benchmarks.report_memory import measure

    connection.close()
    found = measure()
    table.add(
        "one heavy worker's job: the nation's impact report compiled and written as "
        "PDF, Excel and CSV",
        f"{found['total_seconds']:.1f} s; peak {found['peak_mb']:.0f} MB",
        f"sizes heavy workers (Django alone {found['baseline_mb']:.0f} MB)",
    )


def list_pages(table, runs):
    from benchmarks.list_pages import ensure_bookings, measure

    ensure_bookings()
    for row in measure(runs):
        cells = [row[at] for at in ("first", "middle", "last")]
        slowest = max(seconds for seconds, _ in cells) * 1000
        queries = sorted({q for _, q in cells})
        table.add(
            f"{row['list']} list ({row['rows']:,} rows): first / middle / last page",
            " / ".join(f"{s * 1000:.0f} ms" for s, _ in cells)
            + f"; {' / '.join(str(q) for _, q in cells)} queries",
            f"each < {LIST_MS} ms, same queries",
            "",
            slowest < LIST_MS and len(queries) == 1,
        )


def journey_pages(table, runs):
    from django.db import connection

    from benchmarks.journey_pages import GOAL_MS, measure

    connection.close()  # measured in a child process with production settings
    rows = measure(max(runs, 5))
    for journey in dict.fromkeys(row["journey"] for row in rows):
        mine = [row for row in rows if row["journey"] == journey]
        table.add(
            f"{journey} journey's pages one request at a time ("
            + " / ".join(row["page"] for row in mine)
            + ")",
            " / ".join(f"{row['ms']:.0f}" for row in mine)
            + " ms; "
            + " / ".join(str(row["queries"]) for row in mine)
            + " queries",
            f"each well inside the load test's {GOAL_MS} ms",
            "",
            all(row["ms"] < GOAL_MS for row in mine),
        )


def load_test(table):
    from django.db import connection

    from benchmarks.load_bench import measure

    connection.close()  # the load test copies this database
    for figure, measured, against, ratio, ok in measure(os.environ["DATABASE_URL"]):
        table.add(figure, measured, against, ratio, ok)


def machine() -> str:
    from django.db import connection

    with open("/proc/meminfo") as meminfo:
        kb = int(meminfo.readline().split()[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (pg,) = cursor.fetchone()
    return (
        f"{os.cpu_count()} CPU cores, {kb / 1024**2:.0f} GiB memory, "
        f"Python {platform.python_version()}, PostgreSQL {pg}, all on one machine"
    )


def cpu_speed() -> float:
    """Seconds one core takes for a fixed piece of pure Python (best of three). The
    machines these figures come from differ from day to day (the same national set has
    loaded in 153 s on one and 336 s on another): compare it before comparing two
    RESULTS.md tables."""

    def work():
        started = time.perf_counter()
        total = 0
        for i in range(5_000_000):
            total += i % 7
        return time.perf_counter() - started

    return min(work() for _ in range(3))


BEFORE = "\n## The run before\n"


def the_run_before(text: str) -> str:
    """The latest table of an old RESULTS.md, as the new one's "run before": one
    earlier table kept, so a change of machine shows beside a change of code."""
    latest = text.split(BEFORE, 1)[0]
    body = latest.split("\n- Date:", 1)
    if len(body) < 2:
        return ""
    return (
        BEFORE + "\nKept for comparison. Compare the machines first (the speed check, the bare"
        " view's\nrequests a second, the export's rows a second): a slower machine moves"
        " every figure.\n\n- Date:" + body[1].rstrip() + "\n"
    )


def write_results(table, args, seconds, speed):
    shown = [arg for arg in sys.argv[1:] if arg != "--create"]  # the Makefile's own
    command = "make bench" + (f' BENCH_ARGS="{" ".join(shown)}"' if shown else "")
    before = the_run_before(RESULTS.read_text()) if RESULTS.exists() else ""
    RESULTS.write_text(
        "# Benchmark results\n\n"
        "The latest `make bench` table (benchmarks/bench.py; how each part works is in\n"
        "benchmarks/README.md, what it means for running Outreach in docs/scaling.md).\n\n"
        f"- Date: {datetime.date.today():%-d %B %Y}\n"
        f"- Machine: {machine()}; one core runs the speed check"
        f" (`benchmarks/bench.py`'s `cpu_speed`) in {speed:.2f} s\n"
        f"- Data: `manage.py seed_scale --areas 42 --years 3 --fraction {args.fraction:g}`"
        " (seed 2024)\n"
        f"- Command: `{command}` ({seconds / 60:.0f} min), median of {args.runs} runs after"
        " a warm-up\n\n"
        + table.markdown()
        + "\n"
        + ("\nMissed: " + "; ".join(table.misses) + ".\n" if table.misses else "")
        + before
    )
    print(f"\nWrote {RESULTS.relative_to(ROOT)}")


def create_database() -> None:
    """Make the scratch database named by DATABASE_URL if it is missing (PostgreSQL only),
    then migrate it: `make bench` on a fresh machine needs nothing done first."""
    import psycopg2
    from psycopg2 import sql

    url = urlparse(os.environ.get("DATABASE_URL", ""))
    if url.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (make bench does).")
    name = url.path.lstrip("/")
    server = {
        "host": url.hostname or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "password": url.password,
    }
    conn = psycopg2.connect(dbname="postgres", **server)
    conn.autocommit = True  # CREATE DATABASE runs outside a transaction
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created the database {name}")
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--create", action="store_true", help="make and migrate the database")
    parser.add_argument("--fraction", type=float, default=1.0, help="of the national set")
    parser.add_argument("--runs", type=int, default=3, help="median of this many runs")
    parser.add_argument("--rebuild", action="store_true", help="build the data set again")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--skip-load-test", action="store_true")
    parser.add_argument("--write-results", action="store_true", help="into benchmarks/RESULTS.md")
    args = parser.parse_args()
    started = time.perf_counter()
    speed = cpu_speed()
    print(f"CPU speed check: {speed:.2f} s (lower is faster)")
    if args.create:
        create_database()
    setup_django()
    if args.create:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    ensure(args.rebuild, args.fraction)

    table = Table()
    reports(table, args.runs, national=args.fraction == 1)
    results_page(table, args.runs)
    list_pages(table, args.runs)
    journey_pages(table, args.runs)
    if not args.skip_export:
        export(table)
        report_memory(table)
    if not args.skip_load_test:
        load_test(table)
    print()
    print(table.markdown())
    if args.write_results:
        write_results(table, args, time.perf_counter() - started, speed)
    if table.misses:
        sys.exit("\nMissed: " + "; ".join(table.misses))


if __name__ == "__main__":
    main()
