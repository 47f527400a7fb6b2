"""A small fixed-window counter in the cache, keyed by a salted hash of the address so
no address is stored in the clear."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{value}".encode()).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def hit(scope: str, value: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; True while the caller is within the limit."""
    key = _key(scope, value)
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
