"""Fill a PostgreSQL database with synthetic national data, for scale tests and benchmarks.

    python manage.py seed_scale --areas 42 --years 3              # the national set
    python manage.py seed_scale --fraction 0.01 --seed 7          # a quick one

Any synthetic set already there is removed first, so the same arguments always leave the
same data (`--checksums` prints digests to compare). The command refuses a database that
holds anything else (see outreach/scale/guard.py) unless given --force; even then it
touches only its own rows.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from outreach import scale
from outreach.scale.plan import SEED
from programmes.academic_year import label


def _fraction(value: str) -> float:
    number = float(value)
    if not 0 < number <= 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Load synthetic national data (42 areas, 23,500 schools, …) into PostgreSQL."

    def add_arguments(self, parser):
        parser.add_argument("--areas", type=int, default=42, help="ICB areas (default 42)")
        parser.add_argument("--years", type=int, default=3, help="academic years (default 3)")
        parser.add_argument(
            "--fraction",
            type=_fraction,
            default=1.0,
            help="share of the national volumes to make, 0 < F ≤ 1 (default 1)",
        )
        parser.add_argument("--seed", type=int, default=SEED, help="random seed (default 2024)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even though the database holds data seed_scale did not make",
        )
        parser.add_argument(
            "--checksums", action="store_true", help="print a checksum of each table too"
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale loads with COPY: set DATABASE_URL to PostgreSQL.")
        try:
            plan = scale.Plan(
                areas=options["areas"],
                years=options["years"],
                fraction=options["fraction"],
                seed=options["seed"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        foreign = scale.foreign_rows()
        if foreign and not options["force"]:
            found = "; ".join(f"{n:,} {what}" for what, n in foreign.items())
            raise CommandError(
                f"This database holds data seed_scale did not make ({found}). Use a scratch "
                "database, or --force to add the synthetic set beside it."
            )
        started = time.perf_counter()
        # The raw stream: Django's wrapper ends every write with a newline, and the
        # progress line redraws itself in place.
        progress = scale.Progress(plan.expected_rows(), stream=self.stderr._out)
        if scale.synthetic_areas().exists():
            progress.stage("removing the previous synthetic set")
            scale.remove()
        scale.build(plan, progress=progress)
        progress.close()
        built = time.perf_counter() - started
        self._report(plan, scale.summary(checksums=options["checksums"]), built)

    def _report(self, plan, found, seconds):
        years = ", ".join(label(y) for y in plan.academic_years)
        self.stdout.write(
            f"Synthetic set: {plan.areas} areas, academic years {years}, "
            f"fraction {plan.fraction:g}, seed {plan.seed}"
        )
        width = max(len(t) for t in found)
        for table, (rows, digest) in found.items():
            self.stdout.write(f"  {table:<{width}}  {rows:>10,}  {digest}".rstrip())
        minutes, rest = divmod(seconds, 60)
        self.stdout.write(self.style.SUCCESS(f"Loaded in {int(minutes)} min {rest:.1f} s."))
