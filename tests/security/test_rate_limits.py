"""Abuse limits: sign-in, password reset, public questionnaire submission and the API each
answer 429 with how long to wait, in words on the page and in Retry-After."""

import uuid

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from programmes.factories import EventFactory, ProgrammeFactory
from surveys.factories import QuestionnaireFactory
from surveys.models import Response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def questionnaire(home_area, icb, school):
    programme = ProgrammeFactory(area=home_area, lead_organisation=icb)
    event = EventFactory(programme=programme, school=school)
    return QuestionnaireFactory(programme=programme, event=event)


def _shared_page(response):
    names = [t.name for t in response.templates]
    assert "429.html" in names
    return response.content.decode()


def test_sign_in_lockout_uses_the_shared_page_with_retry_after(client, lead):
    for attempt in range(5):
        response = client.post(
            reverse("accounts:login"),
            {"username": "lead@example.org", "password": f"wrong-{attempt}"},
            REMOTE_ADDR="10.40.0.1",
        )
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    body = _shared_page(response)
    assert "Too many attempts to sign in" in body
    assert "Wait 15 minutes and try again" in body


# Mid-hour: the reset limit counts in clock hours, so at 06:59:59 the wait would be one
# second and the next request would fall in a fresh hour.
@time_machine.travel("2026-12-02 10:20:00+00:00", tick=False)
def test_reset_links_are_limited_with_the_wait_in_words(client, db, settings):
    settings.PASSWORD_RESET_LIMIT_PER_HOUR = 1
    url = reverse("accounts:password_reset")
    assert client.post(url, {"email": "a@example.org"}, REMOTE_ADDR="10.40.0.2").status_code == 302
    refused = client.post(url, {"email": "a@example.org"}, REMOTE_ADDR="10.40.0.2")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    body = _shared_page(refused)
    assert "Too many requests for a reset link" in body
    assert "minute" in body.split("Wait", 1)[1].split("</p>", 1)[0]
    # Another address is not held up by this one.
    assert client.post(url, {"email": "a@example.org"}, REMOTE_ADDR="10.40.0.3").status_code == 302


def test_a_flood_of_answers_is_slowed_and_keeps_the_answers(client, questionnaire, settings):
    settings.SURVEYS_SUBMISSIONS_PER_MINUTE = 1
    url = reverse("surveys:respond", kwargs={"token": questionnaire.token})
    answers = {"q_consent": "yes", "q_considered": "no"}
    assert client.post(url, answers).status_code == 302
    page = client.post(url, answers)
    assert page.status_code == 429
    assert 1 <= int(page["Retry-After"]) <= 61
    assert "Please wait a minute" in page.content.decode()
    kiosk = client.post(
        reverse("surveys:kiosk", kwargs={"token": questionnaire.token}),
        answers,
        HTTP_ACCEPT="application/json",
    )
    assert kiosk.status_code == 429
    assert int(kiosk["Retry-After"]) >= 1
    assert Response.objects.count() == 1


def test_the_submission_api_answers_429_json_with_retry_after(db, questionnaire, settings):
    settings.SURVEYS_SUBMISSIONS_PER_MINUTE = 1

    def submit():
        return APIClient().post(
            "/api/v1/responses/",
            {
                "token": questionnaire.token,
                "client_id": str(uuid.uuid4()),
                "answers": {"consent": "yes", "considered": "no"},
            },
            format="json",
        )

    assert submit().status_code == 201
    refused = submit()
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["error"]["code"] == "rate_limited"


def test_anonymous_api_clients_are_counted_by_address_not_a_forwarded_header(db, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "9/min"})
    client = APIClient()
    for n in range(2):
        client.post("/api/v1/responses/", {}, format="json", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}")
    # A new forwarded address each time changes nothing: REMOTE_ADDR is what counts.
    refused = client.post("/api/v1/responses/", {}, format="json", HTTP_X_FORWARDED_FOR="1.1.1.9")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["error"]["code"] == "throttled"
    other = APIClient(REMOTE_ADDR="10.40.0.9").post("/api/v1/responses/", {}, format="json")
    assert other.status_code == 400


def test_api_tokens_are_counted_per_account(db, lead, partner, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"anon": "9/min", "user": "2/min"})

    def me(user):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0]}")
        return client.get(reverse("api-me"))

    assert [me(lead).status_code for _ in range(2)] == [200, 200]
    refused = me(lead)
    assert refused.status_code == 429
    assert refused.headers["Content-Type"].startswith("application/json")
    assert int(refused["Retry-After"]) >= 1
    # Another account's token has its own count, from the same address.
    assert me(partner).status_code == 200
