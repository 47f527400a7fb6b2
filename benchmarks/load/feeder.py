"""Keeps a national report compiling for a while: whenever none is in flight, start the
next one through the application's own service (`report_run_start`, as the report page
does), so the heavy worker is busy for the whole measurement. Prints what ran as JSON.

  python -m benchmarks.load.feeder --seconds 70   (DATABASE_URL, REDIS_URL set)
"""

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--years", type=int, nargs="+", default=[2024, 2023])
    args = parser.parse_args()
    import django

    django.setup()
    from django.utils import timezone

    from benchmarks.load.accounts import ADMIN_EMAIL
    from outreach.accounts.models import User
    from reporting.models import ReportRun, RunStatus
    from reporting.periods import Period
    from reporting.scope import ReportScope
    from reporting.services import report_run_start

    admin = User.objects.get(email=ADMIN_EMAIL)
    # A run left "running" when an earlier load test stopped its worker would be handed
    # back for the same parameters and never finish; these are the load test's own.
    ReportRun.objects.in_flight().filter(requested_by=admin).update(
        status=RunStatus.FAILED, message="Left over from an earlier load test."
    )
    kinds = itertools.cycle(itertools.product(["impact", "annual_cycle"], args.years))
    started = []
    end = time.monotonic() + min(args.seconds, 900)
    current = None
    while time.monotonic() < end:
        if current is None or not ReportRun.objects.in_flight().filter(pk=current.pk).exists():
            kind, year = next(kinds)
            current, _ = report_run_start(
                user=admin, kind=kind, scope=ReportScope.national(), period=Period.academic(year)
            )
            started.append(current.pk)
            print(f"started run {current.pk}: {kind} {year}", file=sys.stderr, flush=True)
        time.sleep(0.5)
    runs = ReportRun.objects.filter(pk__in=started).order_by("pk")
    now = timezone.now()
    print(
        json.dumps(
            [
                {
                    "id": run.pk,
                    "kind": run.kind,
                    "year": run.academic_year,
                    "status": run.status,
                    "compile_seconds": round(
                        ((run.finished_at or now) - (run.started_at or now)).total_seconds(), 1
                    ),
                }
                for run in runs
            ]
        )
    )


if __name__ == "__main__":
    main()
