"""The report pages as each role uses them."""

import datetime
import re

import pytest
from django.urls import reverse

from reporting.factories import ReportRunFactory
from reporting.models import FileFormat, ReportKind, ReportRun, RunStatus


def new_report(client, **fields):
    data = {"kind": "annual_cycle", "scope": "programme", "academic_year": "2024", **fields}
    return client.post(reverse("reporting:new"), data)


def test_a_lead_starts_a_report_and_lands_on_its_page_with_every_download(
    client, lead, programme, media
):
    client.force_login(lead)
    response = new_report(client, programme=programme.pk)
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:run_detail", args=[run.pk])

    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Download" in body
    for fmt in FileFormat.values:
        assert reverse("reporting:run_download", args=[run.pk, fmt]) in body
    assert "hx-trigger" not in body  # done: nothing to poll


def test_each_download_answers_its_file(client, lead, programme, media):
    client.force_login(lead)
    new_report(client, programme=programme.pk)
    run = ReportRun.objects.get()
    expected = {
        FileFormat.PDF: ("application/pdf", b"%PDF"),
        FileFormat.XLSX: ("application/vnd.openxmlformats", b"PK"),
        FileFormat.CSV_ZIP: ("application/zip", b"PK"),
    }
    for fmt, (content_type, magic) in expected.items():
        response = client.get(reverse("reporting:run_download", args=[run.pk, fmt]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
        assert "attachment" in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(magic)


def test_a_run_in_flight_polls_for_its_progress(client, lead, programme):
    run = ReportRunFactory(
        programme=programme, requested_by=lead, status=RunStatus.RUNNING, progress=42
    )
    client.force_login(lead)
    body = client.get(reverse("reporting:run_status", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert 'value="42"' in body
    assert "42% done" in body


def test_a_failed_run_says_so_plainly_and_offers_to_try_again(client, lead, programme, media):
    run = ReportRunFactory(
        programme=programme,
        requested_by=lead,
        status=RunStatus.FAILED,
        message="This report stopped before it finished.",
    )
    client.force_login(lead)
    body = client.get(reverse("reporting:run_detail", args=[run.pk])).content.decode()
    assert "could not be finished" in body
    assert "stopped before it finished" in body
    response = client.post(reverse("reporting:run_retry", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_asking_twice_while_in_flight_lands_on_the_same_run(client, lead, programme, monkeypatch):
    from reporting.tasks import compile_report_run

    monkeypatch.setattr(compile_report_run, "delay", lambda run_id: None)
    client.force_login(lead)
    first = new_report(client, programme=programme.pk)
    second = new_report(client, programme=programme.pk)
    assert first["Location"] == second["Location"]
    assert ReportRun.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {
                "kind": "impact",
                "academic_year": "",
                "date_from_day": "1",
                "date_from_month": "3",
                "date_from_year": "2025",
                "date_to_day": "1",
                "date_to_month": "1",
                "date_to_year": "2025",
            },
            "date_to",
            "on or after the start date",
        ),
        (
            {
                "kind": "impact",
                "academic_year": "",
                "date_from_day": "1",
                "date_from_month": "1",
                "date_from_year": "2019",
                "date_to_day": "2",
                "date_to_month": "1",
                "date_to_year": "2025",
            },
            "date_to",
            "at most 5 years",
        ),
        ({"academic_year": ""}, "academic_year", "Choose the academic year"),
        ({"programme": ""}, "programme", "Choose the programme"),
    ],
)
def test_bad_periods_and_missing_choices_are_explained_beside_the_field(
    client, lead, programme, fields, field, message
):
    client.force_login(lead)
    response = new_report(client, **{"programme": programme.pk, **fields})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not ReportRun.objects.exists()


def test_another_areas_programme_or_one_that_does_not_exist_answers_403_alike(
    client, lead, other_programme
):
    client.force_login(lead)
    forbidden = new_report(client, programme=other_programme.pk)
    missing = new_report(client, programme=987654)
    assert forbidden.status_code == missing.status_code == 403
    assert other_programme.name not in forbidden.content.decode()
    tokens = re.compile(rb'"[A-Za-z0-9]{64}"')  # each page carries its own CSRF token
    assert tokens.sub(b"", forbidden.content) == tokens.sub(b"", missing.content)
    assert not ReportRun.objects.exists()


def test_a_lead_cannot_ask_for_the_nation(client, lead, programme):
    client.force_login(lead)
    response = new_report(client, scope="national")
    assert response.status_code == 200
    assert "scope" in response.context["form"].errors


def test_someone_elses_run_is_not_found(client, lead, outsider, programme):
    run = ReportRunFactory(programme=programme, requested_by=outsider)
    client.force_login(lead)
    for name in ("reporting:run_detail", "reporting:run_status"):
        assert client.get(reverse(name, args=[run.pk])).status_code == 404
    assert client.post(reverse("reporting:run_retry", args=[run.pk])).status_code == 404
    assert client.get(reverse("reporting:run_download", args=[run.pk, "pdf"])).status_code == 404


@pytest.mark.parametrize("persona", ["partner", "careers", "no_role"])
def test_other_roles_may_not_open_reports(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("reporting:list")).status_code == 403
    assert client.get(reverse("reporting:new")).status_code == 403


def test_the_list_of_runs_keeps_its_query_count_as_runs_grow(
    client, lead, programme, django_assert_max_num_queries
):
    client.force_login(lead)
    ReportRunFactory(programme=programme, requested_by=lead)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("reporting:list"))
    ReportRunFactory.create_batch(30, programme=programme, requested_by=lead)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("reporting:list"))
    assert response.status_code == 200


def test_impact_reports_let_the_lead_pick_quotes(client, lead, programme, media):
    from programmes.models import FeedbackQuote

    event = programme.events.first()
    chosen = FeedbackQuote.objects.create(
        event=event, text="I want to be a nurse now", attribution="Year 9 student"
    )
    FeedbackQuote.objects.create(event=event, text="Too short", attribution="Teacher")
    client.force_login(lead)
    step = new_report(client, kind="impact", programme=programme.pk)
    assert step.status_code == 200
    assert "I want to be a nurse now" in step.content.decode()
    carried = dict(step.context["carried"])
    response = client.post(
        reverse("reporting:new"), {**carried, "quotes": [chosen.pk], "choose_quotes": "1"}
    )
    assert response.status_code == 302
    run = ReportRun.objects.get()
    assert run.options == {"quote_ids": [chosen.pk]}
    assert "I want to be a nurse now" in str(run.result)
    assert "Too short" not in str(run.result)


def test_a_lead_asks_for_a_report_each_term_and_can_stop_it(client, lead, programme):
    client.force_login(lead)
    response = client.post(
        reverse("reporting:schedule_new"),
        {"kind": ReportKind.IMPACT, "scope": "programme", "programme": programme.pk},
    )
    assert response.status_code == 302
    schedule = lead.report_schedules.get()
    body = client.get(reverse("reporting:list")).content.decode()
    assert "Sent at the end of each term" in body
    assert programme.name in body
    client.post(reverse("reporting:schedule_stop", args=[schedule.pk]))
    schedule.refresh_from_db()
    assert not schedule.active


def test_the_run_page_shows_the_period_and_the_keep_until_date(client, lead, programme):
    run = ReportRunFactory(
        programme=programme,
        requested_by=lead,
        status=RunStatus.QUEUED,
        progress=0,
        expires_at=datetime.datetime(2031, 5, 1, tzinfo=datetime.UTC),
    )
    client.force_login(lead)
    body = client.get(reverse("reporting:run_detail", args=[run.pk])).content.decode()
    assert "Academic year 2024/25" in body
    assert "1 May 2031" in body
    assert "Waiting to start" in body


@pytest.mark.parametrize(
    "fields",
    [
        {
            "kind": "impact",
            "academic_year": "",
            "date_from_day": "1",
            "date_from_month": "1",
            "date_from_year": "9998",
            "date_to_day": "2",
            "date_to_month": "1",
            "date_to_year": "9998",
        },
        {"scope": "areas", "areas": ["99999999999999999999999999"]},
        {"programme": "99999999999999999999999999"},
        {"programme": "not-a-number"},
    ],
)
def test_crafted_values_never_crash_the_page(client, lead, programme, fields):
    client.force_login(lead)
    response = new_report(client, **{"programme": programme.pk, **fields})
    assert response.status_code in (200, 403)
    assert not ReportRun.objects.exists()


def test_small_numbers_show_as_their_range_on_screen(client, lead, programme):
    from reporting.document import Column, Report, Section, Suppressed, Table

    document = Report(
        kind="impact",
        title="Impact report",
        scope_label="We Want You",
        period_label="2024/25",
        generated_at="2026-12-02T00:00:00+00:00",
        sections=[
            Section(
                key="pathways",
                title="Participant pathways",
                tables=[
                    Table(
                        key="funnel",
                        title="Funnel",
                        columns=[Column("stage", "Stage"), Column("n", "People", "int")],
                        rows=[["Started", Suppressed("1 to 7")]],
                        definition="People at each stage.",
                    )
                ],
            )
        ],
    )
    run = ReportRunFactory(programme=programme, requested_by=lead, result=document.to_dict())
    client.force_login(lead)
    body = client.get(reverse("reporting:run_detail", args=[run.pk])).content.decode()
    assert "1 to 7" in body
    assert 'outreach-report-suppressed">1 to 7</td>' in body
    assert "{&#x27;" not in body


def test_a_lead_who_no_longer_leads_the_area_loses_its_reports(client, lead, programme, icb):
    from outreach.accounts.factories import MembershipFactory
    from outreach.accounts.roles import Role
    from partners.factories import ICBAreaFactory, OrganisationFactory

    run = ReportRunFactory(programme=programme, requested_by=lead)
    elsewhere = OrganisationFactory(area=ICBAreaFactory(name="NHS Somerset ICB"))
    MembershipFactory(user=lead, organisation=elsewhere, role=Role.WORKFORCE_LEAD)
    lead.memberships.filter(organisation=icb).delete()
    lead = type(lead).objects.get(pk=lead.pk)
    client.force_login(lead)
    assert client.get(reverse("reporting:run_detail", args=[run.pk])).status_code == 404
