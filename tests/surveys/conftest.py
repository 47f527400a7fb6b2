import pytest

from programmes.factories import EventFactory, ProgrammeFactory, ProgrammePartnerFactory
from surveys.factories import QuestionnaireFactory


@pytest.fixture
def programme(home_area, icb, vcse):
    programme = ProgrammeFactory(name="We Want You", area=home_area, lead_organisation=icb)
    ProgrammePartnerFactory(programme=programme, organisation=vcse)
    return programme


@pytest.fixture
def event(programme, school):
    return EventFactory(programme=programme, school=school, title="Careers day at Cleeve")


@pytest.fixture
def other_programme(other_area, other_icb):
    return ProgrammeFactory(name="Kent careers", area=other_area, lead_organisation=other_icb)


@pytest.fixture
def listening(programme, event):
    return QuestionnaireFactory(programme=programme, event=event, title="Employability Day")


@pytest.fixture
def elsewhere(other_programme):
    return QuestionnaireFactory(programme=other_programme, title="Kent listening")
