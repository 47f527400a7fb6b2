"""The "your report is ready" email of a scheduled report: a link, never the files."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..models import ReportRun, RunStatus


def report_ready_email_send(*, run_id: int) -> bool:
    """Send once: the run is marked in the same transaction, so a failed send is retried
    and a second call after a sent one does nothing."""
    with transaction.atomic():
        run = (
            ReportRun.objects.select_for_update(of=("self",))
            .select_related("requested_by")
            .filter(pk=run_id, status=RunStatus.DONE, notified_at__isnull=True)
            .first()
        )
        if run is None or run.requested_by is None or not run.requested_by.email:
            return False
        context = {
            "run": run,
            "link": settings.SITE_URL + reverse("reporting:run_detail", args=[run.pk]),
            "service": settings.OUTREACH_SERVICE_NAME,
        }
        send_mail(
            subject=f"Your {run.get_kind_display().lower()} is ready",
            message=render_to_string("reporting/email/report_ready.txt", context),
            from_email=None,
            recipient_list=[run.requested_by.email],
        )
        run.notified_at = timezone.now()
        run.save(update_fields=["notified_at"])
    return True
