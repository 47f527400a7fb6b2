"""Reports compiled at the end of each term and sent as a link."""

import datetime

import pytest
from django.core import mail

from outreach.accounts.models import Membership
from reporting import services
from reporting.models import ReportKind, ReportRun, RunStatus
from reporting.scope import ReportScope
from reporting.services.emails import report_ready_email_send


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2025, 1, 1), (2024, "autumn")),  # autumn ends 31 December
        (datetime.date(2024, 12, 31), (2023, "summer")),  # ...so not yet on the day itself
        (datetime.date(2025, 4, 21), (2024, "spring")),  # Easter Sunday 2025 was 20 April
        (datetime.date(2025, 4, 20), (2024, "autumn")),
        (datetime.date(2025, 9, 1), (2024, "summer")),
    ],
)
def test_it_knows_which_term_ended_last(today, expected):
    assert services.last_ended_term(today) == expected


def test_a_new_schedule_waits_for_the_next_term_to_end(lead, programme, media):
    services.report_schedule_create(
        user=lead,
        kind=ReportKind.IMPACT,
        scope=ReportScope.programme(programme),
        today=datetime.date(2024, 11, 1),
    )
    assert services.report_schedules_run(today=datetime.date(2024, 12, 15)) == []
    started = services.report_schedules_run(today=datetime.date(2025, 1, 2))
    assert len(started) == 1
    assert started[0].academic_year == 2024


def test_each_term_starts_one_run_and_sends_one_email_with_a_link_however_often_beat_runs(
    lead, programme, media
):
    services.report_schedule_create(
        user=lead,
        kind=ReportKind.ANNUAL_CYCLE,
        scope=ReportScope.programme(programme),
        today=datetime.date(2024, 11, 1),
    )
    for _ in range(3):
        services.report_schedules_run(today=datetime.date(2025, 1, 3))
    runs = ReportRun.objects.filter(schedule__isnull=False)
    assert runs.count() == 1
    run = runs.get()
    assert run.status == RunStatus.DONE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [lead.email]
    assert f"/reports/runs/{run.pk}/" in message.body
    assert message.attachments == []
    assert report_ready_email_send(run_id=run.pk) is False  # sent once
    assert len(mail.outbox) == 1


def test_a_schedule_stops_when_its_owner_no_longer_leads_the_area(lead, programme, media):
    schedule = services.report_schedule_create(
        user=lead,
        kind=ReportKind.IMPACT,
        scope=ReportScope.programme(programme),
        today=datetime.date(2024, 11, 1),
    )
    Membership.objects.filter(user=lead).delete()
    lead = type(lead).objects.get(pk=lead.pk)  # a fresh scope
    assert services.report_schedules_run(today=datetime.date(2025, 1, 3)) == []
    schedule.refresh_from_db()
    assert not schedule.active


def test_a_stopped_schedule_sends_nothing(lead, programme, media):
    schedule = services.report_schedule_create(
        user=lead,
        kind=ReportKind.IMPACT,
        scope=ReportScope.programme(programme),
        today=datetime.date(2024, 11, 1),
    )
    services.report_schedule_stop(schedule=schedule)
    assert services.report_schedules_run(today=datetime.date(2025, 1, 3)) == []


def test_beat_runs_the_schedules_the_sweep_and_the_retention_run():
    from outreach import celery_app

    tasks = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    expected = {
        "reporting.run_report_schedules",
        "reporting.sweep_report_runs",
        # Expired runs go with the retention schedule's nightly run.
        "privacy.apply_retention",
    }
    assert expected <= tasks
    celery_app.loader.import_default_modules()
    assert expected <= set(celery_app.tasks)
