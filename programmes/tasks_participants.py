"""Periodic job for participant pathways: "still in post?" reminders.

Lives beside (not in) a `tasks.py` so the booking work can own that module; it is listed
in `outreach/celery.py` (`app.conf.imports`) so workers register it.
"""

from celery import shared_task

from .services.participants import check_in_reminders_send


@shared_task(
    name="programmes.send_check_in_reminders",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_check_in_reminders() -> int:
    # Idempotent: each check-in's reminder row is unique, so a second run sends nothing.
    return check_in_reminders_send()
