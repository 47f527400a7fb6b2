"""Every kind of response carries the security headers, with the exact policy; cookies are
HttpOnly, SameSite=Lax and, in production, Secure; HSTS asks for preloading there.

The policy below is written out by hand: it is the statement of what the site promises,
and settings.py must produce it (tests/e2e/test_content_security_policy.py proves the
pages live with it)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path, reverse

from surveys.factories import QuestionnaireFactory

ROOT = Path(__file__).resolve().parent.parent

POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
    "base-uri": {"'none'"},
    "object-src": {"'none'"},
}
FEATURES_OFF = {"camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"}
HEADERS = {
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def boom(request):
    raise RuntimeError("secret internals")


urlpatterns = [path("boom/", boom)]
handler500 = "outreach.errors.server_error"


def parse_policy(header: str) -> dict[str, set[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        assert name not in directives, f"{name} given twice"
        directives[name] = set(values)
    return directives


def assert_secure_headers(response, what):
    assert "Content-Security-Policy" in response, f"{what}: no Content-Security-Policy"
    assert parse_policy(response["Content-Security-Policy"]) == POLICY, what
    assert "Content-Security-Policy-Report-Only" not in response, what
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    assert set(features) >= FEATURES_OFF, what
    assert set(features.values()) == {"()"}, what
    for name, value in HEADERS.items():
        assert response.get(name) == value, f"{what}: {name} is {response.get(name)!r}"


@pytest.fixture
def questionnaire(db):
    return QuestionnaireFactory(title="Careers day")


def test_pages_files_and_api_answers_all_carry_the_headers(client, lead, questionnaire):
    anonymous = Client()
    samples = {
        "sign-in page": anonymous.get(reverse("accounts:login")),
        "public questionnaire": anonymous.get(
            reverse("surveys:respond", kwargs={"token": questionnaire.token})
        ),
        "privacy notice": anonymous.get(reverse("privacy")),
        "API docs": anonymous.get(reverse("api-docs")),
    }
    client.force_login(lead)
    samples |= {
        "home": client.get(reverse("home")),
        "programme list": client.get(reverse("programmes:list")),
        "API response": client.get(reverse("api-me")),
        "file download": client.get(reverse("programmes:import_template_csv")),
    }
    for what, response in samples.items():
        assert response.status_code == 200, what
        assert_secure_headers(response, what)
    assert samples["API response"]["Content-Type"].startswith("application/json")
    assert "attachment" in samples["file download"]["Content-Disposition"]


def test_no_cache_keeps_a_signed_in_persons_pages(client, lead):
    anonymous_page = Client().get(reverse("privacy"))
    client.force_login(lead)
    for name in ("home", "programmes:list", "api-me"):
        cache_control = client.get(reverse(name))["Cache-Control"]
        assert {"no-store", "private"} <= {
            part.strip().split("=")[0] for part in cache_control.split(",")
        }, name
    assert "private" not in anonymous_page.get("Cache-Control", "")


def test_error_pages_carry_the_headers(client, careers, db):
    client.force_login(careers)
    forbidden = client.get(reverse("reporting:list"))
    assert forbidden.status_code == 403
    assert_secure_headers(forbidden, "403 page")
    missing = client.get("/no/such/page/")
    assert missing.status_code == 404
    assert_secure_headers(missing, "404 page")


@pytest.mark.urls("tests.test_security_headers")
def test_the_server_error_page_carries_the_headers(db, settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert_secure_headers(response, "500 page")


def test_throttled_answers_carry_the_headers(client, lead, questionnaire, settings):
    from django.core.cache import cache

    cache.clear()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": lead.email, "password": f"x{attempt}"})
    locked = client.post(reverse("accounts:login"), {"username": lead.email, "password": "x"})
    assert locked.status_code == 429
    assert_secure_headers(locked, "sign-in lockout (429)")

    settings.SURVEYS_SUBMISSIONS_PER_MINUTE = 0
    flooded = Client().post(
        reverse("surveys:respond", kwargs={"token": questionnaire.token}),
        {"q_consent": "yes", "q_considered": "no"},
    )
    assert flooded.status_code == 429
    assert_secure_headers(flooded, "questionnaire flood (429)")
    cache.clear()


def test_report_only_is_an_operators_choice_from_the_environment():
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([bool(settings.CONTENT_SECURITY_POLICY), "
        "bool(getattr(settings, 'CONTENT_SECURITY_POLICY_REPORT_ONLY', None))]))"
    )
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "outreach.settings"}
    base.pop("CSP_REPORT_ONLY", None)
    enforced = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True
    )
    trial = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "CSP_REPORT_ONLY": "1"},
        capture_output=True,
        text=True,
    )
    assert json.loads(enforced.stdout.splitlines()[-1]) == [True, False]
    assert json.loads(trial.stdout.splitlines()[-1]) == [False, True]


PRODUCTION_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
]


@pytest.fixture
def production(settings):
    """The production profile's HTTPS and cookie settings, read from a process started
    with DJANGO_DEBUG=0, applied to this one."""
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {PRODUCTION_SETTINGS!r}}}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "outreach.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.splitlines()[-1])
    for name, value in values.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    return values


def test_production_asks_browsers_to_use_https_only_and_be_preloaded(client, production, db):
    assert production["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    response = client.get(reverse("accounts:login"), secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        f"max-age={production['SECURE_HSTS_SECONDS']}; includeSubDomains; preload"
    )
    assert client.get(reverse("accounts:login")).status_code == 301  # plain HTTP goes to HTTPS


def test_production_cookies_are_secure_httponly_and_lax(client, production, partner, password):
    # A delivery partner signs in with a password alone (two-factor is optional for them),
    # so every step's cookies are seen without the code step.
    page = client.get(reverse("accounts:login"), secure=True)
    signed_in = client.post(
        reverse("accounts:login"), {"username": partner.email, "password": password}, secure=True
    )
    assert signed_in.status_code == 302
    saved = client.post(reverse("accounts:account"), {"full_name": "Pat Partner"}, secure=True)
    assert saved.status_code == 302
    shown = client.get(reverse("accounts:account"), secure=True)
    assert "Your details have been saved." in shown.content.decode()

    cookies = {}
    for response in (page, signed_in, saved, shown):
        for name, morsel in response.cookies.items():
            cookies[name] = morsel
    # The message travelled in the session: the only cookies are the session and CSRF.
    assert set(cookies) == {"sessionid", "csrftoken"}
    for name, morsel in cookies.items():
        assert morsel["secure"], name
        assert morsel["httponly"], name
        assert morsel["samesite"] == "Lax", name
