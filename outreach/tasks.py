from celery import shared_task

from outreach import health


@shared_task(name="outreach.ping", ignore_result=False)
def ping() -> dict:
    """Prove a worker can reach the database: used by /healthz checks and tests."""
    return {"database": health.database_status()}
