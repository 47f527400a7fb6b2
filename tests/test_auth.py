import re

import pytest
from django.core import mail
from django.urls import reverse

SIGN_IN = "/accounts/sign-in/"
WRONG = "Enter a correct email address and password."


def sign_in(client, email, password, ip="10.0.0.1"):
    return client.post(SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_it_signs_in_by_email_and_lands_on_home(client, partner, password):
    # A delivery partner without two-factor: the password alone is the sign-in.
    response = sign_in(client, "PARTNER@example.org", password)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get("/").status_code == 200


def test_wrong_password_and_unknown_account_get_the_same_message(client, lead):
    wrong_password = sign_in(client, "lead@example.org", "not-the-password")
    unknown = sign_in(client, "nobody@example.org", "not-the-password")
    for response in (wrong_password, unknown):
        assert response.status_code == 200
        assert WRONG in response.content.decode()
        assert "nhsuk-error-summary" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account_at_that_address_even_with_the_right_password(
    client, lead, password
):
    for attempt in range(5):
        sign_in(client, "lead@example.org", f"wrong-{attempt}", ip="10.0.1.1")
    response = sign_in(client, "Lead@Example.org", password, ip="10.0.1.1")
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The owner signing in from elsewhere is not locked out by someone else's guesses.
    assert sign_in(client, "lead@example.org", password, ip="10.0.2.1").status_code == 302


def test_one_persons_typos_do_not_lock_out_colleagues_at_the_same_address(
    client, lead, partner, password
):
    # A school: many staff behind one address.
    for attempt in range(5):
        sign_in(client, "lead@example.org", f"wrong-{attempt}", ip="10.9.9.9")
    assert sign_in(client, "lead@example.org", password, ip="10.9.9.9").status_code == 429
    assert sign_in(client, "partner@example.org", password, ip="10.9.9.9").status_code == 302


def test_a_distributed_guess_at_one_account_locks_it_everywhere(client, lead, settings, password):
    settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT = 20
    for attempt in range(20):
        # Four from each address, under the per-address limit of five.
        sign_in(client, "lead@example.org", f"wrong-{attempt}", ip=f"10.5.{attempt // 4}.1")
    response = sign_in(client, "lead@example.org", password, ip="10.6.0.1")
    assert response.status_code == 429
    assert "after 20 unsuccessful attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_address_guessing_at_many_accounts_is_stopped(client, partner, settings, password):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 12
    for attempt in range(12):
        sign_in(client, f"guess{attempt}@example.org", "wrong", ip="10.7.7.7")
    assert sign_in(client, "partner@example.org", password, ip="10.7.7.7").status_code == 429
    assert sign_in(client, "partner@example.org", password, ip="10.7.7.8").status_code == 302


def test_password_reset_end_to_end(client, lead):
    response = client.post(reverse("accounts:password_reset"), {"email": "lead@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a-much-better-passphrase-42"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert sign_in(client, "lead@example.org", new_password).status_code == 302


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "ghost@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_requires_the_old_password(client, lead, password):
    client.force_login(lead)
    url = reverse("accounts:password_change")
    bad = client.post(
        url, {"old_password": "nope", "new_password1": "x" * 14, "new_password2": "x" * 14}
    )
    assert bad.status_code == 200
    assert "nhsuk-error-summary" in bad.content.decode()
    good = client.post(
        url,
        {
            "old_password": password,
            "new_password1": "another-long-passphrase-7",
            "new_password2": "another-long-passphrase-7",
        },
    )
    assert good.status_code == 302
    lead.refresh_from_db()
    assert lead.check_password("another-long-passphrase-7")


def test_sign_out_is_a_post_and_ends_the_session(client, lead):
    client.force_login(lead)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_account_form_with_errors_saves_nothing(client, lead):
    client.force_login(lead)
    response = client.post(reverse("accounts:account"), {"full_name": "x" * 151})
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.content.decode()
    lead.refresh_from_db()
    assert lead.full_name != "x" * 151


@pytest.mark.parametrize("email", ["", "not-an-email"])
def test_sign_in_with_a_malformed_email_is_told_so(client, db, email):
    response = sign_in(client, email, "whatever")
    assert response.status_code == 200
    assert "nhsuk-error-message" in response.content.decode()


def test_a_forged_reset_link_says_it_has_expired(client, lead):
    url = reverse(
        "accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "not-a-token"}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "This link has expired" in response.content.decode()
