"""CSRF on every unsafe method of every page and API route.

Pages: a client that enforces CSRF, signed in as each role (and anonymous, for the
public forms), posts without a token and gets 403 with the friendly "your session ended"
page; PUT, PATCH and DELETE are tried as one role (the middleware does not look at the
role). API: session-authenticated unsafe requests without a token are refused; requests
authenticated by an API token carry no cookie a forged page could ride on, so DRF exempts
them from CSRF by design, and the last test shows that.
"""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from programmes.models import Programme
from tests.routes import site_routes
from tests.security.routes import API_RECORD_OF, KEYED_BY_SECRET, api_path, api_routes, page_kwargs
from tests.security.world import snapshot

FRIENDLY = b"Your session ended"
PERSONAS = [None, "lead", "partner", "careers", "administrator"]


def _page_url(route, world):
    if not route.needs_kwargs:
        return reverse(route.name)
    if route.name == "accounts:password_reset_confirm":
        return reverse(route.name, kwargs={"uidb64": "MQ", "token": "set-password"})
    if route.name == "programmes:diary_ical":
        return reverse(route.name, kwargs={"token": "x"})
    if route.name in KEYED_BY_SECRET:
        return reverse(route.name, kwargs={"token": world["questionnaire"].token})
    return reverse(route.name, kwargs=page_kwargs(route.name, world))


# Answered before the CSRF middleware (for container health checks), and so it takes
# GET and HEAD only.
BEFORE_CSRF = {"healthz"}
# One world for all pages of a URL namespace keeps the suite's time bounded.
NAMESPACES = sorted({r.name.split(":")[0] if ":" in r.name else "" for r in site_routes()})


@pytest.mark.parametrize("namespace", NAMESPACES, ids=lambda n: n or "site")
def test_every_page_refuses_unsafe_methods_without_a_token(request, home_world, namespace):
    routes = [
        r for r in site_routes() if (r.name.split(":")[0] if ":" in r.name else "") == namespace
    ]
    clients = {}
    for persona in PERSONAS:
        clients[persona] = Client(enforce_csrf_checks=True)
        if persona:
            clients[persona].force_login(request.getfixturevalue(persona))
    before = snapshot(home_world)
    wrong = []
    for route in routes:
        url = _page_url(route, home_world)
        for persona, client in clients.items():
            methods = ["post", "put", "patch", "delete"] if persona == "lead" else ["post"]
            for method in methods:
                answer = getattr(client, method)(url, {"name": "forged"})
                if route.name in BEFORE_CSRF:
                    ok = answer.status_code == 405
                else:
                    ok = answer.status_code == 403 and FRIENDLY in answer.content
                if not ok:
                    wrong.append(f"{persona} {method.upper()} {url}: {answer.status_code}")
    assert wrong == []
    assert snapshot(home_world) == before


API_UNSAFE = [
    (route, method)
    for route in api_routes()
    for method in route.actions
    if method in ("post", "put", "patch", "delete")
]
# Respondents post answers without an account: the questionnaire's token in the body is
# the key and the session is not used (surveys/api.py), so there is nothing to forge.
NO_SESSION_USED = {"response-list"}


def test_every_unsafe_api_call_by_session_needs_the_token(request, home_world):
    before = snapshot(home_world)
    programmes = Programme.objects.count()
    wrong = []
    for persona in ("lead", "partner", "careers", "administrator"):
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(request.getfixturevalue(persona))
        for route, method in API_UNSAFE:
            if route.name in NO_SESSION_USED:
                continue
            pk = home_world[API_RECORD_OF.get(route.name) or "programme"].pk
            url = api_path(route, pk)
            answer = getattr(client, method)(url, {"name": "forged"}, format="json")
            if answer.status_code != 403 or "CSRF" not in answer.json()["error"]["message"]:
                wrong.append(f"{persona} {method.upper()} {url}: {answer.status_code}")
    assert len(API_UNSAFE) > 40
    assert wrong == []
    assert snapshot(home_world) == before
    assert Programme.objects.count() == programmes


def test_token_authenticated_api_calls_are_exempt_from_csrf_by_design(lead, home_world):
    token = Token.objects.create(user=lead)
    client = APIClient(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {token.key}")
    programme = home_world["programme"]
    answer = client.patch(f"/api/v1/programmes/{programme.pk}/", {"name": "Renamed"})
    assert answer.status_code == 200
    programme.refresh_from_db()
    assert programme.name == "Renamed"
