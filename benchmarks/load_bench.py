"""The load test's part of `make bench`: a fresh copy of the benchmark database for it
(so bookings and accounts from one run never meet the next), then each run of
load_test.py as a subprocess, read back from the JSON each writes."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "load_test"
P95_MS = 300
BOOKING_RISE = 20  # per cent
# Two minutes a half: two one-minute runs of the same code on one core measured the rise
# at +21% and +7%, a spread as wide as the bound it is held to.
BOOKING_SECONDS = 120

RUNS = [  # label, arguments
    ("run-50", ["run", "--users", "50", "--spawn-rate", "10", "--time", "60s"]),
    ("run-200", ["run", "--users", "200", "--spawn-rate", "20", "--time", "60s"]),
    ("ceiling-200", ["ceiling", "--users", "200", "--spawn-rate", "50", "--time", "60s"]),
    (
        "throttle-50",
        ["run", "--users", "50", "--spawn-rate", "25", "--time", "30s"]
        + ["--journeys", "respondent", "--throttle", "--label", "throttle-50"],
    ),
    (
        "booking-under-report",
        ["booking-under-report", "--users", "50", "--spawn-rate", "10"]
        + ["--time", f"{BOOKING_SECONDS}s"]
        + ["--report-core", "own"],
    ),
]


def copy_database(database_url: str) -> str:
    """A new database made from the benchmark one, named after it with _load."""
    import psycopg2
    from psycopg2 import sql

    url = urlparse(database_url)
    source = url.path.lstrip("/")
    target = f"{source}_load"
    conn = psycopg2.connect(
        dbname="postgres",
        host=url.hostname or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password,
    )
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target))
            )
            cursor.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(target), sql.Identifier(source)
                )
            )
    finally:
        conn.close()
    return urlunparse(url._replace(path=f"/{target}"))


def _load_test(database_url: str, *arguments: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "load_test.py"), *arguments],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        check=True,
        timeout=1200,
    )


def _read(label: str) -> dict:
    return json.loads((RESULTS / f"{label}.json").read_text())


def _journeys(result: dict) -> str:
    return "; ".join(
        f"{row['journey']} {row['p95']}"
        for row in result["journeys"]
        if row["requests"] and row["journey"] != "sign-in"
    )


def measure(database_url: str) -> list[tuple]:
    """Rows for bench.py's table: (figure, measured, against, ratio, ok)."""
    load_url = copy_database(database_url)
    _load_test(load_url, "setup", "--careers", "200")
    for _, arguments in RUNS:
        # Every run starts with the slots free: the last run's people leave bookings,
        # which the next run's would otherwise try to make again.
        _load_test(load_url, "reset")
        _load_test(load_url, *arguments)
    rows = []
    ceiling = _read("ceiling-200")["all"]
    for users in (50, 200):
        result = _read(f"run-{users}")
        everything = result["all"]
        journeys = [r for r in result["journeys"] if r["requests"] and r["journey"] != "sign-in"]
        errors = everything["errors"]
        if users == 50:
            ok = errors == 0 and all(r["p95"] < P95_MS for r in journeys)
            goal = f"p95 < {P95_MS} ms on every journey, 0 errors"
        else:
            ok = errors == 0
            goal = "0 errors besides deliberate 429s"
        rows.append(
            (
                f"load test, {users} users, 60 s: p95 ms by journey",
                f"{_journeys(result)}; {everything['rps']:.1f} requests/s, {errors} errors",
                goal,
                "",
                ok,
            )
        )
    run_200 = _read("run-200")["all"]
    rows.append(
        (
            "bare Django view on the same server, 200 users (the ceiling)",
            f"{ceiling['rps']:.1f} requests/s, p95 {ceiling['p95']} ms",
            f"the application at 200 users: {run_200['rps']:.1f} requests/s",
            f"{run_200['rps'] / ceiling['rps']:.3f}×",
            ceiling["errors"] == 0,
        )
    )
    throttled = _read("throttle-50")["all"]
    rows.append(
        (
            "50 respondents on one questionnaire from one address, the real flood limit",
            f"{throttled['429s']} × 429 of {throttled['requests']} requests, "
            f"{throttled['errors']} errors",
            "429s only",
            "",
            throttled["errors"] == 0 and throttled["429s"] > 0,
        )
    )
    both = json.loads((RESULTS / "booking-under-report.json").read_text())
    alone = next(r for r in both["alone"]["journeys"] if r["journey"] == "careers")
    during = next(r for r in both["during"]["journeys"] if r["journey"] == "careers")
    rise = 100 * (during["p95"] - alone["p95"]) / alone["p95"]
    done = sum(1 for run in both["report_runs"] if run["status"] == "done")
    rows.append(
        (
            f"booking journey p95, {BOOKING_SECONDS} s alone then {BOOKING_SECONDS} s while "
            "national reports compile "
            f"({done} done meanwhile; "
            "worker and its session on a core of their own)",
            f"{alone['p95']} → {during['p95']} ms ({rise:+.0f}%), "
            f"{alone['errors'] + during['errors']} errors",
            f"rise ≤ {BOOKING_RISE}%",
            "",
            rise <= BOOKING_RISE and alone["errors"] + during["errors"] == 0,
        )
    )
    return rows
