import datetime
import uuid
import zoneinfo

import pytest
import time_machine

LONDON = zoneinfo.ZoneInfo("Europe/London")
# The day every retention test runs on; each rule's line falls a whole period before it.
NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=LONDON)


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=LONDON)


@pytest.fixture
def travel():
    """travel(when) as a context manager: time stands still there (tick=False)."""

    def go(when):
        return time_machine.travel(when, tick=False)

    return go


@pytest.fixture
def on_the_day(travel):
    with travel(NOW):
        yield NOW


def make_response(questionnaire, *, text="I want to be a nurse", match_code="AB12"):
    from surveys.models import Answer, Response

    version = questionnaire.versions.order_by("-number").first()
    question = version.questions.first()
    response = Response.objects.create(
        questionnaire=questionnaire,
        version=version,
        client_id=uuid.uuid4(),
        match_code=match_code,
    )
    Answer.objects.create(response=response, question=question, text=text)
    Answer.objects.create(response=response, question=question, number=4)
    return response
