"""Role × API for the programmes resources: scoped reads, role-checked writes through
the same services (and the same messages) as the pages."""

import datetime

import pytest
from rest_framework.test import APIClient

from programmes.factories import (
    AnnualPlanFactory,
    BarrierActionFactory,
    BarrierFactory,
    EventFactory,
    PlannedActivityFactory,
    TargetFactory,
    goal,
)
from programmes.models import EngagementEvent, Programme
from tests.conftest import PERSONAS


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def world(programme, other_programme, vcse, school, icb):
    plan = AnnualPlanFactory(programme=programme)
    barrier = BarrierFactory(programme=programme)
    return {
        "programmes": programme,
        "targets": TargetFactory(programme=programme),
        "annual-plans": plan,
        "planned-activities": PlannedActivityFactory(plan=plan),
        "events": EventFactory(programme=programme, school=school, delivering_organisations=[vcse]),
        "icb_event": EventFactory(programme=programme, delivering_organisations=[icb]),
        "barriers": barrier,
        "barrier-actions": BarrierActionFactory(barrier=barrier),
        "other_event": EventFactory(programme=other_programme),
    }


RESOURCES = [
    "programmes",
    "targets",
    "annual-plans",
    "planned-activities",
    "events",
    "barriers",
    "barrier-actions",
]
# What each persona may read of the home programme's records (the careers lead sees
# the programme through the event at their school).
READS = {"lead": 200, "partner": 200, "careers": 200, "administrator": 200, "outsider": 404}


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("persona", [None, *PERSONAS], ids=lambda p: p or "anonymous")
def test_each_role_reads_only_what_it_may(request, world, resource, persona):
    user = request.getfixturevalue(persona) if persona else None
    client = api(user)
    listing = client.get(f"/api/v1/{resource}/")
    detail = client.get(f"/api/v1/{resource}/{world[resource].pk}/")
    if user is None:
        assert listing.status_code in (401, 403)
        assert detail.status_code in (401, 403)
        return
    assert listing.status_code == 200
    expected = READS.get(persona, 404)
    assert detail.status_code == expected
    ids = {row["id"] for row in listing.json()["results"]}
    assert (world[resource].pk in ids) == (expected == 200)


def test_a_partner_sees_only_their_organisations_events_unless_they_lead(
    world, partner, vcse, programme
):
    ids = {row["id"] for row in api(partner).get("/api/v1/events/").json()["results"]}
    assert ids == {world["events"].pk}
    assert api(partner).get(f"/api/v1/events/{world['icb_event'].pk}/").status_code == 404
    programme.partners.create(organisation=vcse, role="lead")
    ids = {row["id"] for row in api(partner).get("/api/v1/events/").json()["results"]}
    assert ids == {world["events"].pk, world["icb_event"].pk}


def event_body(programme, vcse, **overrides):
    body = {
        "programme": programme.pk,
        "activity_type": "workshop",
        "title": "Careers in health",
        "date": "2024-11-05",
        "school": programme.target_schools.first().pk,
        "delivering_organisations": [vcse.pk],
        "goals": ["aspiration"],
        "gatsby_benchmarks": [5],
        "participants": 60,
        "year_groups": [
            {"year_group": "year-8", "participants": 30},
            {"year_group": "year-9", "participants": 30},
        ],
        "demographics": [{"dimension": "fsm", "category": "fsm", "count": 12}],
        "quotes": [{"text": "Brilliant", "attribution": "Student, a school in Gloucester"}],
    }
    body.update(overrides)
    return body


def test_a_partner_logs_an_event_through_the_api(partner, programme, vcse):
    response = api(partner).post("/api/v1/events/", event_body(programme, vcse), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["academic_year"], body["term"]) == (2024, "autumn")
    assert body["year_groups"][0] == {"year_group": "year-8", "participants": 30}
    assert body["quotes"][0]["attribution"] == "Student, a school in Gloucester"
    event = EngagementEvent.objects.get(pk=body["id"])
    assert event.created_by == partner


def test_the_api_gives_the_services_messages_and_saves_nothing(partner, programme, vcse):
    body = event_body(programme, vcse, participants=70, date="2026-01-01")
    response = api(partner).post("/api/v1/events/", body, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields["year_groups"] == [
        "The year-group numbers add up to 60, but the total number of participants is 70. "
        "Check the numbers or the total."
    ]
    assert "The date must be within the programme" in fields["date"][0]
    response = api(partner).post(
        "/api/v1/events/",
        event_body(programme, vcse, participants=-1, year_groups=[]),
        format="json",
    )
    assert response.json()["error"]["fields"]["participants"] == [
        "The number of participants must be 0 or more."
    ]
    assert not EngagementEvent.objects.exists()


def test_who_may_log_events_through_the_api(
    partner, careers, outsider, programme, other_programme, vcse
):
    body = event_body(programme, vcse)
    assert api(careers).post("/api/v1/events/", body, format="json").status_code == 403
    # Another area's programme is not in the outsider's scope: a bad reference, not a 403.
    response = api(outsider).post("/api/v1/events/", body, format="json")
    assert response.status_code == 400
    assert "programme" in response.json()["error"]["fields"]
    programme.partners.filter(organisation=vcse).update(role="funding")
    assert api(partner).post("/api/v1/events/", body, format="json").status_code == 403


def test_a_partner_changes_and_deletes_only_their_own_events(world, partner):
    ours, theirs = world["events"], world["icb_event"]
    response = api(partner).patch(f"/api/v1/events/{ours.pk}/", {"participants": 45}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["participants"] == 45
    assert (
        api(partner)
        .patch(f"/api/v1/events/{theirs.pk}/", {"participants": 1}, format="json")
        .status_code
        == 404
    )
    assert api(partner).delete(f"/api/v1/events/{ours.pk}/").status_code == 204


def test_a_careers_lead_cannot_change_events_at_their_school(world, careers):
    event = world["events"]
    response = api(careers).patch(f"/api/v1/events/{event.pk}/", {"notes": "x"}, format="json")
    assert response.status_code == 403


def test_a_lead_creates_a_programme_in_their_area_only(lead, home_area, other_area, icb, school):
    body = {
        "name": "We Want You",
        "area": home_area.pk,
        "lead_organisation": icb.pk,
        "starts_on": "2024-09-01",
        "goals": ["awareness", "aspiration"],
        "target_schools": [school.pk],
    }
    response = api(lead).post("/api/v1/programmes/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["partners"] == [
        {"organisation": icb.pk, "organisation_name": icb.name, "role": "lead"}
    ]
    response = api(lead).post("/api/v1/programmes/", {**body, "area": other_area.pk}, format="json")
    assert "area" in response.json()["error"]["fields"]
    response = api(lead).post(
        "/api/v1/programmes/", {**body, "ends_on": "2024-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert Programme.objects.count() == 1


def test_delivery_partners_and_careers_leads_cannot_change_programmes(partner, careers, programme):
    for user in (partner, careers):
        client = api(user)
        assert client.post("/api/v1/programmes/", {}, format="json").status_code == 403
        response = client.patch(f"/api/v1/programmes/{programme.pk}/", {"name": "X"})
        assert response.status_code == 403
        assert client.post("/api/v1/targets/", {}, format="json").status_code == 403


def test_a_lead_manages_targets_plans_activities_barriers_and_actions(lead, programme, vcse):
    client = api(lead)
    target = client.post(
        "/api/v1/targets/",
        {"programme": programme.pk, "measure": "fsm_pct", "value": "150"},
        format="json",
    )
    assert target.json()["error"]["fields"]["value"] == [
        "A percentage target must be between 0 and 100."
    ]
    plan = client.post(
        "/api/v1/annual-plans/", {"programme": programme.pk, "academic_year": 2024}, format="json"
    )
    assert plan.status_code == 201
    activity = client.post(
        "/api/v1/planned-activities/",
        {
            "plan": plan.json()["id"],
            "goal": "aspiration",
            "target_group": "primary-years-7-9",
            "activity_type": "workshop",
            "term": "autumn",
            "quantity": 19,
            "delivered_by": vcse.pk,
        },
        format="json",
    )
    assert activity.status_code == 201, activity.json()
    EventFactory(programme=programme, goals=[goal("aspiration")])
    grid = client.get(f"/api/v1/annual-plans/{plan.json()['id']}/grid/").json()
    aspiration = next(row for row in grid["goals"] if row["goal"] == "aspiration")
    assert aspiration["cells"]["autumn"] == {"planned": 19, "delivered": 1}
    barrier = client.post(
        "/api/v1/barriers/",
        {"programme": programme.pk, "group": "deaf", "title": "Inaccessible interviews"},
        format="json",
    )
    assert barrier.status_code == 201
    action = client.post(
        "/api/v1/barrier-actions/",
        {
            "barrier": barrier.json()["id"],
            "category": "support",
            "description": "BSL interpreters at every stage",
            "implement_by": "2025-09-01",
            "review_on": "2025-04-01",
        },
        format="json",
    )
    assert action.status_code == 400
    assert "review date" in str(action.json()["error"])


def test_another_areas_records_are_bad_references_for_writes(outsider, world):
    response = api(outsider).post(
        "/api/v1/targets/",
        {"programme": world["programmes"].pk, "measure": "students_reached", "value": 1},
        format="json",
    )
    assert response.status_code == 400
    assert "programme" in response.json()["error"]["fields"]


def test_reference_lists_are_served(partner):
    client = api(partner)
    assert len(client.get("/api/v1/goals/").json()) == 4
    types = {t["code"]: t for t in client.get("/api/v1/activity-types/").json()}
    assert types["webinar"]["goals"] == ["awareness"]
    assert len(client.get("/api/v1/gatsby-benchmarks/").json()) == 8
    assert client.get("/api/v1/target-groups/").status_code == 200


def test_the_event_list_keeps_its_queries_fixed(
    lead, programme, vcse, django_assert_max_num_queries
):
    client = api(lead)
    EventFactory.create_batch(2, programme=programme, delivering_organisations=[vcse])
    with django_assert_max_num_queries(12) as few:
        assert client.get("/api/v1/events/").status_code == 200
    EventFactory.create_batch(30, programme=programme, delivering_organisations=[vcse])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/v1/events/").json()["results"]) == 32


def test_the_event_filters_work_on_the_api(lead, programme, vcse):
    EventFactory(programme=programme, title="Autumn", delivering_organisations=[vcse])
    EventFactory(programme=programme, title="Spring", date=datetime.date(2025, 2, 1))
    client = api(lead)
    rows = client.get("/api/v1/events/", {"date_from": "2025-01-01"}).json()["results"]
    assert [row["title"] for row in rows] == ["Spring"]
    rows = client.get("/api/v1/events/", {"partner": vcse.pk}).json()["results"]
    assert [row["title"] for row in rows] == ["Autumn"]


def test_the_schema_describes_the_programmes_resources(client, db):
    schema = client.get("/api/schema/").content.decode()
    for path in ["/api/v1/events/", "/api/v1/annual-plans/{id}/grid/", "/api/v1/barrier-actions/"]:
        assert path in schema
