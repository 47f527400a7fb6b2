"""The outreach.security log: every sign-in outcome and refusal, with user id, address and
UTC time, and never a password, code, token, email address or session key."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from outreach.accounts import two_factor
from tests.test_auth import sign_in
from tests.two_factor import code_for_sign_in

pytestmark = pytest.mark.real_two_factor

UTC_ISO = re.compile(r"at=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")
WRONG_PASSWORD = "Wrong-Password-Typed-9"


@pytest.fixture
def security_log(caplog):
    caplog.set_level("INFO", logger="outreach.security")

    def lines():
        return [r.getMessage() for r in caplog.records if r.name == "outreach.security"]

    lines.records = lambda: [r for r in caplog.records if r.name == "outreach.security"]
    return lines


def _events(lines):
    return [re.search(r"event=(\S+)", line).group(1) for line in lines]


def test_the_main_flows_log_each_outcome_and_no_secret(
    client, lead, partner, password, security_log, settings
):
    secrets = {password, WRONG_PASSWORD, lead.email, partner.email}
    # Wrong password, unknown account, then a lead's whole sign-in with a code.
    code_for_sign_in(lead)  # the lead has an authenticator app
    sign_in(client, lead.email, WRONG_PASSWORD, ip="10.8.0.1")
    sign_in(client, "nobody@example.org", WRONG_PASSWORD, ip="10.8.0.1")
    sign_in(client, lead.email, password, ip="10.8.0.1")
    client.post(reverse("accounts:two_factor_verify"), {"code": "000000"}, REMOTE_ADDR="10.8.0.1")
    code = code_for_sign_in(lead)
    secrets.add(code)
    # django-otp's back-off: let the next try through.
    two_factor.app_device(lead).throttle_reset()
    client.post(reverse("accounts:two_factor_verify"), {"code": code}, REMOTE_ADDR="10.8.0.1")
    secrets.add(client.session.session_key)
    recovery = two_factor.new_recovery_codes(lead)
    secrets.update(recovery)
    client.post(reverse("accounts:logout"), REMOTE_ADDR="10.8.0.1")
    # A lockout, a password reset asked for and completed, and a refused page.
    for attempt in range(5):
        sign_in(client, partner.email, f"{WRONG_PASSWORD}{attempt}", ip="10.8.0.2")
        secrets.add(f"{WRONG_PASSWORD}{attempt}")
    client.post(reverse("accounts:password_reset"), {"email": partner.email})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    token = link.group(1).rstrip("/").split("/")[-1]
    secrets.add(token)
    form = client.get(link.group(1), follow=True)
    new_password = "a-brand-new-passphrase-31"
    secrets.add(new_password)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    sign_in(client, partner.email, new_password, ip="10.8.0.3")
    client.get(reverse("reporting:list"))  # a partner may not: 403

    lines = security_log()
    events = _events(lines)
    for expected in [
        "sign_in_failure",
        "sign_in_success",
        "two_factor_failure",
        "two_factor_success",
        "sign_out",
        "sign_in_locked_out",
        "password_reset_requested",
        "password_reset_completed",
        "access_denied",
    ]:
        assert expected in events, expected
    for line in lines:
        assert UTC_ISO.search(line), line
        for secret in secrets:
            assert secret not in line, (secret, line)
        assert "@" not in line, line
    for record in security_log.records():
        for secret in secrets:
            assert secret not in repr(record.security)
    success = next(line for line in lines if "event=sign_in_success" in line)
    assert f"user_id={lead.pk}" in success
    assert "ip=10.8.0.1" in success
    unknown = [
        line for line in lines if "event=sign_in_failure" in line and "known_account=False" in line
    ]
    assert unknown
    assert "user_id" not in unknown[0]
    denied = next(line for line in lines if "event=access_denied" in line)
    assert "route=reporting:list" in denied
    assert f"user_id={partner.pk}" in denied


def test_recovery_code_use_is_logged_without_the_code(client, lead, password, security_log):
    code_for_sign_in(lead)
    codes = two_factor.new_recovery_codes(lead)
    sign_in(client, lead.email, password)
    client.post(reverse("accounts:two_factor_verify"), {"code": codes[3]})
    assert StaticToken.objects.filter(token=codes[3]).count() == 0
    line = next(line for line in security_log() if "event=two_factor_success" in line)
    assert "recovery_code=True" in line
    assert all(code not in text for text in security_log() for code in codes)


def test_a_refused_record_of_another_area_is_logged_as_not_found(
    client, lead, other_area, security_log
):
    from partners.factories import OrganisationFactory

    theirs = OrganisationFactory(area=other_area)
    client.force_login(lead)
    from tests.two_factor import mark_session_verified

    mark_session_verified(client, lead)
    response = client.get(reverse("partners:organisation_detail", args=[theirs.pk]))
    assert response.status_code == 404
    line = next(line for line in security_log() if "event=not_found" in line)
    assert "route=partners:organisation_detail" in line
    assert f"user_id={lead.pk}" in line
