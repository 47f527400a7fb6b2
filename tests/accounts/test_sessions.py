"""Sessions end after 30 minutes idle and 12 hours in all; polling is not activity."""

import pytest
from django.urls import reverse

from outreach.accounts.middleware import LAST_ACTIVITY, SIGNED_IN_AT

IDLE_MESSAGE = "You were signed out after 30 minutes without activity"


def _age_session(client, *, idle: int = 0, since_sign_in: int = 0):
    """Move the session's clocks back, as if that many seconds had passed."""
    session = client.session
    session[LAST_ACTIVITY] -= idle
    session[SIGNED_IN_AT] -= since_sign_in
    session.save()


def test_signing_in_starts_both_clocks(client, partner):
    client.force_login(partner)
    assert client.session[SIGNED_IN_AT] == client.session[LAST_ACTIVITY] > 0


def test_thirty_minutes_idle_ends_the_session_with_a_plain_message(client, partner):
    client.force_login(partner)
    _age_session(client, idle=30 * 60 + 1, since_sign_in=30 * 60 + 1)
    response = client.get(reverse("partners:organisation_list"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert IDLE_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_activity_within_the_idle_limit_keeps_the_session(client, partner):
    client.force_login(partner)
    _age_session(client, idle=29 * 60, since_sign_in=29 * 60)
    assert client.get("/").status_code == 200
    _age_session(client, idle=29 * 60)
    assert client.get("/").status_code == 200  # the first request reset the idle clock


def test_twelve_hours_end_the_session_however_active(client, partner):
    client.force_login(partner)
    _age_session(client, since_sign_in=12 * 60 * 60)
    response = client.get("/", follow=True)
    assert "signed in for 12 hours" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_limits_come_from_settings(client, partner, settings):
    settings.SESSION_IDLE_TIMEOUT = 120
    client.force_login(partner)
    _age_session(client, idle=121)
    response = client.get("/", follow=True)
    assert "signed out after 2 minutes without activity" in response.content.decode()


def test_polling_a_reports_progress_does_not_keep_the_session_alive(
    client, lead, settings, django_user_model
):
    from reporting.factories import ReportRunFactory

    client.force_login(lead)
    run = ReportRunFactory(requested_by=lead)
    status_url = reverse("reporting:run_status", args=[run.pk])
    _age_session(client, idle=20 * 60)
    before = client.session[LAST_ACTIVITY]
    client.get(status_url, HTTP_HX_REQUEST="true")
    assert client.session[LAST_ACTIVITY] == before
    _age_session(client, idle=11 * 60)
    ended = client.get(status_url, HTTP_HX_REQUEST="true")
    # htmx is told to load the sign-in page whole, not swap it into the fragment.
    assert ended["HX-Redirect"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_timed_out_api_session_answers_401(client, lead):
    client.force_login(lead)
    _age_session(client, idle=31 * 60)
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 401


@pytest.mark.real_two_factor
def test_timeouts_apply_before_the_code_step_too(client, lead, password):
    from tests.test_auth import sign_in

    sign_in(client, lead.email, password)
    _age_session(client, idle=31 * 60)
    response = client.get(reverse("accounts:two_factor_set_up"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
