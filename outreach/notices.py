"""Privacy notices, one per audience, public so anyone can read them before taking part.

The retention periods below are the shipped defaults of the retention schedule; the
notices quote them so what people are told and what the nightly task does agree (see
docs/data-protection.md, which lists the same periods).
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from outreach.accounts.access import PUBLIC, access

RETENTION = {
    "free_text_months": 24,
    "identity_months": 12,
    "contact_months": 24,
    "report_days": 30,
    "audit_years": 6,
    "sign_in_days": 30,
    "inactive_account_months": 24,
}

AUDIENCES = {
    "questionnaires": "If you answer a questionnaire",
    "participants": "If you are on a pre-employment programme",
    "staff": "If you work with Outreach: staff, partners and contacts",
}


def _notice(request, audience):
    return render(
        request,
        f"privacy_notices/{audience}.html",
        {
            "controller": settings.OUTREACH_CONTROLLER_NAME,
            "dpo_email": settings.OUTREACH_DPO_EMAIL,
            "retention": RETENTION,
            "other_notices": [
                (reverse(f"privacy_{other}"), title)
                for other, title in AUDIENCES.items()
                if other != audience
            ],
        },
    )


@access(PUBLIC)
def questionnaires(request):
    return _notice(request, "questionnaires")


@access(PUBLIC)
def participants(request):
    return _notice(request, "participants")


@access(PUBLIC)
def staff(request):
    return _notice(request, "staff")
