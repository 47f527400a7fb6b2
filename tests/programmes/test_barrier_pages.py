import datetime

import pytest
from django.urls import reverse

from partners.models import CommunityGroup
from programmes.factories import BarrierActionFactory, BarrierFactory
from programmes.models import Barrier, BarrierAction
from tests.conftest import PERSONAS

from .test_pages_access import MANAGE, REST, SEES_ALL


@pytest.fixture
def board_world(programme, school):
    from programmes.factories import EventFactory

    EventFactory(programme=programme, school=school)  # so the careers lead sees it
    barrier = BarrierFactory(programme=programme)
    return {
        "programme": programme,
        "barrier": barrier,
        "action": BarrierActionFactory(barrier=barrier),
    }


@pytest.mark.parametrize(
    ("route", "key", "expected"),
    [
        ("programmes:board", "programme", SEES_ALL),
        ("programmes:barriers", "programme", SEES_ALL),
        ("programmes:barrier_create", "programme", MANAGE),
        ("programmes:barrier_edit", "barrier", MANAGE),
        ("programmes:action_create", "programme", MANAGE),
        ("programmes:action_edit", "action", MANAGE),
    ],
    ids=lambda v: str(v),
)
@pytest.mark.parametrize("persona", [None, *PERSONAS], ids=lambda p: p or "anonymous")
def test_each_role_gets_the_right_answer(
    client, request, board_world, route, key, expected, persona
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(route, args=[board_world[key].pk]))
    assert response.status_code == {**expected, **REST}[persona]


@pytest.mark.parametrize(
    ("route", "key"),
    [("programmes:barrier_delete", "barrier"), ("programmes:action_delete", "action")],
)
@pytest.mark.parametrize("persona", [None, *PERSONAS], ids=lambda p: p or "anonymous")
def test_only_managers_remove_barriers_and_actions(
    client, request, board_world, route, key, persona
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.post(reverse(route, args=[board_world[key].pk]))
    allowed = {**MANAGE, **REST}[persona]
    assert response.status_code == (302 if allowed == 200 else allowed)


def test_a_lead_records_a_barrier_and_a_co_created_action(client, lead, programme, vcse):
    client.force_login(lead)
    client.post(
        reverse("programmes:barrier_create", args=[programme.pk]),
        {"group": CommunityGroup.objects.get(code="deaf").pk, "title": "Inaccessible interviews"},
    )
    barrier = Barrier.objects.get()
    form = client.get(
        reverse("programmes:action_create", args=[programme.pk]) + f"?barrier={barrier.pk}"
    ).context["form"]
    assert form.initial["barrier"] == barrier.pk
    data = {
        "barrier": barrier.pk,
        "category": "support",
        "description": "BSL interpretation at every stage of recruitment",
        "owner": vcse.pk,
        "status": "in_progress",
        "implement_by_day": "1",
        "implement_by_month": "9",
        "implement_by_year": "2025",
        "review_on_day": "1",
        "review_on_month": "4",
        "review_on_year": "2025",
    }
    response = client.post(reverse("programmes:action_create", args=[programme.pk]), data)
    assert "The review date must be on or after the implementation date." in (
        response.content.decode()
    )
    assert not BarrierAction.objects.exists()
    data["review_on_year"] = "2026"
    client.post(reverse("programmes:action_create", args=[programme.pk]), data)
    action = BarrierAction.objects.get()
    assert action.review_on == datetime.date(2026, 4, 1)
    board = client.get(reverse("programmes:board", args=[programme.pk]))
    support = next(row for row in board.context["rows"] if row["category"] == "support")
    assert {status.value: n for status, n in support["cells"]}["in_progress"] == 1


def test_the_board_filters_by_category_status_and_group(client, careers, board_world):
    programme = board_world["programme"]
    deaf = BarrierFactory(programme=programme, group=CommunityGroup.objects.get(code="deaf"))
    BarrierActionFactory(barrier=deaf, category="support", status="done", description="BSL")
    client.force_login(careers)
    url = reverse("programmes:board", args=[programme.pk])
    page = client.get(url, {"category": "support", "status": "done"}).context["page_obj"]
    assert [a.description for a in page] == ["BSL"]
    page = client.get(url, {"group": deaf.group.pk}).context["page_obj"]
    assert [a.description for a in page] == ["BSL"]
    assert "Add an action" not in client.get(url).content.decode()


def test_the_board_and_barrier_list_keep_their_queries_fixed(
    client, lead, programme, django_assert_max_num_queries
):
    client.force_login(lead)
    barrier = BarrierFactory(programme=programme)
    BarrierActionFactory(barrier=barrier)
    urls = [
        reverse("programmes:board", args=[programme.pk]),
        reverse("programmes:barriers", args=[programme.pk]),
    ]
    few = {}
    for url in urls:
        with django_assert_max_num_queries(12) as captured:
            client.get(url)
        few[url] = len(captured.captured_queries)
    for category in ["inform", "develop", "encourage", "awareness", "support"]:
        for barrier in BarrierFactory.create_batch(6, programme=programme):
            BarrierActionFactory.create_batch(2, barrier=barrier, category=category)
    for url in urls:
        with django_assert_max_num_queries(few[url]):
            response = client.get(url)
        assert len(response.context["page_obj"]) == 25
