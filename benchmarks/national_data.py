"""National-scale demo data on PostgreSQL: 42 ICB areas, ~3,500 schools, 126 programmes,
300,000 events, 1,000,000 questionnaire answers and 50,000 participants.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_bench \\
        python benchmarks/national_data.py             # builds once; later runs reuse it
    ... python benchmarks/national_data.py --rebuild   # remove it and build again

Small rows (areas, organisations, programmes, questionnaires) go through the ORM; the
big tables are made in Python from one seeded random generator and sent with COPY
(`_bulk.py`), so the whole set takes minutes and the same figures come out every time.
Participants come from `programmes.demo_participants.generate`, the generator
benchmarks/cohort_dashboard.py uses. Everything is made in one transaction: the areas
(codes BNAT01…BNAT42) exist only once the whole set does, which is the marker.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AREAS = 42
SCHOOLS = 3_500
EVENTS = 300_000
RESPONSES = 200_000  # five answers each: 1,000,000 answers
PARTICIPANTS = 50_000
SEED = 2024
CODE = "BNAT"
# Participants' stages are dated up to this day, not the clock's, so rebuilds agree.
TODAY = datetime.date(2026, 6, 30)


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database.")


def benchmark_areas():
    from partners.models import ICBArea

    return ICBArea.objects.filter(code__startswith=CODE).order_by("code")


def is_built() -> bool:
    return benchmark_areas().count() == AREAS


def remove() -> None:
    """Delete the data set, children first, with plain DELETEs (no per-row cascade)."""
    from django.db import transaction

    from partners.models import Ambassador, ICBArea, Organisation
    from programmes import models as p
    from surveys import models as s

    areas = list(benchmark_areas().values_list("pk", flat=True))
    q = "questionnaire__programme__area__in"
    c = "cohort__programme__area__in"
    e = "event__programme__area__in"
    m2m = "engagementevent__programme__area__in"
    steps = [
        (s.Answer, f"response__{q}"),
        (s.Response, q),
        (s.Option, f"question__version__{q}"),
        (s.Question, f"version__{q}"),
        (s.Section, f"version__{q}"),
        (s.Version, q),
        (s.Questionnaire, "programme__area__in"),
        (p.RetentionCheckIn, f"participant__{c}"),
        (p.ParticipantStage, f"participant__{c}"),
        (p.SupportRecord, f"participant__{c}"),
        (p.ParticipantIdentity, f"participant__{c}"),
        (p.Participant, c),
        (p.Cohort.employers.through, "cohort__programme__area__in"),
        (p.Cohort, "programme__area__in"),
        (p.EventYearGroup, e),
        (p.EventDemographic, e),
        (p.EventAmbassador, e),
        (p.FeedbackQuote, e),
        (p.EngagementEvent.goals.through, m2m),
        (p.EngagementEvent.gatsby_benchmarks.through, m2m),
        (p.EngagementEvent.delivering_organisations.through, m2m),
        (p.EngagementEvent, "programme__area__in"),
        (p.PlannedActivity, "plan__programme__area__in"),
        (p.AnnualPlan, "programme__area__in"),
        (p.BarrierAction, "barrier__programme__area__in"),
        (p.Barrier, "programme__area__in"),
        (p.ProgrammeTarget, "programme__area__in"),
        (p.ProgrammePartner, "programme__area__in"),
        (p.Programme.goals.through, "programme__area__in"),
        (p.Programme.target_schools.through, "programme__area__in"),
        (p.Programme, "area__in"),
        (Ambassador, "organisation__area__in"),
        (Organisation, "area__in"),
        (ICBArea, "pk__in"),
    ]
    with transaction.atomic():
        for model, path in steps:
            rows = model.objects.filter(**{path: areas})
            rows._raw_delete(rows.db)


def build() -> dict:
    """Build the whole set in one transaction; returns what was made."""
    from django.db import connection, transaction

    from benchmarks.national_events import build_events
    from benchmarks.national_people import build_areas, build_cohorts, build_plans
    from benchmarks.national_surveys import build_surveys

    rng = random.Random(SEED)
    made = {}
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        areas = build_areas(rng, AREAS, SCHOOLS, CODE)
        made["areas"] = len(areas)
        made["schools"] = sum(len(a["schools"]) for a in areas)
        made["programmes"] = sum(len(a["programmes"]) for a in areas)
        made["events"] = build_events(cursor, rng, areas, EVENTS)
        print(f"  events in {time.perf_counter() - started:.0f} s", flush=True)
        made["responses"], made["answers"] = build_surveys(cursor, rng, areas, RESPONSES)
        print(f"  answers in {time.perf_counter() - started:.0f} s", flush=True)
        build_plans(rng, areas)
        made["participants"] = build_cohorts(rng, areas, PARTICIPANTS, TODAY)
        print(f"  participants in {time.perf_counter() - started:.0f} s", flush=True)
    # Every table, small ones too, as autovacuum would leave them in time: without
    # statistics the planner misjudges joins through questions and options, and the
    # visibility map lets it read indexes alone. (VACUUM cannot run in a transaction.)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return made


def ensure(rebuild: bool = False) -> None:
    """Build the set unless a complete one is already there."""
    if rebuild and benchmark_areas().exists():
        started = time.perf_counter()
        remove()
        print(f"Removed the old data set in {time.perf_counter() - started:.0f} s")
    if is_built():
        print("National data set found: reusing it (--rebuild to start again).")
        return
    if benchmark_areas().exists():
        remove()  # a build that did not finish cannot have committed, but be sure
    started = time.perf_counter()
    made = build()
    summary = ", ".join(f"{n:,} {what}" for what, n in made.items())
    print(f"Built {summary} in {time.perf_counter() - started:.0f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="remove the data set, build anew")
    args = parser.parse_args()
    setup_django()
    ensure(args.rebuild)


if __name__ == "__main__":
    main()
