"""Locust, headless, through its library API: spawn the users, let every staff user sign
in and every request sent meanwhile be answered (the warm-up, reported on its own line),
reset the statistics, measure for the given time or until the request cap, stop. Writes
the figures as JSON.

Started by `load_test.py run` in a process of its own, as Locust patches the standard
library with gevent when imported. It checks the target again: loopback only.
"""

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import gevent
from locust.env import Environment
from locust.stats import StatsEntry

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.load import journeys  # noqa: E402
from benchmarks.load.guard import check_target  # noqa: E402

PERCENTILES = (0.5, 0.95, 0.99)


def _row(name, entries, elapsed, throttled):
    total = StatsEntry(None, name, "", use_response_times_cache=False)
    for entry in entries:
        total.extend(entry)
    requests = total.num_requests
    p50, p95, p99 = (
        total.get_response_time_percentile(p) if requests else None for p in PERCENTILES
    )
    return {
        "journey": name,
        "requests": requests,
        "rps": round(requests / elapsed, 1) if elapsed else 0.0,
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "errors": total.num_failures - throttled,
        "429s": throttled,
    }


def _rows(stats, elapsed, throttled: Counter, *, by_journey: bool):
    groups: dict[str, list] = {}
    for (name, _method), entry in sorted(stats.entries.items()):
        key = name.split(":", 1)[0] if by_journey else name
        groups.setdefault(key, []).append(entry)
    rows = []
    for key, entries in groups.items():
        count = sum(
            n
            for name, n in throttled.items()
            if (name.split(":", 1)[0] if by_journey else name) == key
        )
        rows.append(_row(key, entries, elapsed, count))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--accounts", required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--spawn-rate", type=float, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--max-requests", type=int, required=True)
    parser.add_argument("--journeys", nargs="+", required=True)
    parser.add_argument("--warm-up", type=float, default=90)
    parser.add_argument("--think", type=float, default=3.0)
    parser.add_argument("--one-questionnaire", action="store_true")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    check_target(args.host)

    accounts = json.loads(Path(args.accounts).read_text())
    journeys.configure(
        accounts=accounts,
        host=args.host,
        think=args.think,
        one_questionnaire=args.one_questionnaire,
    )
    classes = [journeys.JOURNEYS[name] for name in args.journeys]
    by_name = {cls.__name__: cls for cls in classes}
    env = Environment(user_classes=classes, host=args.host)
    runner = env.create_local_runner()
    throttled: Counter = Counter()
    seen = {"requests": 0}

    def on_request(name, response=None, **_):
        seen["requests"] += 1
        if response is not None and getattr(response, "status_code", None) == 429:
            throttled[name] += 1

    env.events.request.add_listener(on_request)

    runner.start(args.users, spawn_rate=args.spawn_rate)
    # Warm-up: every user started and every staff user signed in (bounded).
    deadline = time.monotonic() + args.warm_up
    while time.monotonic() < deadline:
        staff = sum(
            n
            for name, n in runner.user_classes_count.items()
            if getattr(by_name[name], "signs_in", False)
        )
        if runner.user_count >= args.users and journeys.SIGNED_IN["count"] >= staff:
            break
        gevent.sleep(0.25)
    # Requests sent before the last sign-in waited behind the warm-up's password hashing
    # (on one core, a careers lead's first catalogue page took 0.5-0.7 s): the measurement
    # starts once each of them has its answer, so it sees the journeys, not the sign-ins.
    signed_in = time.monotonic()
    while time.monotonic() < deadline:
        oldest = journeys.oldest_in_flight()
        if oldest is None or oldest >= signed_in:
            break
        gevent.sleep(0.05)
    warm_up = time.monotonic() - (deadline - args.warm_up)
    sign_in = [e for (name, _), e in env.stats.entries.items() if name.startswith("sign-in")]
    sign_in_row = _row("sign-in (warm-up)", sign_in, warm_up, 0)
    env.stats.reset_all()
    throttled.clear()
    seen["requests"] = 0

    started = time.monotonic()
    while time.monotonic() - started < args.seconds and seen["requests"] < args.max_requests:
        gevent.sleep(0.1)
    elapsed = time.monotonic() - started
    classes_count = dict(runner.user_classes_count)
    runner.quit()

    result = {
        "host": args.host,
        "users": args.users,
        "spawn_rate": args.spawn_rate,
        "think_seconds": args.think,
        "seconds": round(elapsed, 1),
        "warm_up_seconds": round(warm_up, 1),
        "stopped_by": "request cap" if seen["requests"] >= args.max_requests else "time",
        "user_classes": classes_count,
        "journeys": _rows(env.stats, elapsed, throttled, by_journey=True),
        "pages": _rows(env.stats, elapsed, throttled, by_journey=False),
        "all": _row("all", list(env.stats.entries.values()), elapsed, sum(throttled.values())),
        "sign_in": sign_in_row,
        "failures": [
            {"name": f.name, "error": str(f.error), "count": f.occurrences}
            for f in env.stats.errors.values()
        ][:20],
        "exceptions": [e["msg"] for e in runner.exceptions.values()][:10],
    }
    Path(args.out).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
