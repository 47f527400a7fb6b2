import datetime

import factory

from partners.factories import ICBAreaFactory, OrganisationFactory
from partners.models import CommunityGroup, OrganisationKind

from . import academic_year
from .models import (
    ActivityType,
    AnnualPlan,
    Barrier,
    BarrierAction,
    EngagementEvent,
    Goal,
    PartnerRole,
    PlannedActivity,
    Programme,
    ProgrammePartner,
    ProgrammeTarget,
    TargetGroup,
)


def goal(code: str) -> Goal:
    return Goal.objects.get(code=code)


def activity_type(code: str) -> ActivityType:
    return ActivityType.objects.get(code=code)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme with its lead organisation recorded as a lead partner."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Programme {n}")
    area = factory.SubFactory(ICBAreaFactory)
    lead_organisation = factory.SubFactory(
        OrganisationFactory, kind=OrganisationKind.ICB, area=factory.SelfAttribute("..area")
    )
    starts_on = datetime.date(2024, 9, 1)
    ends_on = datetime.date(2026, 8, 31)

    @factory.post_generation
    def lead_partner(obj, create, extracted, **kwargs):
        if create:
            ProgrammePartner.objects.get_or_create(
                programme=obj, organisation=obj.lead_organisation, role=PartnerRole.LEAD
            )


class ProgrammePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammePartner

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnerRole.DELIVERY


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeTarget

    programme = factory.SubFactory(ProgrammeFactory)
    measure = "students_reached"
    value = 100


class AnnualPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualPlan

    programme = factory.SubFactory(ProgrammeFactory)
    academic_year = 2024


class PlannedActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedActivity

    plan = factory.SubFactory(AnnualPlanFactory)
    goal = factory.LazyFunction(lambda: goal("aspiration"))
    target_group = factory.LazyFunction(lambda: TargetGroup.objects.get(code="primary-years-7-9"))
    activity_type = factory.LazyFunction(lambda: activity_type("workshop"))
    term = "autumn"
    quantity = 5


class EventFactory(factory.django.DjangoModelFactory):
    """An event saved directly (no rules checked): for tests that need rows, not rules.
    Tests of the rules go through services.event_create."""

    class Meta:
        model = EngagementEvent
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    activity_type = factory.LazyFunction(lambda: activity_type("workshop"))
    title = factory.Sequence(lambda n: f"Workshop {n}")
    date = datetime.date(2024, 10, 15)
    academic_year = factory.LazyAttribute(lambda o: academic_year.academic_year_of(o.date))
    term = factory.LazyAttribute(lambda o: academic_year.term_of(o.date))
    participants = 30

    @factory.post_generation
    def goals(obj, create, extracted, **kwargs):
        if create:
            obj.goals.set(extracted if extracted is not None else [goal("aspiration")])

    @factory.post_generation
    def delivering_organisations(obj, create, extracted, **kwargs):
        if create:
            obj.delivering_organisations.set(extracted or [obj.programme.lead_organisation])


class BarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Barrier

    programme = factory.SubFactory(ProgrammeFactory)
    group = factory.LazyFunction(lambda: CommunityGroup.objects.order_by("position").first())
    title = factory.Sequence(lambda n: f"Barrier {n}")


class BarrierActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierAction

    barrier = factory.SubFactory(BarrierFactory)
    category = "inform"
    description = factory.Sequence(lambda n: f"Action {n}")


def event_input(programme, **overrides):
    """A valid EventInput for `programme` (a workshop at its first target school, or a
    community setting), delivered by its lead organisation; override any field."""
    from .services import EventInput

    school = programme.target_schools.first()
    values = {
        "programme": programme,
        "activity_type": activity_type("workshop"),
        "title": "Careers in health workshop",
        "date": max(programme.starts_on, datetime.date(2024, 10, 15)),
        "participants": 60,
        "goals": [goal("aspiration")],
        "delivering_organisations": [programme.lead_organisation],
        "school": school,
        "setting_name": "" if school else "Community hall",
    }
    values.update(overrides)
    return EventInput(**values)


# Participant pathways (issue 7) -----------------------------------------------------------


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort delivered by a VCSE partner of its programme."""

    class Meta:
        model = "programmes.Cohort"
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    delivering_organisation = factory.SubFactory(
        OrganisationFactory,
        kind=OrganisationKind.VCSE,
        area=factory.SelfAttribute("..programme.area"),
    )
    starts_on = datetime.date(2025, 1, 6)
    ends_on = datetime.date(2025, 12, 19)
    capacity = 30

    @factory.post_generation
    def delivery_partner(obj, create, extracted, **kwargs):
        if create:
            ProgrammePartner.objects.get_or_create(
                programme=obj.programme,
                organisation=obj.delivering_organisation,
                role=PartnerRole.DELIVERY,
            )


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programmes.Participant"
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    age_band = "18-21"
    consent_on = datetime.date(2025, 1, 6)
    consent_version = "v1"
    identity = factory.RelatedFactory(
        "programmes.factories.IdentityFactory", factory_related_name="participant"
    )


class IdentityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programmes.ParticipantIdentity"

    participant = factory.SubFactory(ParticipantFactory, identity=None)
    given_name = factory.Sequence(lambda n: f"Sam{n}")
    family_name = "Example"
    email = factory.Sequence(lambda n: f"sam{n}@example.com")
