"""Every task has a queue: interactive work (emails, booking follow-ups, reminders) and
heavy work (reports, exports, imports) go to different workers, so a task added without a
route here would silently share a queue with whatever is the default."""

import datetime
import importlib
import pkgutil
from pathlib import Path
from unittest import mock

import yaml
from django.conf import settings
from django.utils import timezone

from outreach import celery_app

PROJECT_PACKAGES = ["outreach", "partners", "programmes", "surveys", "reporting"]
QUEUES = {"interactive", "heavy"}


def project_tasks() -> dict:
    """Every task defined in the project's modules named tasks*.py, imported here so that
    none depends on autodiscovery having found it: {name: task}."""
    for package in PROJECT_PACKAGES:
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            if module.name.rsplit(".", 1)[-1].startswith("tasks"):
                importlib.import_module(module.name)
    celery_app.loader.import_default_modules()
    return {
        name: task
        for name, task in celery_app.tasks.items()
        if task.__module__.split(".")[0] in PROJECT_PACKAGES
    }


def queue_of(name: str) -> str:
    return celery_app.amqp.router.route({}, name)["queue"].name


def test_every_project_task_has_an_explicit_route_to_a_known_queue():
    tasks = project_tasks()
    assert "reporting.compile_report_run" in tasks  # the discovery works
    unrouted = sorted(set(tasks) - set(settings.CELERY_TASK_ROUTES))
    assert not unrouted, f"add these to CELERY_TASK_ROUTES in outreach/settings.py: {unrouted}"
    for name in tasks:
        assert queue_of(name) in QUEUES, name
    stale = sorted(set(settings.CELERY_TASK_ROUTES) - set(tasks))
    assert not stale, f"routes for tasks that no longer exist: {stale}"


def test_reports_go_to_heavy_and_emails_and_bookings_to_interactive():
    assert queue_of("reporting.compile_report_run") == "heavy"
    assert queue_of("reporting.run_report_schedules") == "heavy"
    assert queue_of("programmes.send_booking_email") == "interactive"
    assert queue_of("accounts.send_email") == "interactive"
    assert queue_of("reporting.send_report_ready_email") == "interactive"
    # A task nobody routed lands on interactive, never on a heavy worker's queue.
    assert queue_of("some.new_task") == "interactive"


def test_the_runs_sweep_requeues_through_the_route_to_heavy(db):
    from reporting.factories import ReportRunFactory
    from reporting.models import RunStatus
    from reporting.services.housekeeping import report_runs_requeue
    from reporting.tasks import compile_report_run

    lost = ReportRunFactory(
        status=RunStatus.QUEUED,
        created_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    with mock.patch.object(compile_report_run, "apply_async") as sent:
        assert report_runs_requeue() == [lost.pk]
    (call,) = sent.call_args_list
    # Sent without a queue of its own choosing: the route decides, and it says heavy.
    assert "queue" not in call.kwargs
    assert celery_app.amqp.router.route(call.kwargs, compile_report_run.name)["queue"].name == (
        "heavy"
    )


def test_docker_compose_runs_a_worker_for_every_queue():
    compose = yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())
    consumed = set()
    for service in compose["services"].values():
        words = str(service.get("command", "")).split()
        if "worker" in words and "-Q" in words:
            consumed |= set(words[words.index("-Q") + 1].split(","))
    assert consumed >= QUEUES, consumed
