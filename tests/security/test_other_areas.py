"""Another area's ids on every route that names a record: the home area's lead, partner
and careers lead get 404 for every method, and the record is unchanged afterwards.

The administrator sees every area by design, so is not tried. A role the page refuses
outright answers 403 for every id alike (the role check comes before the lookup), which
says nothing about the record; so the rule checked is: another area's id gets exactly
the answer a missing id gets, and that answer is 404 whenever the role may use the page.
"""

from functools import partial

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.routes import site_routes
from tests.security.routes import (
    API_RECORD_OF,
    KEYED_BY_SECRET,
    NAMES_NO_RECORD,
    RECORD_OF,
    api_path,
    api_routes,
    page_kwargs,
)
from tests.security.world import snapshot

HOME_PERSONAS = ["lead", "partner", "careers"]
MISSING = 987654321
UNSAFE = ["post"]

KWARG_PAGES = [
    r
    for r in site_routes()
    if r.needs_kwargs and r.name not in KEYED_BY_SECRET and r.name not in NAMES_NO_RECORD
]
API_DETAILS = [r for r in api_routes() if r.needs_pk and API_RECORD_OF.get(r.name)]


def test_every_kwarg_route_is_mapped():
    pages = {r.name for r in site_routes() if r.needs_kwargs} - KEYED_BY_SECRET
    pages -= set(NAMES_NO_RECORD)
    assert sorted(pages - set(RECORD_OF)) == [], "page routes with no record kind"
    assert sorted(set(RECORD_OF) - pages) == [], "RECORD_OF names routes that are gone"
    api = {r.name for r in api_routes() if r.needs_pk}
    assert sorted(api - set(API_RECORD_OF)) == [], "API routes with no record kind"
    assert sorted(set(API_RECORD_OF) - api) == [], "API_RECORD_OF names routes that are gone"


def _wrong(answer, ask_missing):
    """Why `answer` (for another area's id) is wrong; `ask_missing()` asks for a missing id."""
    if answer.status_code == 404:
        return None
    missing = ask_missing()
    if answer.status_code != missing.status_code:
        return f"{answer.status_code}, a missing id {missing.status_code}"
    # 403: the role may not use the page at all; 405: the route takes no such method.
    if answer.status_code not in (403, 404, 405):
        return f"{answer.status_code}"
    return None


# One world per group of routes keeps the suite's time bounded; failures name the route.
GROUPS = {
    "partners": lambda name: name.startswith("partners:"),
    "programmes-plans-events": lambda name: (
        name.startswith("programmes:") and RECORD_OF[name] in PLANNING
    ),
    "programmes-bookings-participants": lambda name: (
        name.startswith("programmes:") and RECORD_OF[name] not in PLANNING
    ),
    "surveys": lambda name: name.startswith("surveys:"),
    "reporting": lambda name: name.startswith("reporting:"),
    "privacy": lambda name: name.startswith("privacy:"),
}
PLANNING = {"programme", "programme_partner", "target", "plan", "activity", "event", "quote"}
PLANNING |= {"barrier", "barrier_action", "event_import", "school"}


def test_the_groups_cover_every_kwarg_page():
    grouped = [r.name for r in KWARG_PAGES for test in GROUPS.values() if test(r.name)]
    assert sorted(grouped) == sorted(r.name for r in KWARG_PAGES)


@pytest.mark.parametrize("group", GROUPS)
def test_another_areas_record_is_not_found_on_every_page(client, request, other_world, group):
    before = snapshot(other_world)
    wrong = []
    users = {persona: request.getfixturevalue(persona) for persona in HOME_PERSONAS}
    for route, persona in [(r, p) for r in KWARG_PAGES for p in users if GROUPS[group](r.name)]:
        kwargs = page_kwargs(route.name, other_world)
        url = reverse(route.name, kwargs=kwargs)
        missing_url = reverse(route.name, kwargs=kwargs | {"pk": MISSING})
        client.force_login(users[persona])
        for method in ["get", *UNSAFE]:
            answer = getattr(client, method)(url)
            why = _wrong(answer, partial(getattr(client, method), missing_url))
            if why:
                wrong.append(f"{persona} {method.upper()} {url}: {why}")
    assert wrong == []
    assert snapshot(other_world) == before


def test_another_areas_record_is_not_found_in_the_api(request, other_world):
    before = snapshot(other_world)
    api = APIClient()
    wrong = []
    for route, persona in [(r, p) for r in API_DETAILS for p in HOME_PERSONAS]:
        record = other_world[API_RECORD_OF[route.name]]
        api.force_authenticate(request.getfixturevalue(persona))
        for method in route.actions:
            url = api_path(route, record.pk)
            answer = getattr(api, method)(url, {}, format="json")
            missing_url = api_path(route, MISSING)
            why = _wrong(answer, partial(getattr(api, method), missing_url, {}, format="json"))
            if why:
                wrong.append(f"{persona} {method.upper()} {url}: {why}")
    assert wrong == []
    assert snapshot(other_world) == before
