"""The participants part of the home page: "still in post?" check-ins due for the
delivering organisation's staff (overdue ones flagged). Two queries."""

from django import template
from django.utils import timezone

from outreach.accounts.scope import scope_for

from ..models import CheckInStatus, Cohort, RetentionCheckIn

register = template.Library()
LIMIT = 5


@register.inclusion_tag("programmes/participants/home_check_ins.html", takes_context=True)
def check_ins_due(context, today=None):
    user = context["request"].user
    today = today or timezone.localdate()
    if scope_for(user).is_admin:
        return {"show": False, "admin": True}
    cohorts = Cohort.objects.named_for(user)
    if not cohorts.exists():
        return {"show": False}
    due = (
        RetentionCheckIn.objects.filter(
            status=CheckInStatus.DUE, due_on__lte=today, participant__cohort__in=cohorts
        )
        .select_related("participant", "participant__cohort")
        .order_by("due_on", "pk")
    )
    rows = list(due[: LIMIT + 1])
    return {"show": True, "rows": rows[:LIMIT], "more": len(rows) > LIMIT, "today": today}
