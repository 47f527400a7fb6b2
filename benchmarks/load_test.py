"""Load test with Locust: the real journeys against gunicorn on 127.0.0.1, with
PostgreSQL and Redis, headless and bounded in users, time and requests.

  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_load
  python benchmarks/load_test.py setup                  # accounts, slots, questionnaires
  python benchmarks/load_test.py run --users 50 --spawn-rate 10 --time 60s
  python benchmarks/load_test.py run --users 200 --spawn-rate 20 --time 60s
  python benchmarks/load_test.py run --users 50 --time 30s --journeys respondent --throttle
  python benchmarks/load_test.py ceiling --users 200 --time 60s
  python benchmarks/load_test.py booking-under-report --users 50 --time 60s

Each command starts its own server (gunicorn, 2 x cores workers, --bind 127.0.0.1:PORT,
DJANGO_SETTINGS_MODULE=benchmarks.settings so the bare view is on the same server) and,
where reports are started, a heavy-queue Celery worker; both stop at the end, and by
themselves at the latest a few minutes after the run's time is up. The journeys are in
benchmarks/load/journeys.py; the accounts file (passwords and authenticator keys of
load-test accounts only) is written under var/, which git ignores.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.parse
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.load import cores, guard, servers  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ACCOUNTS = ROOT / "var" / "load_test" / "accounts.json"
RESULTS = ROOT / "var" / "load_test"
REDIS_URL = "redis://127.0.0.1:6379/14"
JOURNEYS = ("careers", "partner", "respondent", "lead")
# Raised for the run: every simulated phone shares 127.0.0.1 (see benchmarks/README.md).
UNTHROTTLED_PER_MINUTE = 1_000_000
COLUMNS = ("journey", "requests", "rps", "p50", "p95", "p99", "errors", "429s")


def _database_url(value: str | None) -> str:
    url = value or os.environ.get("DATABASE_URL", "")
    parsed = urllib.parse.urlparse(url)
    if not parsed.scheme.startswith("postgres") or parsed.hostname != guard.LOOPBACK:
        raise guard.BoundsError("Set DATABASE_URL to a PostgreSQL database on 127.0.0.1.")
    return url


def _django(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django

    django.setup()


# ----------------------------------------------------------------------------- setup


def setup(args):
    _django(_database_url(args.database_url))
    from benchmarks.load import accounts

    previous = json.loads(ACCOUNTS.read_text()) if ACCOUNTS.exists() else {}
    content = accounts.build(
        areas=args.areas,
        careers=args.careers,
        partners=args.partners,
        leads=args.leads,
        password=previous.get("password") or accounts.new_password(),
    )
    content["report_year"] = args.report_year
    accounts.write(ACCOUNTS, content)
    print(
        f"{len(content['areas'])} areas, {len(content['careers'])} careers leads, "
        f"{len(content['partners'])} delivery partners, {len(content['leads'])} workforce "
        f"leads; written to {ACCOUNTS}"
    )


def reset(args):
    _django(_database_url(args.database_url))
    from benchmarks.load import accounts

    accounts.reset(json.loads(ACCOUNTS.read_text()))


# ------------------------------------------------------------------------------ runs


def _bounds(args):
    guard.check_host(args.host)
    return guard.users(args.users), guard.seconds(args.time), guard.max_requests(args.max_requests)


def _drive(
    url, *, users, spawn_rate, seconds, max_requests, journeys, label, think=3.0, one_hall=False
) -> dict:
    """One bounded Locust run in its own process; its figures."""
    out = RESULTS / f"{label}.json"
    warm_up = 90
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "load" / "drive.py"),
        "--host",
        url,
        "--accounts",
        str(ACCOUNTS),
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--seconds",
        str(seconds),
        "--max-requests",
        str(max_requests),
        "--warm-up",
        str(warm_up),
        "--think",
        str(think),
        "--out",
        str(out),
        "--journeys",
        *journeys,
    ]
    if one_hall:
        command.append("--one-questionnaire")
    subprocess.run(command, cwd=ROOT, check=True, timeout=warm_up + seconds + 60)
    return json.loads(out.read_text())


def _cell(value):
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def _lines(rows) -> list[str]:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        if row["requests"] or row["journey"].endswith("(warm-up)"):
            lines.append("| " + " | ".join(_cell(row[c]) for c in COLUMNS) + " |")
    return lines


def table(result: dict, *, pages: bool = False) -> str:
    """Per journey (and the warm-up's sign-ins); with pages, per page as well."""
    lines = _lines([*result["journeys"], result["all"], result["sign_in"]])
    if pages:
        lines += ["", *_lines([*result["pages"], result["all"]])]
    head = (
        f"{result['users']} users (think {result.get('think_seconds', '-')} s), "
        f"{result['seconds']} s measured (after {result['warm_up_seconds']} s warm-up), "
        f"stopped by {result['stopped_by']}; times in ms"
    )
    return head + "\n" + "\n".join(lines)


def _report(result: dict, label: str, pages: bool) -> None:
    print(table(result, pages=pages))
    for failure in result["failures"][:10]:
        print(f"  failure x{failure['count']}: {failure['name']}: {failure['error']}")
    for exception in result["exceptions"]:
        print("  exception:", exception)
    print(f"JSON: {RESULTS / (label + '.json')}")


def _flush_redis():
    """The run's own Redis database: no queued task or counter from an earlier run."""
    subprocess.run(
        ["redis-cli", "-u", REDIS_URL, "FLUSHDB"], check=True, capture_output=True, timeout=10
    )


def _serving(
    args, seconds, *, heavy_worker, throttle=False, low_priority_reports=True, report_prefix=()
):
    database_url = _database_url(args.database_url)
    per_minute = 300 if throttle else UNTHROTTLED_PER_MINUTE
    env = servers.server_env(
        database_url=database_url, redis_url=REDIS_URL, submissions_per_minute=per_minute
    )
    if not ACCOUNTS.exists():
        raise SystemExit(f"No {ACCOUNTS}: run `load_test.py setup` first.")
    servers.collectstatic(env)
    _flush_redis()
    lifetime = 3 * (seconds + 90) + 300  # every phase of the longest command, and spare
    return servers.running(
        host=args.host,
        port=args.port,
        env=env,
        lifetime=lifetime,
        heavy_worker=heavy_worker,
        low_priority_reports=low_priority_reports,
        report_prefix=report_prefix,
    )


def run(args):
    users, seconds, cap = _bounds(args)
    label = args.label or f"run-{users}"
    with _serving(args, seconds, heavy_worker=not args.no_worker, throttle=args.throttle) as url:
        result = _drive(
            url,
            users=users,
            spawn_rate=args.spawn_rate,
            seconds=seconds,
            max_requests=cap,
            journeys=args.journeys,
            label=label,
            think=args.think,
            one_hall=args.throttle,
        )
    _report(result, label, args.pages)


def ceiling(args):
    users, seconds, cap = _bounds(args)
    label = args.label or f"ceiling-{users}"
    with _serving(args, seconds, heavy_worker=False) as url:
        result = _drive(
            url,
            users=users,
            spawn_rate=args.spawn_rate,
            seconds=seconds,
            max_requests=cap,
            journeys=["bare"],
            label=label,
        )
    _report(result, label, False)


def booking_under_report(args):
    users, seconds, cap = _bounds(args)
    drive = {"users": users, "spawn_rate": args.spawn_rate, "seconds": seconds}
    drive["think"] = args.think
    drive["max_requests"] = cap
    low = args.report_priority == "low"
    with ExitStack() as stack:
        prefix = ()
        if args.report_core == "own":
            prefix = stack.enter_context(cores.report_core(_database_url(args.database_url)))
        url = stack.enter_context(
            _serving(
                args, seconds, heavy_worker=True, low_priority_reports=low, report_prefix=prefix
            )
        )
        alone = _drive(url, journeys=["careers"], label="booking-alone", **drive)
        # The same schools book again: their slots free, their codes accepted again.
        subprocess.run(
            [sys.executable, __file__, "reset", "--database-url", _database_url(args.database_url)],
            check=True,
            timeout=120,
        )
        feeder = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.load.feeder",
                "--seconds",
                str(seconds + 90 + 10),
            ],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": _database_url(args.database_url)}
            | {"REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"},
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)  # the first national run is claimed by the worker
        try:
            during = _drive(url, journeys=["careers"], label="booking-during-report", **drive)
        finally:
            runs_text, _ = feeder.communicate(timeout=seconds + 200)
    runs = json.loads(runs_text or "[]")
    print("Booking journey alone:")
    _report(alone, "booking-alone", True)
    print("\nThe same while national reports compile:")
    _report(during, "booking-during-report", True)
    print("\nNational report runs meanwhile:", json.dumps(runs))
    for page in ("careers", "careers: book"):
        before = _find(alone, page)
        after = _find(during, page)
        if before and after and before["p95"]:
            rise = 100 * (after["p95"] - before["p95"]) / before["p95"]
            print(f"{page}: p95 {before['p95']} ms alone, {after['p95']} ms during: {rise:+.0f}%")
    summary = {"alone": alone, "during": during, "report_runs": runs}
    (RESULTS / "booking-under-report.json").write_text(json.dumps(summary, indent=1))


def _find(result, name):
    for row in [*result["journeys"], *result["pages"]]:
        if row["journey"] == name:
            return row
    return None


# ------------------------------------------------------------------------------- CLI


def _run_options(parser, *, journeys=True):
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--time", default=None, help="60s or 2m (default 60s, at most 600s)")
    parser.add_argument(
        "--max-requests", type=int, default=None, help="stop after this many (default 200,000)"
    )
    parser.add_argument("--host", default=guard.LOOPBACK, help="127.0.0.1 only")
    parser.add_argument("--port", type=int, default=8041)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--label", default=None, help="name of the JSON file under var/")
    parser.add_argument(
        "--think",
        type=float,
        default=3.0,
        help="a person's mean pause between pages, seconds (default 3)",
    )
    if journeys:
        parser.add_argument("--journeys", nargs="+", choices=JOURNEYS, default=list(JOURNEYS))
        parser.add_argument("--pages", action="store_true", help="a row per page, too")
        parser.add_argument(
            "--throttle",
            action="store_true",
            help="keep the questionnaire flood limit (300 a minute from one address to one "
            "questionnaire) and send every respondent to one questionnaire, to show its 429s",
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="no heavy Celery worker for the reports"
        )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = main.add_subparsers(dest="command", required=True)
    p = sub.add_parser("setup", help="load-test accounts and data in DATABASE_URL")
    p.add_argument("--database-url", default=None)
    p.add_argument("--areas", type=int, default=12)
    p.add_argument("--careers", type=int, default=150)
    p.add_argument("--partners", type=int, default=80)
    p.add_argument("--leads", type=int, default=40)
    p.add_argument("--report-year", type=int, default=2024, help="academic year leads report on")
    p.set_defaults(handler=setup)
    p = sub.add_parser("run", help="the journeys")
    _run_options(p)
    p.set_defaults(handler=run)
    p = sub.add_parser("ceiling", help="the bare Django view on the same server")
    _run_options(p, journeys=False)
    p.set_defaults(handler=ceiling)
    p = sub.add_parser("booking-under-report", help="booking p95 alone, then with reports")
    _run_options(p, journeys=False)
    p.add_argument(
        "--report-priority",
        choices=["low", "default"],
        default="low",
        help="low: the heavy worker niced and its queries on one core (see README)",
    )
    p.add_argument(
        "--report-core",
        choices=["shared", "own"],
        default="shared",
        help="own: the heavy worker and its database session on core 1, the rest on core 0 "
        "(as with the worker on a host of its own; benchmarks/load/cores.py)",
    )
    p.set_defaults(handler=booking_under_report)
    p = sub.add_parser("reset", help="free the load-test slots and codes again")
    p.add_argument("--database-url", default=None)
    p.set_defaults(handler=reset)
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        args.handler(args)
    except guard.BoundsError as error:
        raise SystemExit(str(error)) from None


if __name__ == "__main__":
    main()
