"""Programme fixtures built on the shared personas (tests/conftest.py).

programme        in home_area, led by `icb`; `vcse` (the partner persona's organisation)
                 delivers; `school` (the careers persona's) is a target school
other_programme  in other_area, led by `other_icb`
"""

import datetime

import pytest

from programmes.factories import ProgrammeFactory, ProgrammePartnerFactory
from programmes.models import Goal, PartnerRole


@pytest.fixture
def goals(db):
    return {goal.code: goal for goal in Goal.objects.all()}


@pytest.fixture
def programme(icb, vcse, school):
    programme = ProgrammeFactory(
        name="We Want You",
        area=icb.area,
        lead_organisation=icb,
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 8, 31),
    )
    ProgrammePartnerFactory(programme=programme, organisation=vcse, role=PartnerRole.DELIVERY)
    programme.target_schools.set([school])
    return programme


@pytest.fixture
def other_programme(other_icb):
    return ProgrammeFactory(name="Kent Careers", area=other_icb.area, lead_organisation=other_icb)
