# ruff: noqa: F811 - the booking fixtures are imported, then requested by name
"""The main flows, run with every logger at DEBUG through the production formatter and
filter: no line may carry an answer, a name, an email address, a phone number, a token
(API, reset, session, CSRF) or a password used in the flow.

django.db.backends stays off: it logs SQL parameters, and production never enables it
(asserted below)."""

import json
import logging
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from outreach.accounts.factories import PASSWORD
from outreach.logs import ContextFilter, JsonFormatter
from partners.models import YearGroup
from programmes.factories import CohortFactory, activity_type, goal
from surveys.factories import QuestionnaireFactory
from tests.programmes.bookings.conftest import (  # noqa: F401 - fixtures
    offer,
    programme,
    slot,
    year8,
    year9,
)

pytestmark = pytest.mark.django_db

ANSWER = "my-private-worry-zq41"
GIVEN, FAMILY = "Zebedee", "Quartermaine"
PARTICIPANT_EMAIL = "zebedee.q@example.net"
PHONE = "07700 900461"
CONTACT_NAME, CONTACT_EMAIL = "Ms Okonkwo-Vance", "okonkwo.vance@cleeve.example"
NEW_PASSWORD = "a-fresh-start-passphrase-9"


# At DEBUG, SQL parameters and whole template contexts: pinned at INFO by LOGGING.
QUIET_IN_PRODUCTION = ("django.db.backends", "django.template")


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.addFilter(ContextFilter())
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def captured():
    handler = Capture()
    root = logging.getLogger()
    saved = {"": root.level}
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger):
            saved[name] = logger.level
            logger.setLevel(logging.DEBUG)
    for quiet in QUIET_IN_PRODUCTION:
        logging.getLogger(quiet).setLevel(logging.INFO)
    # factory-boy narrates the test's own fixtures (passwords included); it is not shipped.
    for name in list(logging.root.manager.loggerDict):
        if name == "factory" or name.startswith("factory."):
            logging.getLogger(name).setLevel(logging.WARNING)
    yield handler
    root.removeHandler(handler)
    for name, level in saved.items():
        logging.getLogger(name or None).setLevel(level)


def test_production_logging_never_enables_the_sql_or_template_debug_loggers():
    loggers = settings.LOGGING.get("loggers", {})
    for name in QUIET_IN_PRODUCTION:
        assert logging.getLevelName(loggers[name]["level"]) >= logging.INFO
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["context"]


def test_no_log_line_carries_personal_data_or_secrets(
    client,
    captured,
    lead,
    careers,
    partner,
    administrator,
    school,
    slot,
    year9,
    vcse,
    media,
):
    secrets = [ANSWER, GIVEN, FAMILY, PARTICIPANT_EMAIL, PHONE, CONTACT_NAME, CONTACT_EMAIL]
    secrets += [PASSWORD, NEW_PASSWORD, lead.email, careers.email, partner.email]

    # Sign-in through the page (a wrong password first, then the right one).
    client.post(reverse("accounts:login"), {"username": lead.email, "password": "not-it-1234"})
    response = client.post(
        reverse("accounts:login"), {"username": lead.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    secrets.append(client.cookies["sessionid"].value)

    # A lead starts a report.
    assert (
        client.post(
            reverse("reporting:new"),
            {
                "kind": "annual_cycle",
                "scope": "programme",
                "academic_year": "2024",
                "programme": slot.offer.programme.pk,
            },
        ).status_code
        == 302
    )
    client.logout()

    # A careers lead books a workshop slot, with a contact's name and email.
    client.force_login(careers)
    client.get(reverse("programmes:workshops"))
    if "csrftoken" in client.cookies:
        secrets.append(client.cookies["csrftoken"].value)
    booked = client.post(
        reverse("programmes:book", args=[slot.pk]),
        {
            "year_group": year9.pk,
            "students": 25,
            "contact_name": CONTACT_NAME,
            "contact_email": CONTACT_EMAIL,
            "access_needs": ANSWER,
        },
    )
    assert booked.status_code == 302
    client.logout()

    # A delivery partner logs an event, and registers a participant with their contacts.
    programme_ = slot.offer.programme
    client.force_login(partner)
    logged = client.post(
        reverse("programmes:event_create", args=[programme_.pk]),
        {
            "activity_type": activity_type("workshop").pk,
            "title": "Careers in health, Year 8",
            "date_day": "15",
            "date_month": "10",
            "date_year": "2024",
            "delivery_mode": "in_person",
            "school": school.pk,
            "delivering_organisations": [vcse.pk],
            "goals": [goal("aspiration").pk],
            "participants": "60",
            "year_groups": [YearGroup.objects.get(code="year-8").pk],
            "yg_year-8": "60",
            "notes": ANSWER,
            "save": "1",
        },
    )
    assert logged.status_code == 302
    cohort = CohortFactory(programme=programme_, delivering_organisation=vcse)
    registered = client.post(
        reverse("programmes:participant_create", args=[cohort.pk]),
        {
            "partner_reference": "PT-LOG-1",
            "consent_on_day": "6",
            "consent_on_month": "1",
            "consent_on_year": "2025",
            "consent_version": "v1",
            "age_band": "22-24",
            "given_name": GIVEN,
            "family_name": FAMILY,
            "email": PARTICIPANT_EMAIL,
            "phone": PHONE,
        },
    )
    assert registered.status_code == 302
    client.logout()

    # An anonymous respondent answers a questionnaire with free text.
    questionnaire = QuestionnaireFactory(programme=programme_)
    secrets.append(questionnaire.token)
    # Five, so the export below is not withheld as too few to show.
    for _ in range(5):
        answered = client.post(
            reverse("surveys:respond", kwargs={"token": questionnaire.token}),
            {"q_consent": "yes", "q_considered": "no", "q_anything_else": ANSWER},
        )
        assert answered.status_code == 302

    # An administrator exports the responses; an API client uses its token.
    client.force_login(administrator)
    exported = client.get(reverse("surveys:export", args=[questionnaire.pk, "csv"]))
    assert exported.status_code == 200
    assert ANSWER in b"".join(exported.streaming_content).decode()
    client.logout()
    token = Token.objects.create(user=lead).key
    secrets.append(token)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get(reverse("api-me")).status_code == 200
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION=f"Token {token[:-4]}beef")
    assert bad.get(reverse("api-me")).status_code == 401

    # A password reset, its link (and a mistyped copy of it, which 404s and is logged).
    client.post(reverse("accounts:password_reset"), {"email": lead.email})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/reset/" in line)
    path = link.replace("http://testserver", "").strip()
    uid, reset_token = re.search(r"/reset/([^/]+)/([^/]+)/", path).groups()
    secrets += [reset_token]
    assert client.get(path + "nope/").status_code == 404
    form_page = client.get(path, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    lines = captured.lines
    assert lines, "nothing was logged: the capture is not working"
    assert any("Not Found" in line for line in lines)
    for line in lines:
        json.loads(line)
        for secret in secrets:
            assert secret not in line, f"{secret!r} written to the log: {line}"
    # Every line from a request carries its request id.
    request_lines = [json.loads(line) for line in lines if '"django.request"' in line]
    assert request_lines
    assert all(re.fullmatch(r"[0-9a-f-]{36}", r.get("request_id", "")) for r in request_lines)
