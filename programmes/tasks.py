"""Celery tasks of the programmes app: ids in, one service call, idempotent."""

from celery import shared_task


@shared_task(
    name="programmes.send_booking_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_booking_email(kind: str, booking_id=None, entry_id=None) -> bool:
    from .services.booking_emails import booking_email_send

    return booking_email_send(kind=kind, booking_id=booking_id, entry_id=entry_id)


@shared_task(name="programmes.send_booking_reminders", autoretry_for=(OSError,), max_retries=5)
def send_booking_reminders() -> int:
    from .services.booking_emails import booking_reminders_send

    return booking_reminders_send()


@shared_task(name="programmes.expire_waitlist_offers")
def expire_waitlist_offers() -> int:
    from .services.bookings import offers_expire

    return offers_expire()
