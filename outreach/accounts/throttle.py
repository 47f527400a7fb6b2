"""Sign-in throttling.

django-axes locks one account *from one address* after AXES_FAILURE_LIMIT failures: a
school's staff share one network address, so one person's typos must not lock out the
whole school, nor lock the account for its owner signing in from elsewhere. Axes applies
one limit to every lockout parameter, so the wider, higher limits are counted here from
axes' own failure records: one account from any addresses (a distributed guess at one
account), and one address across any accounts (spraying one password over many).
"""

from dataclasses import dataclass
from datetime import timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def username_from_request(request, credentials):
    """The account name django-axes counts failures against, case-folded."""
    source = credentials or request.POST
    return (source.get("username") or "").strip().lower() or None


@dataclass(frozen=True)
class WideLock:
    scope: str  # "account" or "address"
    failure_limit: int
    cooloff: timedelta


def _failures(**filters) -> int:
    since = timezone.now() - (get_cool_off() or timedelta(0))
    recent = AccessAttempt.objects.filter(attempt_time__gte=since, **filters)
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


def wide_lock(username: str | None, ip_address: str) -> WideLock | None:
    """The wider lock this attempt falls under, if any."""
    cooloff = get_cool_off() or timedelta(0)
    account_limit = settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT
    address_limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    if username and _failures(username=username) >= account_limit:
        return WideLock("account", account_limit, cooloff)
    if ip_address and _failures(ip_address=ip_address) >= address_limit:
        return WideLock("address", address_limit, cooloff)
    return None
