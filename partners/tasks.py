from celery import shared_task

from .reminders import renewal_reminders_send


@shared_task(
    name="partners.send_renewal_reminders",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_renewal_reminders() -> int:
    return renewal_reminders_send()
