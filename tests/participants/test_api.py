"""Role × API for participant pathways: pseudonymised everywhere, careers leads refused,
writes for the delivering organisation's delivery partners through the same services."""

import datetime

import pytest
from rest_framework.test import APIClient

from programmes.models import Participant

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


READS = {
    "lead": 200,
    "partner": 200,
    "administrator": 200,
    "careers": 403,
    "no_role": 403,
    "outsider": 404,
    "employer_staff": 200,
    "other_partner": 404,
}
# Individual records: the delivering organisation's delivery partners only.
RECORD_READS = {
    "lead": 403,
    "partner": 200,
    "administrator": 403,
    "careers": 403,
    "no_role": 403,
    "outsider": 403,
    "employer_staff": 404,
    "other_partner": 404,
}


@pytest.mark.parametrize("persona", list(READS))
@pytest.mark.parametrize("resource", ["cohorts", "participants", "participant-stages", "check-ins"])
def test_each_role_reads_what_it_may(request, started, persona, resource):
    user = request.getfixturevalue(persona)
    ids = {
        "cohorts": started.cohort_id,
        "participants": started.pk,
        "participant-stages": started.stages.first().pk,
        "check-ins": started.check_ins.first().pk,
    }
    expected = (READS if resource == "cohorts" else RECORD_READS)[persona]
    response = api(user).get(f"/api/v1/{resource}/{ids[resource]}/")
    assert response.status_code == expected
    listing = api(user).get(f"/api/v1/{resource}/")
    if expected == 403:
        assert listing.status_code == 403
    else:
        assert listing.status_code == 200
        count = listing.json()["count"]
        assert count >= 1 if expected == 200 else count == 0


def test_no_name_is_ever_in_the_api(started, partner):
    body = api(partner).get(f"/api/v1/participants/{started.pk}/").content.decode()
    assert started.reference in body
    assert "Zainab" not in body
    assert "z@example.com" not in body
    assert "PT-001" not in body


def test_the_dashboard_suppresses_small_numbers_for_a_lead(started, lead, partner):
    lead_view = api(lead).get(f"/api/v1/cohorts/{started.cohort_id}/dashboard/").json()
    assert lead_view["funnel"][0]["count"] is None
    assert lead_view["suppressed_below"] == 8
    partner_view = api(partner).get(f"/api/v1/cohorts/{started.cohort_id}/dashboard/").json()
    assert partner_view["funnel"][0]["count"] == 1


def test_a_partner_records_a_participant_and_stages_with_the_pages_rules(partner, cohort):
    client = api(partner)
    response = client.post(
        "/api/v1/participants/",
        {
            "cohort": cohort.pk,
            "age_band": "31+",
            "consent_on": "2025-01-06",
            "consent_version": "v1",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "age_band" in response.json()["error"]["fields"]
    assert not Participant.objects.exists()
    response = client.post(
        "/api/v1/participants/",
        {
            "cohort": cohort.pk,
            "age_band": "18-21",
            "consent_on": "2025-01-06",
            "consent_version": "v1",
        },
        format="json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    ok = client.post(
        "/api/v1/participant-stages/",
        {"participant": pk, "stage": "referred", "occurred_on": "2025-01-06"},
        format="json",
    )
    assert ok.status_code == 201
    bad = client.post(
        "/api/v1/participant-stages/",
        {"participant": pk, "stage": "enrolled", "occurred_on": "2025-01-01"},
        format="json",
    )
    assert bad.status_code == 400
    assert "occurred_on" in bad.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("persona", "status"), [("lead", 403), ("administrator", 403), ("employer_staff", 400)]
)
def test_only_the_delivering_partner_may_write(request, started, persona, status):
    client = api(request.getfixturevalue(persona))
    response = client.post(
        "/api/v1/participant-support/",
        {"participant": started.pk, "kind": "mentoring", "occurred_on": "2025-03-10"},
        format="json",
    )
    assert response.status_code == status


def test_a_check_in_is_answered_through_the_api(partner, started):
    check_in = started.check_ins.get(months=3)
    response = api(partner).post(
        f"/api/v1/check-ins/{check_in.pk}/answer/",
        {"in_post": True, "answered_on": datetime.date.today().isoformat()},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "in_post"


def test_the_participant_list_keeps_a_fixed_number_of_queries(
    partner, cohort, django_assert_max_num_queries
):
    from programmes.factories import ParticipantFactory

    ParticipantFactory(cohort=cohort)
    with django_assert_max_num_queries(6):
        api(partner).get("/api/v1/participants/")
    ParticipantFactory.create_batch(30, cohort=cohort)
    with django_assert_max_num_queries(6):
        response = api(partner).get("/api/v1/participants/")
    assert response.json()["count"] == 31


@pytest.mark.parametrize(
    ("persona", "status"),
    [("lead", 201), ("administrator", 201), ("partner", 403), ("careers", 403), ("outsider", 400)],
)
def test_a_programmes_leads_add_cohorts_through_the_api(request, programme, vcse, persona, status):
    response = api(request.getfixturevalue(persona)).post(
        "/api/v1/cohorts/",
        {
            "programme": programme.pk,
            "name": "API cohort",
            "delivering_organisation": vcse.pk,
            "starts_on": "2025-09-01",
            "capacity": 20,
        },
        format="json",
    )
    assert response.status_code == status, response.content


def test_a_cohort_with_bad_dates_is_refused_with_the_pages_message(lead, programme, vcse):
    response = api(lead).post(
        "/api/v1/cohorts/",
        {
            "programme": programme.pk,
            "name": "Backwards",
            "delivering_organisation": vcse.pk,
            "starts_on": "2025-09-01",
            "ends_on": "2025-08-01",
            "capacity": 20,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in response.content.decode()
    from programmes.models import Cohort

    assert not Cohort.objects.filter(name="Backwards").exists()
