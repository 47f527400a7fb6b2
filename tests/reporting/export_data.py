"""A small data set for the export tests: one of each record in `home_area`'s programme,
the same again in `other_area`'s, and an event outside the period."""

import datetime
import uuid
from decimal import Decimal

from django.utils import timezone

from partners.factories import AmbassadorFactory, YearGroupFactory
from programmes.factories import (
    CohortFactory,
    EventFactory,
    ParticipantFactory,
    ProgrammeFactory,
    activity_type,
    goal,
)
from programmes.models import (
    Booking,
    EventAmbassador,
    GatsbyBenchmark,
    ParticipantStage,
    WorkshopOffer,
    WorkshopSlot,
)
from reporting.periods import Period
from surveys.factories import QuestionnaireFactory
from surveys.models import Answer, Option, Question, Response, Section

PERIOD = Period.between(datetime.date(2025, 9, 1), datetime.date(2026, 8, 31))
DAY = datetime.date(2025, 10, 15)


def build_programme(area, lead_org, school, *, name, title="Careers in care"):
    programme = ProgrammeFactory(name=name, area=area, lead_organisation=lead_org)
    event = EventFactory(
        programme=programme,
        title=title,
        date=DAY,
        school=school,
        participants=28,
        parents_reached=3,
        goals=[goal("awareness"), goal("aspiration")],
    )
    event.gatsby_benchmarks.set(GatsbyBenchmark.objects.filter(number__in=[5, 6]))
    for hours in ("1.5", "2"):
        EventAmbassador.objects.create(
            event=event,
            ambassador=AmbassadorFactory(organisation=lead_org),
            hours=Decimal(hours),
        )
    EventFactory(programme=programme, title="Last year", date=datetime.date(2024, 10, 1))
    offer = WorkshopOffer.objects.create(
        programme=programme,
        partner=lead_org,
        title="A day as a paramedic",
        description="Try the kit.",
        activity_type=activity_type("workshop"),
        duration_minutes=60,
        format="at_our_site",
        max_students=30,
    )
    slot = WorkshopSlot.objects.create(
        offer=offer,
        date=DAY,
        start_time=datetime.time(10),
        end_time=datetime.time(11),
        capacity=30,
        booking_deadline=timezone.make_aware(datetime.datetime(2025, 10, 10, 9)),
    )
    Booking.objects.create(
        slot=slot,
        school=school,
        year_group=YearGroupFactory(code="year-9", name="Year 9", position=10),
        students=25,
        places=25,
        contact_name="Ms Teacher",
        contact_email="teacher@school.example",
    )
    questionnaire = QuestionnaireFactory(programme=programme, template=None, title="Views")
    version = questionnaire.versions.get()
    section = Section.objects.create(version=version, title="Your views")
    likes = Question.objects.create(
        version=version, section=section, key="likes", kind="single", text="Do you like it?"
    )
    likes.goal = goal("aspiration")
    likes.save()
    yes = Option.objects.create(question=likes, value="yes", label="Yes")
    why = Question.objects.create(
        version=version, section=section, key="why", kind="long_text", text="Why?"
    )
    response = Response.objects.create(
        questionnaire=questionnaire, version=version, client_id=uuid.uuid4(), match_code="AB12"
    )
    Response.objects.filter(pk=response.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime(2025, 10, 16, 12))
    )
    Answer.objects.create(response=response, question=likes, option=yes)
    Answer.objects.create(response=response, question=why, text="=HYPERLINK(evil)")
    cohort = CohortFactory(programme=programme, delivering_organisation=lead_org, name="Cohort A")
    participant = ParticipantFactory(cohort=cohort, ethnic_group="asian_indian", imd_quintile="1")
    ParticipantStage.objects.create(
        participant=participant, stage="referred", occurred_on=datetime.date(2025, 1, 6)
    )
    participant.furthest_position = 1
    participant.save()
    return programme, participant
