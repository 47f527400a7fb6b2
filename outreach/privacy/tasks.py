from celery import shared_task


@shared_task(name="privacy.apply_retention", acks_late=True)
def apply_retention() -> dict:
    """Nightly. One run a day: a retry or a second delivery finds the day's run done and
    changes nothing; a run whose worker died is resumed."""
    from outreach.audit.context import audit_context

    from .services import apply_retention as run_retention

    with audit_context(source="task"):
        run = run_retention()
    return {"run_on": run.run_on.isoformat(), "status": run.status, "total": run.total}
