"""Every place a password is set applies AUTH_PASSWORD_VALIDATORS: 12 characters or more,
not a common password, not all digits, not like the user's own details."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from outreach.accounts import services
from outreach.accounts.models import User

SHORT = "elevenchars"  # 11
COMMON = "password1234"  # 12, in Django's list of 20,000 common passwords
GOOD = "tidal-orchard-lantern-58"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (SHORT, "at least 12 characters"),
        (COMMON, "too common"),
        ("839204718365", "entirely numeric"),
    ],
)
def test_changing_a_password_refuses_weak_ones(client, partner, password, bad, message):
    client.force_login(partner)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": bad, "new_password2": bad},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    partner.refresh_from_db()
    assert partner.check_password(password)


def test_a_reset_refuses_a_common_password(client, partner):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(partner.pk))
    token = default_token_generator.make_token(partner)
    url = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    form_url = client.get(url, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": COMMON, "new_password2": COMMON})
    assert response.status_code == 200
    assert "too common" in response.content.decode()


def test_the_admin_refuses_a_short_password_for_a_new_user(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new@example.org",
            "password1": SHORT,
            "password2": SHORT,
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


def test_the_admin_refuses_a_common_password_when_changing_one(client, administrator, partner):
    client.force_login(administrator)
    url = reverse("admin:auth_user_password_change", args=[partner.pk]).replace(
        "auth/user", "accounts/user"
    )
    response = client.post(url, {"password1": COMMON, "password2": COMMON})
    assert response.status_code == 200
    assert "too common" in response.content.decode()


def test_the_user_create_service_refuses_a_short_password(db):
    with pytest.raises(ValidationError, match="at least 12 characters"):
        services.user_create(email="svc@example.org", password=SHORT)
    assert services.user_create(email="svc@example.org", password=GOOD).check_password(GOOD)


def test_the_changepassword_command_refuses_a_common_password(partner, monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setattr("getpass.getpass", lambda prompt="": COMMON)
    err = StringIO()
    with pytest.raises(CommandError, match="after 3 attempts"):
        call_command("changepassword", partner.email, stdout=StringIO(), stderr=err)
    assert "too common" in err.getvalue() or "too common" in str(err.getvalue())
