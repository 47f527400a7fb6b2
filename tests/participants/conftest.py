import datetime

import pytest

from outreach.accounts.factories import MembershipFactory, UserFactory
from outreach.accounts.roles import Role
from partners.factories import OrganisationFactory
from partners.models import OrganisationKind
from programmes.factories import CohortFactory, ProgrammeFactory
from programmes.models import PartnerRole, ProgrammePartner
from programmes.services import participants as svc

D = datetime.date


@pytest.fixture
def programme(home_area, icb):
    return ProgrammeFactory(name="Into Care", area=home_area, lead_organisation=icb)


@pytest.fixture
def employer_org(home_area):
    return OrganisationFactory(
        name="Cheltenham General", kind=OrganisationKind.NHS_TRUST, area=home_area
    )


@pytest.fixture
def cohort(programme, vcse, employer_org):
    cohort = CohortFactory(
        programme=programme, delivering_organisation=vcse, name="Spring 2025 cohort"
    )
    cohort.employers.add(employer_org)
    ProgrammePartner.objects.get_or_create(
        programme=programme, organisation=employer_org, role=PartnerRole.HOST
    )
    return cohort


@pytest.fixture
def participant(cohort, partner):
    p = svc.participant_create(
        cohort=cohort,
        data={
            "partner_reference": "PT-001",
            "age_band": "18-21",
            "ethnic_group": "black_african",
            "consent_on": D(2025, 1, 6),
            "consent_version": "v1",
        },
        identity={"given_name": "Zainab", "family_name": "Okafor", "email": "z@example.com"},
    )
    svc.stage_record(participant=p, stage="referred", occurred_on=D(2025, 1, 6))
    return p


@pytest.fixture
def started(participant, employer_org):
    for stage, day in [
        ("enrolled", D(2025, 1, 13)),
        ("trained", D(2025, 2, 7)),
        ("interviewed", D(2025, 2, 14)),
    ]:
        svc.stage_record(participant=participant, stage=stage, occurred_on=day)
    svc.stage_record(
        participant=participant,
        stage="offered",
        occurred_on=D(2025, 2, 17),
        details={"role": "hca", "employer": employer_org},
    )
    svc.stage_record(participant=participant, stage="started", occurred_on=D(2025, 3, 3))
    return participant


@pytest.fixture
def employer_staff(employer_org):
    user = UserFactory(email="employer@example.org")
    MembershipFactory(user=user, organisation=employer_org, role=Role.DELIVERY_PARTNER)
    return user


@pytest.fixture
def other_partner(home_area):
    org = OrganisationFactory(name="Another VCSE", kind=OrganisationKind.VCSE, area=home_area)
    user = UserFactory(email="other-partner@example.org")
    MembershipFactory(user=user, organisation=org, role=Role.DELIVERY_PARTNER)
    return user
