"""Findings of the foundation review, pinned so they stay fixed."""

from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from outreach.accounts.models import User
from tests.test_auth import sign_in
from tests.two_factor import code_for_sign_in


def test_signing_in_to_your_own_account_does_not_forgive_guesses_at_others(
    client, lead, partner, password
):
    # Lockout is per account and address together (a school shares one address), so the
    # guesses at lead are counted at this address and a colleague's sign-in keeps them.
    for attempt in range(4):
        sign_in(client, "lead@example.org", f"guess-{attempt}", ip="10.1.1.1")
    assert sign_in(client, "partner@example.org", password, ip="10.1.1.1").status_code == 302
    client.logout()
    sign_in(client, "lead@example.org", "guess-5", ip="10.1.1.1")
    # Five failures against lead from this address: lead is locked here.
    assert sign_in(client, "lead@example.org", password, ip="10.1.1.1").status_code == 429


def test_a_successful_sign_in_forgives_that_accounts_own_failures(client, partner, password):
    for attempt in range(4):
        sign_in(client, "partner@example.org", f"typo-{attempt}", ip="10.2.0.1")
    assert sign_in(client, "partner@example.org", password, ip="10.2.0.1").status_code == 302
    client.logout()
    for attempt in range(4):
        sign_in(client, "partner@example.org", f"typo-{attempt}", ip="10.2.0.1")
    assert sign_in(client, "partner@example.org", password, ip="10.2.0.1").status_code == 302


def test_the_lockout_page_says_how_long_to_wait_in_words(client, lead):
    for attempt in range(5):
        response = sign_in(client, "lead@example.org", f"wrong-{attempt}")
    body = response.content.decode()
    assert response.status_code == 429
    assert "Wait 15 minutes and try again" in body
    assert "PT15M" not in body


def test_resetting_the_password_lifts_the_lock(client, lead):
    for attempt in range(5):
        sign_in(client, "lead@example.org", f"wrong-{attempt}")
    client.post(reverse("accounts:password_reset"), {"email": "lead@example.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    form_page = client.get(link.replace("http://testserver", ""), follow=True)
    new_password = "a-fresh-start-passphrase-9"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert sign_in(client, "lead@example.org", new_password).status_code == 302


def test_reset_requests_from_one_address_are_limited(client, db, settings):
    settings.PASSWORD_RESET_LIMIT_PER_HOUR = 2
    url = reverse("accounts:password_reset")
    for _ in range(2):
        assert (
            client.post(url, {"email": "x@example.org"}, REMOTE_ADDR="10.3.3.3").status_code == 302
        )
    refused = client.post(url, {"email": "x@example.org"}, REMOTE_ADDR="10.3.3.3")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) <= 3600
    assert "too many reset links" in refused.content.decode()


def test_an_administrator_without_staff_status_reaches_the_admin_through_sign_in(
    client, administrator, password
):
    assert administrator.is_staff is False
    to_sign_in = client.get("/admin/", follow=True)
    assert to_sign_in.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    code = code_for_sign_in(administrator)
    response = client.post(
        reverse("accounts:login") + "?next=/admin/",
        {"username": administrator.email, "password": password},
    )
    # Administrators give a code after the password; where they were going is kept.
    assert response["Location"] == reverse("accounts:two_factor_verify") + "?next=/admin/"
    response = client.post(response["Location"], {"code": code})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_signed_in_user_without_the_role_is_refused_the_admin(client, lead):
    client.force_login(lead)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "You do not have permission" in response.content.decode()


def test_next_pointing_at_the_sign_in_page_does_not_loop(client, lead):
    client.force_login(lead)
    response = client.get(reverse("accounts:login") + "?next=" + reverse("accounts:login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_sign_in_errors_name_what_is_missing(client, db):
    body = sign_in(client, "", "").content.decode()
    assert "Enter your email address" in body
    assert "Enter your password" in body
    body = sign_in(client, "name@", "x").content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in body


def test_api_404s_all_say_not_found_and_anonymous_gets_401(lead):
    client = APIClient()
    anonymous = client.get("/api/v1/organisations/")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"].startswith("Token")
    client.force_authenticate(lead)
    missing = client.get("/api/v1/organisations/999999/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_healthz_answers_whatever_the_host_header(db, settings):
    from django.test import Client

    settings.ALLOWED_HOSTS = ["example.org"]
    client = Client(raise_request_exception=False)
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    refused = client.get("/", HTTP_HOST="127.0.0.1:8000")
    assert refused.status_code == 400
    assert "problem with your request" in refused.content.decode()


def test_a_stale_form_gets_the_nhs_session_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {"username": "a@b.org", "password": "x"}
    )
    assert response.status_code == 403
    assert "Your session ended" in response.content.decode()


def test_duplicate_email_in_another_case_is_explained(db):
    import pytest
    from django.core.exceptions import ValidationError

    User.objects.create_user("dup@example.org", "pw-long-enough-123")
    user = User(email="DUP@example.org")
    with pytest.raises(ValidationError, match="already exists"):
        user.validate_constraints()
