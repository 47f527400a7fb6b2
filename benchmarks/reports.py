"""The impact and annual-cycle reports at national scale, against the floor: the time of
one hand-written SQL statement computing the same headline figures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_bench \\
        python benchmarks/reports.py             # builds the data set first if missing
    ... python benchmarks/reports.py --rebuild   # build the data set again first
    ... python benchmarks/reports.py --runs 5    # median of 5 (default 3) after a warm-up

For the largest area and for the nation, academic year 2024/25: each report and the floor
are timed (median after one warm-up run, the query count from the last run), the impact
report's headline figures are checked against the floor's, and a table is printed with
the ratio. The issue asks for the impact report within 3× of the floor.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.national_data import benchmark_areas, ensure, setup_django  # noqa: E402
from benchmarks.timing import timed  # noqa: E402

LIMIT = 3


def largest_area():
    from django.db.models import Count

    return (
        benchmark_areas()
        .annotate(n=Count("programmes__events"))
        .order_by("-n", "pk")
        .values_list("pk", "name", "n")
        .first()
    )


def measure(label, scope, period, runs):
    """Rows of the table for one scope, and the figures that disagree with the floor."""
    from django.db import connection

    from benchmarks.report_floor import figures_agree, floor, report_figures
    from reporting.compilers import compile_annual_cycle, compile_impact

    with connection.cursor() as cursor:
        floor_s, _, floor_figures = timed(lambda: floor(cursor, scope, period), runs)
    impact_s, impact_q, report = timed(lambda: compile_impact(scope=scope, period=period), runs)
    mine = report_figures(report)
    print(f"{label}: {floor_figures}", flush=True)
    cycle_s, cycle_q, _ = timed(lambda: compile_annual_cycle(scope=scope, period=period), runs)
    rows = [
        ("impact", label, impact_s, floor_s, impact_q),
        ("annual cycle", label, cycle_s, floor_s, cycle_q),
    ]
    return rows, [] if figures_agree(mine, floor_figures) else [(label, mine, floor_figures)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    ensure(args.rebuild)

    from reporting.periods import Period
    from reporting.scope import ReportScope

    period = Period.academic(2024)
    area_id, area_name, area_events = largest_area()
    print(f"One area: {area_name} ({area_events:,} events in all years)")
    rows, failures = [], []
    for label, scope in (
        ("one area", ReportScope.areas([area_id])),
        ("nation", ReportScope.national()),
    ):
        found, failed = measure(label, scope, period, args.runs)
        rows += found
        failures += failed

    print()
    print("| report | scope | seconds | floor seconds | ratio | queries |")
    print("|---|---|---|---|---|---|")
    for report_kind, label, seconds, floor_s, queries in rows:
        print(
            f"| {report_kind} | {label} | {seconds:.2f} | {floor_s:.2f} | "
            f"{seconds / floor_s:.2f}× | {queries} |"
        )
    for label, mine, theirs in failures:
        print(f"\nFIGURES DIFFER ({label}):\n report {mine}\n floor  {theirs}")
    over = [r for r in rows if r[0] == "impact" and r[2] / r[3] > LIMIT]
    if failures or over:
        sys.exit(1)
    print(f"\nThe impact report's figures match the floor's and it is within {LIMIT}× of it.")


if __name__ == "__main__":
    main()
