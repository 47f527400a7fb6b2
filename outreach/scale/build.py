"""Build and remove the synthetic set, each in one transaction.

Small rows (areas, organisations, programmes, questionnaires) go through the ORM; the big
tables are made in Python from one seeded random generator and sent with COPY, so a
national set takes minutes and the same seed gives the same rows every time. The areas
exist only once the whole set does (one transaction), so a half-made set is never seen.
"""

import random

from django.db import connection, transaction

from . import areas as area_rows
from .events import build_events
from .guard import synthetic_areas
from .surveys import build_surveys


def build(plan, *, progress=None) -> None:
    """Make the set `plan` describes. PostgreSQL only (COPY)."""
    if connection.vendor != "postgresql":
        raise RuntimeError("seed_scale loads with COPY: it needs PostgreSQL (DATABASE_URL)")
    rng = random.Random(plan.seed)
    stage = progress.stage if progress else (lambda name: None)
    tick = progress.advance if progress else None
    with transaction.atomic(), connection.cursor() as cursor:
        stage("areas, organisations and schools")
        areas = area_rows.build_areas(rng, plan)
        if tick:
            tick(plan.secondary_schools + plan.primary_schools)
        stage("events and what they reached")
        _, answered_at = build_events(cursor, rng, plan, areas, tick=tick)
        stage("questionnaires, responses and answers")
        build_surveys(cursor, rng, plan, areas, answered_at, tick=tick)
        stage("annual plans and barriers")
        area_rows.build_plans(rng, plan, areas)
        stage("cohorts and participants")
        area_rows.build_cohorts(rng, plan, areas, tick=tick)
        stage("committing")
    # Every table, small ones too, as autovacuum would leave them in time: without
    # statistics the planner misjudges joins through questions and options, and the
    # visibility map lets it read indexes alone. (VACUUM cannot run in a transaction.)
    stage("VACUUM ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def remove() -> None:
    """Delete the synthetic set, children first, with plain DELETEs (no per-row cascade
    through Python, which would take hours at national size)."""
    from outreach.accounts.models import Membership
    from partners.models import Ambassador, ICBArea, Organisation
    from programmes import models as p
    from surveys import models as s

    areas = list(synthetic_areas().values_list("pk", flat=True))
    if not areas:
        return
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
        # Workshop bookings are not generated, but benchmarks and load tests make them
        # on the synthetic programmes, and the set must still come out whole.
        (p.BookingEmail, "booking__slot__offer__programme__area__in"),
        (p.BookingEmail, "waitlist_entry__slot__offer__programme__area__in"),
        (p.WaitlistEntry, "slot__offer__programme__area__in"),
        (p.Booking, "slot__offer__programme__area__in"),
        (p.WorkshopSlot, "offer__programme__area__in"),
        (p.WorkshopOffer.goals.through, "workshopoffer__programme__area__in"),
        (p.WorkshopOffer.year_groups.through, "workshopoffer__programme__area__in"),
        (p.WorkshopOffer.open_to_schools.through, "workshopoffer__programme__area__in"),
        (p.WorkshopOffer, "programme__area__in"),
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
        (Membership, "organisation__area__in"),  # benchmark and load-test accounts
        (Ambassador, "organisation__area__in"),
        (Organisation, "area__in"),
        (ICBArea, "pk__in"),
    ]
    with transaction.atomic():
        for model, path in steps:
            rows = model.objects.filter(**{path: areas})
            rows._raw_delete(rows.db)
