"""Flood protection for public submissions, in Django's cache only. The address is never
stored: the key is a hash of it with the secret key and the current window, and the
counter expires with the window."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60


def _limit() -> int:
    return getattr(settings, "SURVEYS_SUBMISSIONS_PER_MINUTE", 300)


def submission_allowed(*, questionnaire, address: str) -> bool:
    """Count one submission from `address` to `questionnaire`; False once over the limit."""
    window = int(time.time() // WINDOW_SECONDS)
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}:{window}:{questionnaire.pk}:{address}".encode()
    ).hexdigest()
    key = f"surveys:rate:{digest}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    return count <= _limit()


def submission_retry_after() -> int:
    """Whole seconds until the current window ends and submissions are counted afresh."""
    return max(1, int(WINDOW_SECONDS - time.time() % WINDOW_SECONDS) + 1)
