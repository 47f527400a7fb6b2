"""Time the cohort dashboard for a cohort of 50,000 participants: the selector alone, and
the whole cohort page as a workforce lead (suppressed) and as the delivering partner,
with the number of queries each takes.

    .venv/bin/python benchmarks/cohort_dashboard.py   # SQLite: var/benchmark-cohort.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_participants \\
        .venv/bin/python benchmarks/cohort_dashboard.py

Options: --participants N (default 50000), --runs N (default 5; the median is reported).
The SQLite file is recreated on each run; on PostgreSQL the data goes into the database
named in DATABASE_URL (use a scratch one), under a fresh ICB area per run.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        database = ROOT / "var" / "benchmark-cohort.sqlite3"
        database.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")
    import django

    django.setup()
    import datetime

    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    call_command("migrate", verbosity=0)

    from outreach.accounts.models import Membership, User
    from outreach.accounts.roles import Role
    from partners.models import ICBArea, Organisation
    from programmes.demo_participants import generate
    from programmes.models import Cohort, PartnerRole, Programme, ProgrammePartner
    from programmes.selectors.cohorts import cohort_dashboard

    run = str(time.time_ns())[-8:]
    area = ICBArea.objects.create(name=f"Benchmark ICB {run}")
    icb = Organisation.objects.create(name=f"Benchmark ICB team {run}", kind="icb", area=area)
    vcse = Organisation.objects.create(name=f"Benchmark VCSE {run}", kind="vcse", area=area)
    trust = Organisation.objects.create(name=f"Benchmark trust {run}", kind="nhs_trust", area=area)
    today = timezone.localdate()
    programme = Programme.objects.create(
        name=f"Benchmark pathways {run}",
        area=area,
        lead_organisation=icb,
        starts_on=today - datetime.timedelta(days=800),
    )
    ProgrammePartner.objects.create(
        programme=programme, organisation=vcse, role=PartnerRole.DELIVERY
    )
    cohort = Cohort.objects.create(
        programme=programme,
        name="Benchmark cohort",
        delivering_organisation=vcse,
        starts_on=today - datetime.timedelta(days=600),
        capacity=args.participants,
        cost=50_000_000,
        outcome_value=281_000_000,
    )
    started = time.perf_counter()
    generate(
        cohort,
        args.participants,
        rng=random.Random(50),
        today=today,
        employers=[trust],
        referrers=[vcse],
        names=False,
    )
    print(f"Generated {args.participants:,} participants in {time.perf_counter() - started:.1f} s")
    lead = User.objects.create_user(f"bench-lead-{run}@example.org", "x")
    Membership.objects.create(user=lead, organisation=icb, role=Role.WORKFORCE_LEAD)
    partner = User.objects.create_user(f"bench-partner-{run}@example.org", "x")
    Membership.objects.create(user=partner, organisation=vcse, role=Role.DELIVERY_PARTNER)

    def timed(label, fn):
        times, queries = [], 0
        fn()  # warm up
        for _ in range(args.runs):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                t = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t)
            queries = len(captured)
        print(
            f"{label:<44} median {statistics.median(times) * 1000:7.0f} ms, "
            f"max {max(times) * 1000:7.0f} ms, {queries} queries"
        )

    timed("cohort_dashboard selector", lambda: cohort_dashboard(cohort=cohort, named=False))
    url = reverse("programmes:cohort", args=[cohort.pk])
    for label, user in (
        ("cohort page, workforce lead", lead),
        ("cohort page, delivery partner", partner),
    ):
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)

        def get(client=client):
            response = client.get(url)
            assert response.status_code == 200

        timed(label, get)
    dash = cohort_dashboard(cohort=cohort, named=True)
    print("Funnel:", ", ".join(f"{r['stage']} {r['count']}" for r in dash.funnel))
    print(f"Database: {connection.vendor}")


if __name__ == "__main__":
    main()
