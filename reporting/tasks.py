"""Reporting tasks: ids in, one service call, safe to run twice."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

TRANSIENT = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    name="reporting.compile_report_run",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
)
def compile_report_run(self, run_id: int):
    """Compile one run. A run another live attempt holds is tried again once its claim
    could have gone stale; a database that is away is retried with back-off and jitter."""
    from .services import RunBusy, report_run_compile

    try:
        run = report_run_compile(run_id=run_id)
    except RunBusy as busy:
        raise self.retry(countdown=busy.retry_in, max_retries=20) from None
    except TRANSIENT as exc:
        from celery.utils.time import get_exponential_backoff_interval

        countdown = get_exponential_backoff_interval(
            factor=2, retries=self.request.retries, maximum=120, full_jitter=True
        )
        raise self.retry(exc=exc, countdown=countdown) from None
    return run.status if run else None


@shared_task(
    name="reporting.send_report_ready_email",
    autoretry_for=(OSError,),
    max_retries=5,
    retry_backoff=True,
)
def send_report_ready_email(run_id: int) -> bool:
    from .services.emails import report_ready_email_send

    return report_ready_email_send(run_id=run_id)


@shared_task(name="reporting.run_report_schedules")
def run_report_schedules() -> int:
    from .services import report_schedules_run

    return len(report_schedules_run())


@shared_task(name="reporting.sweep_report_runs")
def sweep_report_runs() -> dict:
    """Fail runs whose worker died for good; send again runs whose message went missing."""
    from .services import report_runs_fail_timed_out, report_runs_requeue

    return {"failed": report_runs_fail_timed_out(), "requeued": len(report_runs_requeue())}
