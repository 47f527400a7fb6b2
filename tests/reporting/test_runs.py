"""The life of a report run through the services and the task: queued → running → done,
asking twice, failing and retrying, a dead worker's run taken over, upkeep."""

import datetime
import os

import pytest
from django.utils import timezone

from reporting import services
from reporting.factories import ReportRunFactory
from reporting.models import FileFormat, ReportKind, ReportRun, RunStatus
from reporting.periods import Period, PeriodError
from reporting.scope import ReportScope
from reporting.services import compiling
from reporting.tasks import compile_report_run

YEAR = Period.academic(2024)


def start(user, programme, kind=ReportKind.ANNUAL_CYCLE, period=YEAR, **kwargs):
    return services.report_run_start(
        user=user, kind=kind, scope=ReportScope.programme(programme), period=period, **kwargs
    )


def test_it_sends_the_task_only_once_the_transaction_commits(
    lead, programme, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(compile_report_run, "delay", lambda run_id: sent.append(run_id))
    with django_capture_on_commit_callbacks() as callbacks:
        run, created = start(lead, programme)
        assert sent == []
    assert created
    assert run.status == RunStatus.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == [run.pk]


def test_it_goes_queued_running_done_with_progress_rising(lead, programme, media, monkeypatch):
    seen = []
    real = compiling.compile_document

    def watching(run, progress):
        for percent in (10, 40, 70):
            progress(percent, f"step {percent}")
            seen.append(ReportRun.objects.values_list("status", "progress").get(pk=run.pk))
        return real(run, progress)

    monkeypatch.setattr(compiling, "compile_document", watching)
    monkeypatch.setattr(compiling, "PROGRESS_EVERY_SECONDS", 0)
    run, _ = start(lead, programme)  # the task runs in-process in tests
    run.refresh_from_db()

    assert [status for status, _ in seen] == ["running"] * 3
    percents = [percent for _, percent in seen]
    assert percents == sorted(percents)
    assert percents[0] > 0
    assert run.status == RunStatus.DONE
    assert run.progress == 100
    assert run.started_at <= run.finished_at
    assert run.attempts == 1
    assert {f.format for f in run.files.all()} == set(FileFormat.values)
    assert all(f.size > 0 for f in run.files.all())
    assert run.result["kind"] == "annual_cycle"


def test_it_returns_the_run_in_flight_when_the_same_parameters_are_asked_again(
    lead, programme, monkeypatch
):
    monkeypatch.setattr(compile_report_run, "delay", lambda run_id: None)
    first, created = start(lead, programme)
    again, created_again = start(lead, programme)
    assert created
    assert not created_again
    assert again.pk == first.pk
    assert ReportRun.objects.count() == 1


def test_it_starts_a_new_run_for_other_parameters_or_once_the_first_is_done(
    lead, programme, monkeypatch
):
    monkeypatch.setattr(compile_report_run, "delay", lambda run_id: None)
    first, _ = start(lead, programme)
    impact, _ = start(lead, programme, kind=ReportKind.IMPACT)
    assert impact.pk != first.pk
    ReportRun.objects.filter(pk=first.pk).update(status=RunStatus.DONE)
    later, created = start(lead, programme)
    assert created
    assert later.pk != first.pk


def test_a_forced_failure_ends_failed_with_a_plain_message_and_a_retry_succeeds(
    lead, programme, media, monkeypatch
):
    real = compiling.compile_document

    def broken(run, progress):
        raise RuntimeError("the database said something technical")

    monkeypatch.setattr(compiling, "compile_document", broken)
    run, _ = start(lead, programme)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "try again" in run.message.lower()
    assert "technical" not in run.message
    assert not run.files.exists()

    monkeypatch.setattr(compiling, "compile_document", real)
    retried = services.report_run_retry(user=lead, run=run)
    assert retried.pk == run.pk
    retried.refresh_from_db()
    assert retried.status == RunStatus.DONE
    assert retried.message == ""
    assert retried.files.count() == len(FileFormat.values)


def test_a_second_delivery_while_the_first_attempt_is_alive_waits_its_turn(lead, programme):
    run = ReportRunFactory(programme=programme, requested_by=lead, status=RunStatus.QUEUED)
    token = services.report_run_claim(run_id=run.pk)
    assert token
    with pytest.raises(services.RunBusy) as busy:
        services.report_run_claim(run_id=run.pk)
    assert 0 < busy.value.retry_in <= 121


def test_a_dead_workers_run_is_taken_over_and_finished_exactly_once(
    lead, programme, media, settings
):
    run = ReportRunFactory(programme=programme, requested_by=lead, status=RunStatus.QUEUED)
    dead = services.report_run_claim(run_id=run.pk)
    ReportRun.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=600), progress=40
    )

    finished = services.report_run_compile(run_id=run.pk)  # the redelivered task
    assert finished.status == RunStatus.DONE
    assert finished.attempts == 2

    # The first attempt wakes up: it may neither report progress nor finish.
    with pytest.raises(services.ClaimLost):
        compiling.Progress(run.pk, dead)(50, "late")
    assert services.report_run_compile(run_id=run.pk) is None  # a third delivery: nothing
    finished.refresh_from_db()
    assert finished.attempts == 2
    assert finished.files.count() == len(FileFormat.values)


def test_a_run_that_keeps_killing_its_worker_is_parked_after_three_attempts(lead, programme):
    run = ReportRunFactory(
        programme=programme,
        requested_by=lead,
        status=RunStatus.RUNNING,
        attempts=3,
        heartbeat_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert services.report_run_claim(run_id=run.pk) is None
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "three times" in run.message


def test_the_sweep_fails_runs_silent_past_the_time_out_so_they_can_be_retried(
    lead, programme, media
):
    silent = ReportRunFactory(
        programme=programme,
        requested_by=lead,
        status=RunStatus.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=31),
    )
    alive = ReportRunFactory(
        programme=programme,
        requested_by=lead,
        status=RunStatus.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    assert services.report_runs_fail_timed_out() == 1
    silent.refresh_from_db()
    alive.refresh_from_db()
    assert silent.status == RunStatus.FAILED
    assert "stopped before it finished" in silent.message
    assert alive.status == RunStatus.RUNNING
    assert services.report_run_retry(user=lead, run=silent).status == RunStatus.DONE


def test_the_sweep_sends_again_runs_left_queued(lead, programme, monkeypatch):
    sent = []
    monkeypatch.setattr(compile_report_run, "delay", lambda run_id: sent.append(run_id))
    old = ReportRunFactory(
        programme=programme,
        requested_by=lead,
        status=RunStatus.QUEUED,
        created_at=timezone.now() - datetime.timedelta(minutes=11),
    )
    ReportRunFactory(programme=programme, requested_by=lead, status=RunStatus.QUEUED)
    assert services.report_runs_requeue() == [old.pk]
    assert sent == [old.pk]


def test_expired_runs_are_removed_with_their_files_and_runs_in_flight_kept(lead, programme, media):
    from outreach.privacy.services import apply_retention

    run, _ = start(lead, programme)
    paths = [f.file.path for f in run.files.all()]
    assert paths
    yesterday = timezone.now() - datetime.timedelta(days=1)
    ReportRun.objects.filter(pk=run.pk).update(expires_at=yesterday)
    in_flight = ReportRunFactory(
        programme=programme,
        requested_by=lead,
        status=RunStatus.RUNNING,
        expires_at=yesterday,
    )
    done = apply_retention()
    assert done.counts["report_files"]["count"] == 1
    assert not ReportRun.objects.filter(pk=run.pk).exists()
    assert ReportRun.objects.filter(pk=in_flight.pk).exists()
    assert not any(os.path.exists(p) for p in paths)
    assert services.report_runs_delete([]) == 0


def test_a_run_is_kept_for_the_retention_schedules_period(lead, programme):
    run, _ = start(lead, programme)
    assert (run.expires_at - run.created_at).days == 30


def test_a_lead_may_not_report_on_another_area_or_the_nation(
    lead, outsider, other_programme, other_area
):
    with pytest.raises(services.ScopeNotAllowed):
        start(lead, other_programme)
    with pytest.raises(services.ScopeNotAllowed):
        services.report_run_start(
            user=lead, kind=ReportKind.IMPACT, scope=ReportScope.areas([other_area]), period=YEAR
        )
    with pytest.raises(services.ScopeNotAllowed):
        services.report_run_start(
            user=lead, kind=ReportKind.IMPACT, scope=ReportScope.national(), period=YEAR
        )


def test_a_programme_that_does_not_exist_is_refused_like_one_out_of_scope(lead):
    with pytest.raises(services.ScopeNotAllowed):
        services.report_run_start(
            user=lead,
            kind=ReportKind.IMPACT,
            scope=ReportScope.programme(987654),
            period=YEAR,
        )


def test_exports_are_for_administrators_only(lead, home_area):
    with pytest.raises(services.ScopeNotAllowed):
        services.report_run_start(
            user=lead,
            kind=ReportKind.EXPORT_EVENTS,
            scope=ReportScope.areas([home_area]),
            period=YEAR,
        )


def test_an_administrator_may_report_on_the_nation(administrator, programme, media):
    run, _ = services.report_run_start(
        user=administrator, kind=ReportKind.IMPACT, scope=ReportScope.national(), period=YEAR
    )
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_the_annual_cycle_report_needs_an_academic_year(lead, programme):
    with pytest.raises(PeriodError):
        start(
            lead,
            programme,
            period=Period.between(datetime.date(2025, 1, 1), datetime.date(2025, 3, 1)),
        )


@pytest.mark.parametrize(
    ("start_day", "end_day"),
    [
        (datetime.date(2025, 3, 1), datetime.date(2025, 1, 1)),
        (datetime.date(2019, 1, 1), datetime.date(2025, 1, 2)),
    ],
)
def test_a_period_backwards_or_over_five_years_is_refused(start_day, end_day):
    with pytest.raises(PeriodError):
        Period.between(start_day, end_day)


def test_a_programme_with_no_data_gives_a_clear_empty_report(lead, icb, media):
    from programmes.factories import ProgrammeFactory

    empty = ProgrammeFactory(name="Just started", area=icb.area, lead_organisation=icb)
    for kind in (ReportKind.ANNUAL_CYCLE, ReportKind.IMPACT):
        run, _ = start(lead, empty, kind=kind)
        run.refresh_from_db()
        assert run.status == RunStatus.DONE, run.message
        assert run.files.count() == len(FileFormat.values)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_racing_with_the_same_parameters_share_one_run(lead, programme, monkeypatch):
    import threading

    from django.db import connection

    monkeypatch.setattr(compile_report_run, "delay", lambda run_id: None)
    barrier = threading.Barrier(8)
    found = []

    def ask():
        try:
            barrier.wait()
            run, _ = start(lead, programme)
            found.append(run.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8
    assert len(set(found)) == 1
    assert ReportRun.objects.count() == 1
