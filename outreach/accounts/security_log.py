"""Security events (sign-in outcomes, two-factor, sign-out, resets, refusals) on the
`outreach.security` logger.

Each record names the event, the time in UTC (ISO 8601), the user's id and the client
address, and nothing else a caller did not choose: never an email address, password,
code, token or session key. The fields also travel in `extra`, so a structured (JSON)
formatter can emit them as keys.
"""

import logging
from datetime import UTC

from django.utils import timezone

from . import ratelimit

logger = logging.getLogger("outreach.security")


def record(event: str, *, request=None, user=None, level=logging.INFO, **fields) -> None:
    user_id = getattr(user, "pk", None)
    if user_id is None and request is not None:
        request_user = getattr(request, "user", None)
        if request_user is not None and request_user.is_authenticated:
            user_id = request_user.pk
    data = {
        "event": event,
        "at": timezone.now().astimezone(UTC).isoformat(timespec="seconds"),
        "user_id": user_id,
        "ip": ratelimit.client_address(request) if request is not None else None,
        **fields,
    }
    message = " ".join(f"{key}={value}" for key, value in data.items() if value is not None)
    logger.log(level, message, extra={"security": data})
