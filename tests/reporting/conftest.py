"""Fixtures for the reporting tests: a programme in the lead's area with a few events,
and one in the outsider's area; a media folder of the test's own."""

import datetime

import pytest

from programmes.factories import EventFactory, ProgrammeFactory, ProgrammePartnerFactory
from programmes.models import PartnerRole


@pytest.fixture
def programme(icb, vcse, school):
    programme = ProgrammeFactory(
        name="We Want You",
        area=icb.area,
        lead_organisation=icb,
        starts_on=datetime.date(2024, 9, 1),
    )
    ProgrammePartnerFactory(programme=programme, organisation=vcse, role=PartnerRole.DELIVERY)
    programme.target_schools.set([school])
    for day in (datetime.date(2024, 10, 1), datetime.date(2025, 2, 3)):
        EventFactory(programme=programme, date=day, school=school, participants=40)
    return programme


@pytest.fixture
def other_programme(other_icb):
    return ProgrammeFactory(name="Kent Careers", area=other_icb.area, lead_organisation=other_icb)


@pytest.fixture
def media(settings, tmp_path):
    """Report files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
