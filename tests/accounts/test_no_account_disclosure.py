"""Sign-in and reset answer alike whether or not an account exists."""

import re
import time

from django.urls import reverse

from tests.test_auth import sign_in


def _page_text(response) -> str:
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", body)


def test_unknown_email_and_wrong_password_get_the_same_page(client, partner):
    wrong = sign_in(client, partner.email, "not-the-password-at-all")
    unknown = sign_in(client, "nobody-here@example.org", "not-the-password-at-all")
    assert wrong.status_code == unknown.status_code == 200
    assert _page_text(wrong).replace(partner.email, "X") == _page_text(unknown).replace(
        "nobody-here@example.org", "X"
    )


def test_unknown_email_and_wrong_password_take_the_same_order_of_time(client, db, settings):
    # Real hashing for this one test: the point is that an unknown account still pays
    # for a hash (Django's ModelBackend hashes a dummy password).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    from outreach.accounts.factories import UserFactory

    UserFactory(email="timed@example.org")

    def timed(email):
        start = time.perf_counter()
        sign_in(client, email, "not-the-password-at-all", ip="10.11.0.1")
        return time.perf_counter() - start

    known = min(timed("timed@example.org") for _ in range(2))
    unknown = min(timed("ghost-timed@example.org") for _ in range(2))
    assert 0.2 < unknown / known < 5, (known, unknown)


def test_password_reset_says_the_same_for_any_address(client, partner):
    url = reverse("accounts:password_reset")
    known = client.post(url, {"email": partner.email}, follow=True)
    unknown = client.post(url, {"email": "ghost@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert _page_text(known) == _page_text(unknown)
