"""One record of every kind the site addresses by id, built in one area.

`build_world(area, ...)` is used twice by the attack suite: in `other_area` (ids a home
persona must never reach) and in the home area (records the home personas may touch,
for CSRF and stored-script tests). Records are saved directly, without the services'
rules: the tests need rows of each kind, not the rules that make them.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.utils import timezone

from outreach.accounts.factories import MembershipFactory, UserFactory
from outreach.accounts.roles import Role
from partners.factories import (
    AmbassadorFactory,
    ContactFactory,
    OrganisationFactory,
    SchoolFactory,
    YearGroupFactory,
)
from partners.models import OrganisationKind, YearGroup
from programmes.factories import (
    AnnualPlanFactory,
    BarrierActionFactory,
    BarrierFactory,
    CohortFactory,
    EventFactory,
    ParticipantFactory,
    PlannedActivityFactory,
    ProgrammeFactory,
    ProgrammePartnerFactory,
    TargetFactory,
    activity_type,
    goal,
)
from programmes.models import (
    Booking,
    EventImport,
    FeedbackQuote,
    ParticipantImport,
    ParticipantStage,
    PartnerRole,
    RequestProposal,
    RetentionCheckIn,
    SchoolRequest,
    SupportRecord,
    WaitlistEntry,
    WorkshopOffer,
    WorkshopSlot,
)
from reporting.factories import ReportRunFactory, ReportScheduleFactory
from surveys.factories import QuestionnaireFactory
from surveys.models import Answer, Question, Response, Theme, Translation


@dataclass
class World:
    area: object
    records: dict = field(default_factory=dict)

    def __getitem__(self, kind):
        return self.records[kind]


def _year_group():
    return YearGroup.objects.order_by("position").first() or YearGroupFactory()


def build_world(area, *, icb=None, vcse=None, school=None, lead=None, partner=None):
    """Every addressable kind of record in `area`. The organisations and users default to
    new ones in the area; pass the home personas' own to make the records theirs."""
    icb = icb or OrganisationFactory(kind=OrganisationKind.ICB, area=area)
    vcse = vcse or OrganisationFactory(kind=OrganisationKind.VCSE, area=area)
    school = school or SchoolFactory(area=area)
    lead = (
        lead
        or MembershipFactory(user=UserFactory(), organisation=icb, role=Role.WORKFORCE_LEAD).user
    )
    partner = (
        partner
        or MembershipFactory(user=UserFactory(), organisation=vcse, role=Role.DELIVERY_PARTNER).user
    )
    year_group = _year_group()
    today = timezone.localdate()
    later = today + datetime.timedelta(days=21)

    programme = ProgrammeFactory(
        area=area, lead_organisation=icb, starts_on=datetime.date(2024, 9, 1), ends_on=None
    )
    programme.target_schools.set([school])
    programme_partner = ProgrammePartnerFactory(
        programme=programme, organisation=vcse, role=PartnerRole.DELIVERY
    )
    event = EventFactory(programme=programme, school=school, delivering_organisations=[icb, vcse])
    quote = FeedbackQuote.objects.create(
        event=event, text="It was brilliant", attribution="Student, a school"
    )
    plan = AnnualPlanFactory(programme=programme)
    barrier = BarrierFactory(programme=programme)
    offer = WorkshopOffer.objects.create(
        programme=programme,
        partner=vcse,
        title="A day in the life",
        description="Students try the kit.",
        activity_type=activity_type("workshop"),
        duration_minutes=60,
        format="at_our_site",
        max_students=30,
        published=True,
    )
    offer.goals.set([goal("aspiration")])
    offer.year_groups.set([year_group])
    slot = WorkshopSlot.objects.create(
        offer=offer,
        date=later,
        start_time=datetime.time(10),
        end_time=datetime.time(11),
        capacity=30,
        places_taken=10,
        booking_deadline=timezone.now() + datetime.timedelta(days=14),
        location="Main hall",
    )
    contact = {"contact_name": "Ms Patel", "contact_email": "patel@school.example"}
    booking = Booking.objects.create(
        slot=slot, school=school, year_group=year_group, students=10, places=10, **contact
    )
    waitlist = WaitlistEntry.objects.create(
        slot=slot,
        school=school,
        year_group=year_group,
        students=5,
        places=5,
        joined_at=timezone.now(),
        status="offered",
        offered_at=timezone.now(),
        offer_expires_at=timezone.now() + datetime.timedelta(days=2),
        **contact,
    )
    school_request = SchoolRequest.objects.create(
        school=school,
        topic="Radiography",
        year_group=year_group,
        students=20,
        preferred_dates="Any Tuesday",
        format="in_school",
    )
    proposal = RequestProposal.objects.create(
        request=school_request,
        programme=programme,
        partner=vcse,
        message="We can come",
        date=later,
        start_time=datetime.time(10),
        end_time=datetime.time(11),
    )
    cohort = CohortFactory(programme=programme, delivering_organisation=vcse)
    participant = ParticipantFactory(cohort=cohort)
    check_in = RetentionCheckIn.objects.create(
        participant=participant, months=3, due_on=today - datetime.timedelta(days=1)
    )
    questionnaire = QuestionnaireFactory(programme=programme, event=event)
    version = questionnaire.versions.order_by("number").first()
    question = Question.objects.filter(section__version=version).order_by("pk").first()
    response = Response.objects.create(
        questionnaire=questionnaire, version=version, client_id=uuid.uuid4()
    )
    answer = Answer.objects.create(response=response, question=question, text="Loved it")
    run = ReportRunFactory(programme=programme, requested_by=lead)

    records = {
        "organisation": vcse,
        "school": school,
        "contact": ContactFactory(organisation=vcse),
        "ambassador": AmbassadorFactory(organisation=vcse),
        "programme": programme,
        "programme_partner": programme_partner,
        "target": TargetFactory(programme=programme),
        "plan": plan,
        "activity": PlannedActivityFactory(plan=plan),
        "event": event,
        "quote": quote,
        "barrier": barrier,
        "barrier_action": BarrierActionFactory(barrier=barrier),
        "event_import": EventImport.objects.create(
            programme=programme, uploaded_by=partner, file_name="events.csv"
        ),
        "offer": offer,
        "slot": slot,
        "booking": booking,
        "waitlist": waitlist,
        "school_request": school_request,
        "proposal": proposal,
        "cohort": cohort,
        "participant": participant,
        "identity": participant.identity,
        "check_in": check_in,
        "participant_stage": ParticipantStage.objects.create(
            participant=participant, stage="referred", occurred_on=today
        ),
        "support": SupportRecord.objects.create(
            participant=participant, kind="mentoring", occurred_on=today, notes="Weekly"
        ),
        "participant_import": ParticipantImport.objects.create(
            cohort=cohort, uploaded_by=partner, file_name="people.csv"
        ),
        "questionnaire": questionnaire,
        "question": question,
        "response": response,
        "answer": answer,
        "theme": Theme.objects.create(questionnaire=questionnaire, name="Staff"),
        "translation": Translation.objects.create(
            questionnaire=questionnaire, language="cy", key="title", text="Holiadur"
        ),
        "report_run": run,
        "report_schedule": ReportScheduleFactory(programme=programme, owner=lead),
    }
    return World(area=area, records=records)


def snapshot(world) -> dict:
    """Every record's stored values, to prove a refused request changed nothing."""
    state = {}
    for kind, record in world.records.items():
        row = type(record).objects.filter(pk=record.pk).values().first()
        state[kind] = row
    return state
