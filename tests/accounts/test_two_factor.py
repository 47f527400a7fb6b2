"""Two-factor sign-in through the real pages: force_login does not count as a code here."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from outreach.accounts import two_factor
from tests.test_auth import sign_in
from tests.two_factor import code_for_sign_in, current_code

pytestmark = pytest.mark.real_two_factor

SET_UP = reverse("accounts:two_factor_set_up")
VERIFY = reverse("accounts:two_factor_verify")
MANAGE = reverse("accounts:two_factor_manage")


def _set_up_through_the_page(client, user):
    """Open the set-up page, read the key it shows, confirm with a code: the codes page."""
    page = client.get(SET_UP)
    assert page.status_code == 200
    secret = re.search(r'class="outreach-secret"[^>]*>([A-Z2-7 ]+)<', page.content.decode())
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    shown = secret.group(1).replace(" ", "")
    assert shown == two_factor.secret_in_groups(device).replace(" ", "")
    return client.post(SET_UP, {"code": current_code(device)})


@pytest.mark.parametrize("persona", ["lead", "administrator"])
def test_roles_that_require_it_are_sent_to_set_up_and_nothing_else_opens(
    client, request, persona, password
):
    user = request.getfixturevalue(persona)
    response = sign_in(client, user.email, password)
    assert response["Location"] == SET_UP + "?next=/"
    for path in ["/", "/partners/", "/reports/", "/admin/", reverse("accounts:account")]:
        refused = client.get(path)
        assert refused.status_code == 302, path
        assert refused["Location"].startswith(SET_UP), path
    api = client.get("/api/v1/organisations/")
    assert api.status_code == 403
    assert api.json()["error"]["code"] == "two_factor_required"

    codes_page = _set_up_through_the_page(client, user)
    assert codes_page.status_code == 200
    body = codes_page.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", body)
    assert len(codes) == 10
    assert "This is the only time they are shown" in body
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/organisations/").status_code == 200


def test_set_up_page_shows_a_qr_code_as_inline_svg_and_no_script(client, lead, password):
    sign_in(client, lead.email, password)
    body = client.get(SET_UP).content.decode()
    assert '<svg role="img"' in body
    assert "QR code to add Outreach to your authenticator app" in body
    main = body.split('id="maincontent"')[1].split("</main>")[0]
    assert "<script" not in main
    assert "data:image" not in main


def test_a_wrong_set_up_code_is_refused_and_nothing_is_confirmed(client, lead, password):
    sign_in(client, lead.email, password)
    client.get(SET_UP)
    response = client.post(SET_UP, {"code": "000000"})
    assert response.status_code == 200
    assert "The security code is not correct" in response.content.decode()
    assert not two_factor.is_enabled(lead)
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("persona", ["partner", "careers"])
def test_other_roles_sign_in_with_the_password_alone(client, request, persona, password):
    user = request.getfixturevalue(persona)
    response = sign_in(client, user.email, password)
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_partner_can_turn_it_on_and_is_then_asked_for_a_code(client, partner, password):
    sign_in(client, partner.email, password)
    assert "Turn on two-factor sign-in" in client.get(reverse("accounts:account")).content.decode()
    assert _set_up_through_the_page(client, partner).status_code == 200
    client.post(reverse("accounts:logout"))
    response = sign_in(client, partner.email, password)
    assert response["Location"] == VERIFY + "?next=/"
    assert client.get("/").status_code == 302
    done = client.post(VERIFY + "?next=/", {"code": code_for_sign_in(partner)})
    assert done["Location"] == "/"
    assert client.get("/").status_code == 200


def test_the_code_step_keeps_out_until_a_right_code(client, lead, password):
    code_for_sign_in(lead)  # lead has an app already
    response = sign_in(client, lead.email, password, ip="10.4.4.4")
    assert response["Location"] == VERIFY + "?next=/"
    assert client.get("/partners/")["Location"].startswith(VERIFY)
    right = current_code(two_factor.app_device(lead))
    wrong = client.post(VERIFY, {"code": "123456" if right != "123456" else "654321"})
    assert wrong.status_code == 200
    assert "The security code is not correct" in wrong.content.decode()
    assert client.get("/").status_code == 302
    ok = client.post(VERIFY, {"code": code_for_sign_in(lead)})
    assert ok.status_code == 302
    assert client.get("/").status_code == 200


def test_a_code_cannot_be_used_twice(client, lead, password):
    code = code_for_sign_in(lead)
    sign_in(client, lead.email, password)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    sign_in(client, lead.email, password)
    assert client.post(VERIFY, {"code": code}).status_code == 200


def test_wrong_codes_are_throttled_and_the_wait_is_said_in_words(client, lead, password):
    code_for_sign_in(lead)
    sign_in(client, lead.email, password)
    client.post(VERIFY, {"code": "000000"})
    # The next try comes within django-otp's back-off: refused unchecked, even if right.
    refused = client.post(VERIFY, {"code": code_for_sign_in_keeping_throttle(lead)})
    body = refused.content.decode()
    assert refused.status_code == 200
    assert re.search(
        r"Too many wrong codes have been entered\. Wait \d+ seconds? and try again", body
    )
    assert client.get("/").status_code == 302


def code_for_sign_in_keeping_throttle(user):
    device = two_factor.app_device(user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    return current_code(device)


def test_recovery_codes_work_once_each(client, lead, password):
    code_for_sign_in(lead)
    codes = two_factor.new_recovery_codes(lead)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    sign_in(client, lead.email, password)
    used = client.post(VERIFY, {"code": codes[0].upper()})
    assert used.status_code == 302
    assert StaticToken.objects.filter(device__user=lead).count() == 9
    client.post(reverse("accounts:logout"))
    sign_in(client, lead.email, password)
    again = client.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200
    assert client.get("/").status_code == 302


def test_new_recovery_codes_need_a_code_and_replace_the_old(client, lead, password):
    old = two_factor.new_recovery_codes(lead)
    sign_in(client, lead.email, password)
    client.post(VERIFY, {"code": code_for_sign_in(lead)})
    refused = client.post(MANAGE, {"action": "recovery_codes", "code": "000000"})
    assert refused.status_code == 200
    assert "The security code is not correct" in refused.content.decode()
    assert set(
        StaticToken.objects.filter(device__user=lead).values_list("token", flat=True)
    ) == set(old)
    renewed = client.post(MANAGE, {"action": "recovery_codes", "code": code_for_sign_in(lead)})
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", renewed.content.decode())
    assert len(new) == 10
    assert not set(new) & set(old)


def test_a_lead_resetting_their_app_must_set_up_again_before_anything_else(client, lead, password):
    sign_in(client, lead.email, password)
    client.post(VERIFY, {"code": code_for_sign_in(lead)})
    response = client.post(MANAGE, {"action": "remove", "code": code_for_sign_in(lead)})
    assert response["Location"] == SET_UP
    assert not two_factor.is_enabled(lead)
    assert client.get("/")["Location"].startswith(SET_UP)


def test_a_partner_can_turn_it_off_with_a_code(client, partner, password):
    code_for_sign_in(partner)
    sign_in(client, partner.email, password)
    client.post(VERIFY, {"code": code_for_sign_in(partner)})
    response = client.post(MANAGE, {"action": "remove", "code": code_for_sign_in(partner)})
    assert response["Location"] == reverse("accounts:account")
    client.post(reverse("accounts:logout"))
    assert sign_in(client, partner.email, password)["Location"] == "/"


def test_an_administrator_resets_another_users_two_factor_in_the_admin(
    client, administrator, lead, password, caplog
):
    code_for_sign_in(lead)
    sign_in(client, administrator.email, password)
    client.post(VERIFY, {"code": code_for_sign_in(administrator)})
    caplog.set_level("INFO", logger="outreach.security")
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [lead.pk]},
    )
    assert response.status_code == 302
    assert not two_factor.is_enabled(lead)
    assert any(
        "event=two_factor_reset_by_administrator" in r.getMessage()
        and f"user_id={administrator.pk}" in r.getMessage()
        and f"target_user_id={lead.pk}" in r.getMessage()
        for r in caplog.records
    )


def test_the_device_admins_of_django_otp_are_not_exposed(client, administrator, password):
    sign_in(client, administrator.email, password)
    client.post(VERIFY, {"code": code_for_sign_in(administrator)})
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404


def test_api_tokens_are_not_affected_by_two_factor(lead):
    from rest_framework.test import APIClient

    token = Token.objects.create(user=lead)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/organisations/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "step_pages"),
    [
        ("partner", {SET_UP: 200, VERIFY: 302, MANAGE: 302}),
        ("lead", {SET_UP: 302, VERIFY: 302, MANAGE: 200}),
    ],
)
def test_the_two_factor_pages_answer_by_device_state(client, request, persona, step_pages):
    """A verified session (the suite's force_login shortcut, used here on purpose)."""
    from tests.two_factor import mark_session_verified

    user = request.getfixturevalue(persona)
    client.force_login(user)
    mark_session_verified(client, user)
    for url, status in step_pages.items():
        assert client.get(url).status_code == status, url


def test_anonymous_visitors_to_the_two_factor_pages_go_to_sign_in(client, db):
    for url in (SET_UP, VERIFY, MANAGE):
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))


def test_wrong_set_up_codes_are_throttled_too(client, lead, password):
    sign_in(client, lead.email, password)
    client.get(SET_UP)
    client.post(SET_UP, {"code": "000000"})
    device = TOTPDevice.objects.get(user=lead, confirmed=False)
    refused = client.post(SET_UP, {"code": current_code(device)})
    assert "Too many wrong codes have been entered" in refused.content.decode()
    assert not two_factor.is_enabled(lead)


def test_an_api_token_works_beside_an_unverified_session(client, lead, password):
    token = Token.objects.create(user=lead)
    sign_in(client, lead.email, password)  # owes set-up: the session is refused
    assert client.get("/api/v1/organisations/").status_code == 403
    with_token = client.get("/api/v1/organisations/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert with_token.status_code == 200
