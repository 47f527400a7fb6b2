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


@pytest.fixture(autouse=True)
def _commit_callbacks_run_at_once(request, monkeypatch):
    """Tests run inside a transaction that never commits, so tasks sent on commit would
    never run. Here they run at once, as they would after a real commit; tests that look
    at the on-commit hand-over itself ask for django_capture_on_commit_callbacks."""
    if "django_capture_on_commit_callbacks" in request.fixturenames:
        return
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
