from celery import shared_task

from outreach import health


@shared_task(name="outreach.ping", ignore_result=False)
def ping() -> dict:
    """Prove a worker can reach the database: used by /healthz checks and tests."""
    return {"database": health.database_status()}


@shared_task(name="outreach.purge_sign_in_records")
def purge_sign_in_records() -> None:
    """Sign-in logs hold addresses and browsers: keep them only as long as needed."""
    from django.conf import settings
    from django.core.management import call_command

    call_command("axes_reset_logs", age=settings.SIGN_IN_RECORDS_KEEP_DAYS, verbosity=0)
