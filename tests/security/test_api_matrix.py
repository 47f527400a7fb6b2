"""Role × API route × method, for every route the API router and api/urls.py serve.

API_RULES is the independent, hand-written statement of who may call what; routes come
from the URL configuration, so a new route or method without a rule fails
`test_every_api_route_and_method_has_a_rule`. The check is at the permission level: a
missing id, so an allowed role reaches the lookup (404) or validation (400) and a refused
one is stopped first (403). Which records each role then sees is test_other_areas.py's.
"""

import pytest
from rest_framework.test import APIClient

from outreach.accounts.roles import Role
from tests.security.routes import api_path, api_routes

MISSING = 987654321
PUBLIC = "public"
SIGNED_IN = "signed_in"  # any account, even one not yet linked to an organisation


class NoSuchMethod(frozenset):
    """The router lists the method but the viewset refuses it: 405 for the roles its
    permission lets through (checked first), 403 for the rest."""


LEAD, PARTNER, CAREERS, ADMIN = (
    Role.WORKFORCE_LEAD,
    Role.DELIVERY_PARTNER,
    Role.CAREERS_LEAD,
    Role.ADMINISTRATOR,
)
MANAGERS = frozenset({LEAD, ADMIN})
LOGGERS = frozenset({LEAD, PARTNER, ADMIN})
BOOKERS = frozenset({CAREERS, PARTNER, LEAD, ADMIN})
REQUEST_PARTIES = frozenset({CAREERS, PARTNER})  # the school asks, a partner proposes
DELIVERY = frozenset({PARTNER})
ALL = frozenset({LEAD, PARTNER, CAREERS, ADMIN, None})  # None: an account with no role

READ = {"get": SIGNED_IN}
MANAGED_LIST = {"get": SIGNED_IN, "post": MANAGERS}
MANAGED_DETAIL = {"get": SIGNED_IN, "put": MANAGERS, "patch": MANAGERS, "delete": MANAGERS}

API_RULES = {
    "api-me": READ,
    "api-root": READ,
    "api-schema": {"get": PUBLIC},
    "api-docs": {"get": PUBLIC},
    "area-list": READ,
    "area-detail": READ,
    "goal-list": READ,
    "goal-detail": READ,
    "target-group-list": READ,
    "target-group-detail": READ,
    "activity-type-list": READ,
    "activity-type-detail": READ,
    "gatsby-benchmark-list": READ,
    "gatsby-benchmark-detail": READ,
    # Partners: every signed-in user may try; the services decide which organisation
    # (their own, or those in the areas they manage) they may write to.
    "organisation-list": {"get": SIGNED_IN, "post": SIGNED_IN},
    "organisation-detail": {"get": SIGNED_IN, "put": SIGNED_IN, "patch": SIGNED_IN},
    "school-list": {"get": SIGNED_IN, "post": NoSuchMethod(ALL)},
    "school-detail": {"get": SIGNED_IN, "put": NoSuchMethod(ALL), "patch": NoSuchMethod(ALL)},
    "contact-list": {"get": SIGNED_IN, "post": SIGNED_IN},
    "contact-detail": dict.fromkeys(("get", "put", "patch", "delete"), SIGNED_IN),
    "ambassador-list": {"get": SIGNED_IN, "post": SIGNED_IN},
    "ambassador-detail": dict.fromkeys(("get", "put", "patch", "delete"), SIGNED_IN),
    "programme-list": MANAGED_LIST,
    "programme-detail": {"get": SIGNED_IN, "put": MANAGERS, "patch": MANAGERS},
    "target-list": MANAGED_LIST,
    "target-detail": MANAGED_DETAIL,
    "annual-plan-list": MANAGED_LIST,
    "annual-plan-detail": MANAGED_DETAIL,
    "annual-plan-grid": READ,
    "planned-activity-list": MANAGED_LIST,
    "planned-activity-detail": MANAGED_DETAIL,
    "event-list": {"get": SIGNED_IN, "post": LOGGERS},
    "event-detail": {"get": SIGNED_IN, "put": LOGGERS, "patch": LOGGERS, "delete": LOGGERS},
    "barrier-list": MANAGED_LIST,
    "barrier-detail": MANAGED_DETAIL,
    "barrier-action-list": MANAGED_LIST,
    "barrier-action-detail": MANAGED_DETAIL,
    "workshop-offer-list": READ,
    "workshop-offer-detail": READ,
    "workshop-slot-list": READ,
    "workshop-slot-detail": READ,
    "booking-list": {"get": SIGNED_IN, "post": BOOKERS},
    "booking-detail": READ,
    "booking-cancel": {"post": BOOKERS},
    "waiting-list-list": READ,
    "waiting-list-detail": READ,
    "waiting-list-accept": {"post": SIGNED_IN},
    "waiting-list-leave": {"post": SIGNED_IN},
    "school-request-list": {"get": SIGNED_IN, "post": REQUEST_PARTIES},
    "school-request-detail": READ,
    "school-request-accept": {"post": REQUEST_PARTIES},
    "school-request-propose": {"post": REQUEST_PARTIES},
    # Participants: careers leads see nothing of them; only the delivering partner
    # records anything about a participant.
    "cohort-list": {"get": LOGGERS, "post": MANAGERS},
    "cohort-detail": {"get": LOGGERS, "put": NoSuchMethod(MANAGERS), "patch": MANAGERS},
    "cohort-dashboard": {"get": LOGGERS},
    "participant-list": {"get": DELIVERY, "post": DELIVERY},
    "participant-detail": {"get": DELIVERY, "put": NoSuchMethod(DELIVERY), "patch": DELIVERY},
    "participant-stage-list": {"get": DELIVERY, "post": DELIVERY},
    "participant-stage-detail": {"get": DELIVERY},
    "participant-support-list": {"get": DELIVERY, "post": DELIVERY},
    "participant-support-detail": {"get": DELIVERY},
    "check-in-list": {"get": DELIVERY},
    "check-in-detail": {"get": DELIVERY},
    "check-in-answer": {"post": DELIVERY},
    "questionnaire-list": READ,
    "questionnaire-detail": READ,
    "questionnaire-results": READ,
    # Respondents have no account: the questionnaire's token in the body is the key.
    "response-list": {"get": SIGNED_IN, "post": PUBLIC},
    "response-detail": READ,
    "report-run-list": {"get": MANAGERS, "post": MANAGERS},
    "report-run-detail": {"get": MANAGERS},
    "report-run-file": {"get": MANAGERS},
    "report-run-retry": {"post": MANAGERS},
}

PERSONA_ROLES = {
    "lead": {LEAD},
    "partner": {PARTNER},
    "careers": {CAREERS},
    "administrator": {ADMIN},
    "no_role": set(),
}
CASES = [(route, method) for route in api_routes() for method in route.actions]


def test_every_api_route_and_method_has_a_rule():
    served = {(r.name, m) for r, m in CASES}
    ruled = {(name, m) for name, methods in API_RULES.items() for m in methods}
    assert sorted(served - ruled) == [], "API routes or methods without a rule"
    assert sorted(ruled - served) == [], "rules for API routes or methods that are gone"


def _expected(rule, roles):
    if isinstance(rule, NoSuchMethod):
        return "405" if (roles or {None}) & rule else "403"
    if rule in (PUBLIC, SIGNED_IN) or roles & rule:
        return "allowed"
    return "403"


def _outcome(status):
    if status in (401, 403, 405):
        return str(status)
    assert status < 500
    return "allowed"


@pytest.mark.parametrize(("route", "method"), CASES, ids=lambda c: getattr(c, "name", c))
def test_each_role_gets_the_right_answer_on_each_api_route(request, db, route, method):
    rule = API_RULES[route.name][method]
    url = api_path(route, MISSING)
    anonymous = getattr(APIClient(), method)(url, {}, format="json").status_code
    if rule == PUBLIC:
        assert _outcome(anonymous) == "allowed"
    elif isinstance(rule, NoSuchMethod):
        assert anonymous in (401, 405)
    else:
        assert anonymous == 401  # token authentication first: the client is told how
    got, want = {}, {}
    for persona, roles in PERSONA_ROLES.items():
        client = APIClient()
        client.force_authenticate(request.getfixturevalue(persona))
        got[persona] = _outcome(getattr(client, method)(url, {}, format="json").status_code)
        want[persona] = _expected(rule, roles)
    assert got == want
