"""National-scale data on PostgreSQL for the benchmarks: `manage.py seed_scale`'s full
set (42 ICB areas, 3,500 secondary and 20,000 primary schools, three academic years of
events, questionnaire answers and participants; outreach/scale/), built once and reused.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_bench \\
        python benchmarks/national_data.py             # builds once; later runs reuse it
    ... python benchmarks/national_data.py --rebuild   # remove it and build again
    ... python benchmarks/national_data.py --fraction 0.01   # a small set, for quick runs

The same generator and seed as `manage.py seed_scale --areas 42 --years 3`, so a set the
command loaded is found and reused here. The set is made in one transaction: its areas
(codes SYN01…SYN42) exist only once the whole of it does, which is the marker. The
benchmark database is a scratch one by contract: other scripts here add their own rows
to it, so the generator's check for data it did not make is not applied.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AREAS = 42
YEARS = 3


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database.")


def plan(fraction: float = 1.0):
    from outreach.scale import Plan

    return Plan(areas=AREAS, years=YEARS, fraction=fraction)


def benchmark_areas():
    from outreach.scale import synthetic_areas

    return synthetic_areas().order_by("code")


def built_fraction(fraction: float = 1.0) -> bool:
    """The set in the database is this fraction's: as many events as it plans (give or
    take the few that load tests and other benchmarks log on its programmes)."""
    from programmes.models import EngagementEvent

    wanted = sum(plan(fraction).events.values())
    found = EngagementEvent.objects.filter(programme__area__in=benchmark_areas()).count()
    return wanted <= found <= wanted * 1.01


def remove() -> None:
    from outreach.scale import remove as remove_set

    remove_set()


def build(fraction: float = 1.0) -> dict:
    """Build the set; returns what was made (rows per table)."""
    from outreach.scale import Progress, build, summary

    build(plan(fraction), progress=Progress(plan(fraction).expected_rows()))
    return {table: rows for table, (rows, _) in summary().items()}


def ensure(rebuild: bool = False, fraction: float = 1.0) -> None:
    """Build the set unless one of this fraction is already there."""
    if rebuild and benchmark_areas().exists():
        started = time.perf_counter()
        remove()
        print(f"Removed the old data set in {time.perf_counter() - started:.0f} s")
    if benchmark_areas().exists() and built_fraction(fraction):
        print(f"Data set (fraction {fraction:g}) found: reusing it (--rebuild to start again).")
        return
    remove()  # another fraction's set, or none
    started = time.perf_counter()
    made = build(fraction)
    summary = ", ".join(f"{n:,} {what}" for what, n in made.items())
    print(f"Built {summary} in {time.perf_counter() - started:.0f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="remove the data set, build anew")
    parser.add_argument("--fraction", type=float, default=1.0, help="of the national set")
    args = parser.parse_args()
    setup_django()
    ensure(args.rebuild, args.fraction)


if __name__ == "__main__":
    main()
