"""Report runs through /api/v1/reports/: start, poll, list, download, retry."""

import pytest
from rest_framework.test import APIClient

from reporting.factories import ReportRunFactory
from reporting.models import FileFormat, ReportRun, RunStatus

URL = "/api/v1/reports/"


@pytest.fixture
def api(lead):
    client = APIClient()
    client.force_authenticate(lead)
    return client


def body(**fields):
    return {"kind": "annual_cycle", "scope": "programme", "academic_year": 2024, **fields}


def test_a_lead_starts_a_run_polls_it_and_downloads_each_file(api, programme, media):
    response = api.post(URL, body(programme=programme.pk), format="json")
    assert response.status_code == 202
    run_id = response.json()["id"]
    assert response["Location"].endswith(f"{URL}{run_id}/")

    status = api.get(f"{URL}{run_id}/").json()
    assert status["status"] == "done"
    assert status["progress"] == 100
    assert {f["format"] for f in status["files"]} == set(FileFormat.values)
    for file in status["files"]:
        download = api.get(file["url"])
        assert download.status_code == 200
        assert b"".join(download.streaming_content)


def test_the_same_parameters_in_flight_return_the_same_run(api, programme, monkeypatch):
    from reporting.tasks import compile_report_run

    monkeypatch.setattr(compile_report_run, "delay", lambda run_id: None)
    first = api.post(URL, body(programme=programme.pk), format="json").json()
    second = api.post(URL, body(programme=programme.pk), format="json").json()
    assert first["id"] == second["id"]
    assert first["status"] == "queued"


def test_a_scope_out_of_reach_answers_403_whether_or_not_it_exists(api, other_programme):
    forbidden = api.post(URL, body(programme=other_programme.pk), format="json")
    missing = api.post(URL, body(programme=987654), format="json")
    assert forbidden.status_code == missing.status_code == 403
    assert forbidden.json() == missing.json()
    national = api.post(URL, {**body(), "scope": "national"}, format="json")
    assert national.status_code == 403


@pytest.mark.parametrize(
    "period",
    [
        {"academic_year": None, "date_from": "2025-03-01", "date_to": "2025-01-01"},
        {"academic_year": None, "date_from": "2019-01-01", "date_to": "2025-01-02"},
        {"academic_year": 2024, "date_from": "2025-01-01", "date_to": "2025-02-01"},
        {"academic_year": None},
    ],
)
def test_bad_periods_answer_400_with_a_reason(api, programme, period):
    data = {**body(kind="impact", programme=programme.pk), **period}
    data = {k: v for k, v in data.items() if v is not None}
    response = api.post(URL, data, format="json")
    assert response.status_code == 400
    assert "period" in response.json()["error"]["fields"]


def test_the_annual_cycle_report_over_dates_answers_400(api, programme):
    data = {**body(programme=programme.pk), "date_from": "2025-01-01", "date_to": "2025-02-01"}
    del data["academic_year"]
    response = api.post(URL, data, format="json")
    assert response.status_code == 400


def test_a_lead_sees_only_their_own_runs(api, lead, outsider, programme):
    mine = ReportRunFactory(programme=programme, requested_by=lead)
    theirs = ReportRunFactory(programme=programme, requested_by=outsider)
    listed = api.get(URL).json()
    assert [r["id"] for r in listed["results"]] == [mine.pk]
    assert api.get(f"{URL}{theirs.pk}/").status_code == 404
    assert api.get(f"{URL}{theirs.pk}/files/pdf/").status_code == 404


def test_a_failed_run_is_retried(api, lead, programme, media):
    run = ReportRunFactory(programme=programme, requested_by=lead, status=RunStatus.FAILED)
    response = api.post(f"{URL}{run.pk}/retry/")
    assert response.status_code == 202
    assert ReportRun.objects.get(pk=run.pk).status == RunStatus.DONE


@pytest.mark.parametrize("persona", ["partner", "careers"])
def test_other_roles_are_refused(request, persona):
    client = APIClient()
    client.force_authenticate(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_the_list_keeps_its_query_count(api, lead, programme, django_assert_max_num_queries):
    ReportRunFactory(programme=programme, requested_by=lead)
    with django_assert_max_num_queries(10) as few:
        api.get(URL)
    ReportRunFactory.create_batch(20, programme=programme, requested_by=lead)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get(URL).status_code == 200


@pytest.mark.parametrize(
    "fields",
    [
        {"programme": 999999},
        {"scope": "areas", "areas": [999999]},
        {"scope": "area", "areas": [999999]},
    ],
)
def test_an_administrator_naming_nothing_gets_403_not_an_error(administrator, programme, fields):
    client = APIClient()
    client.force_authenticate(administrator)
    response = client.post(URL, body(**{"programme": programme.pk, **fields}), format="json")
    assert response.status_code == 403


@pytest.mark.parametrize(
    "fields",
    [
        {"programme": 10**30},
        {"quote_ids": [10**30]},
        {"academic_year": None, "date_from": "9999-01-01", "date_to": "9999-01-02"},
        {"areas": "everything", "scope": "areas"},
    ],
)
def test_crafted_values_answer_400(api, programme, fields):
    data = {k: v for k, v in {**body(programme=programme.pk), **fields}.items() if v is not None}
    response = api.post(URL, data, format="json")
    assert response.status_code == 400
