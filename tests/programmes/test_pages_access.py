"""Role × page for every programmes route that needs an object: who gets the page (200),
who is refused by role (403), and who cannot see the object at all (404)."""

import pytest
from django.urls import reverse

from programmes.factories import (
    AnnualPlanFactory,
    EventFactory,
    PlannedActivityFactory,
    ProgrammePartnerFactory,
    TargetFactory,
)
from programmes.models import FeedbackQuote, PartnerRole
from tests.conftest import PERSONAS


@pytest.fixture
def world(programme, vcse, school, icb):
    plan = AnnualPlanFactory(programme=programme)
    ours = EventFactory(programme=programme, school=school, delivering_organisations=[vcse])
    theirs = EventFactory(programme=programme, delivering_organisations=[icb])
    return {
        "programme": programme,
        "plan": plan,
        "activity": PlannedActivityFactory(plan=plan),
        "target": TargetFactory(programme=programme),
        "event": ours,
        "icb_event": theirs,
        "quote": FeedbackQuote.objects.create(event=ours, text="Great", attribution="Student"),
        "partner_row": ProgrammePartnerFactory(
            programme=programme, organisation=icb, role=PartnerRole.FUNDING
        ),
    }


SEES_ALL = {"lead": 200, "partner": 200, "careers": 200, "administrator": 200}
MANAGE = {"lead": 200, "partner": 403, "careers": 403, "administrator": 200}
LOG = {"lead": 200, "partner": 200, "careers": 403, "administrator": 200}
# The outsider leads another area: the object is not in their scope. no_role: no role.
REST = {"outsider": 404, "no_role": 403, None: 302}

GET_ROUTES = [
    ("programmes:detail", "programme", SEES_ALL),
    ("programmes:edit", "programme", MANAGE),
    ("programmes:partners", "programme", MANAGE),
    ("programmes:target_schools", "programme", MANAGE),
    ("programmes:targets", "programme", MANAGE),
    ("programmes:plan_create", "programme", MANAGE),
    ("programmes:plan", "plan", SEES_ALL),
    ("programmes:activity_create", "plan", MANAGE),
    ("programmes:activity_edit", "activity", MANAGE),
    ("programmes:event_create", "programme", LOG),
    ("programmes:event", "event", SEES_ALL),
    ("programmes:event_edit", "event", LOG),
    ("programmes:event_delete", "event", LOG),
    # Delivered by the ICB away from the careers lead's school: not the partner's either.
    ("programmes:event", "icb_event", {**SEES_ALL, "partner": 404, "careers": 404}),
    ("programmes:event_edit", "icb_event", {**LOG, "partner": 404}),
]


@pytest.mark.parametrize(("route", "key", "expected"), GET_ROUTES, ids=lambda v: str(v))
@pytest.mark.parametrize("persona", [None, *PERSONAS], ids=lambda p: p or "anonymous")
def test_each_role_gets_the_right_answer(client, request, world, route, key, expected, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(route, args=[world[key].pk]))
    assert response.status_code == {**expected, **REST}[persona]


POST_ROUTES = [
    ("programmes:partner_remove", "partner_row", MANAGE),
    ("programmes:target_delete", "target", MANAGE),
    ("programmes:activity_delete", "activity", MANAGE),
    ("programmes:quote_add", "event", LOG),
    ("programmes:quote_delete", "quote", LOG),
]


@pytest.mark.parametrize(("route", "key", "expected"), POST_ROUTES, ids=lambda v: str(v))
@pytest.mark.parametrize("persona", [None, *PERSONAS], ids=lambda p: p or "anonymous")
def test_each_role_gets_the_right_answer_to_a_post(
    client, request, world, route, key, expected, persona
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    url = reverse(route, args=[world[key].pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"text": "Brilliant", "attribution": "Careers Lead"})
    allowed = {**expected, **REST}[persona]
    assert response.status_code == (302 if allowed == 200 else allowed)


def test_a_visible_event_the_partner_may_not_change_answers_403(client, world, partner, vcse):
    # The partner's organisation now only funds the programme: it can still see the event
    # it delivered, but no longer log or change events.
    world["programme"].partners.filter(organisation=vcse).update(role=PartnerRole.FUNDING)
    client.force_login(partner)
    event = world["event"]
    assert client.get(reverse("programmes:event", args=[event.pk])).status_code == 200
    assert client.get(reverse("programmes:event_edit", args=[event.pk])).status_code == 403
    create = reverse("programmes:event_create", args=[world["programme"].pk])
    assert client.get(create).status_code == 403
