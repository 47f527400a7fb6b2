"""A small fixed-window counter in the cache, keyed by a salted hash of the address so
no address is stored in the clear. Windows are aligned to the clock, so the time left in
one (for Retry-After and the words on the 429 page) is known without storing it."""

import hashlib
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, value: str, window: int) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{value}:{window}".encode())
    return f"ratelimit:{scope}:{digest.hexdigest()[:32]}"


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def hit(scope: str, value: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; True while the caller is within the limit."""
    key = _key(scope, value, int(time.time() // window_seconds))
    cache.add(key, 0, timeout=window_seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds * 2)
        count = 1
    return count <= limit


def time_left(window_seconds: int) -> timedelta:
    """How long until the current window ends and the count starts again."""
    return timedelta(seconds=window_seconds - time.time() % window_seconds)
