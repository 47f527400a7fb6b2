"""The monthly email to each organisation's key contact about ambassadors whose DBS
check or safeguarding training falls due within 60 days."""

import datetime
import logging
from itertools import groupby

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Ambassador, Contact, RenewalReminder

log = logging.getLogger(__name__)
WITHIN_DAYS = 60


def renewal_reminders_send(*, today: datetime.date | None = None) -> int:
    """Send this month's reminders; returns how many were sent. Safe to run again: an
    organisation already reminded this month is skipped."""
    today = today or timezone.localdate()
    period = today.strftime("%Y-%m")
    due = (
        Ambassador.objects.due_for_renewal(within_days=WITHIN_DAYS, today=today)
        .exclude(organisation__renewal_reminders__period=period)
        .select_related("organisation")
        .order_by("organisation_id", "name")
    )
    key_contacts = {
        contact.organisation_id: contact
        for contact in Contact.objects.filter(is_key_contact=True).exclude(email="")
    }
    sent = 0
    for organisation_id, group in groupby(due, key=lambda a: a.organisation_id):
        ambassadors = list(group)
        contact = key_contacts.get(organisation_id)
        if contact is None:
            log.info(
                "No key contact with an email at organisation %s; reminder skipped", organisation_id
            )
            continue
        with transaction.atomic():
            _, created = RenewalReminder.objects.get_or_create(
                organisation_id=organisation_id,
                period=period,
                defaults={"sent_to": contact.email, "ambassador_count": len(ambassadors)},
            )
            if not created:
                continue
            # Sent inside the transaction: if the mail server fails, the row rolls back
            # and a retry sends it.
            send_mail(
                subject=f"Ambassador checks due: {ambassadors[0].organisation.name}",
                message=render_to_string(
                    "partners/email/renewals.txt",
                    {
                        "contact": contact,
                        "ambassadors": ambassadors,
                        "today": today,
                        "within_days": WITHIN_DAYS,
                    },
                ),
                from_email=None,
                recipient_list=[contact.email],
            )
        sent += 1
    return sent
