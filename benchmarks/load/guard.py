"""The load test's bounds: it talks to 127.0.0.1 only, and every run ends by itself
within a time and a number of requests. Checked before anything starts (and again in
the load generator's own process)."""

import re
import urllib.parse

LOOPBACK = "127.0.0.1"
MAX_USERS = 500
MAX_SECONDS = 600
DEFAULT_SECONDS = 60
DEFAULT_MAX_REQUESTS = 200_000
MAX_REQUESTS = 1_000_000
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(s|m)?$")


class BoundsError(ValueError):
    """A target or a bound the load test refuses."""


def check_host(host: str) -> str:
    if host != LOOPBACK:
        raise BoundsError(f"The load test only targets {LOOPBACK}, not {host!r}.")
    return host


def check_target(url: str) -> str:
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme != "http" or parsed.hostname != LOOPBACK or parsed.username:
        raise BoundsError(f"The load test only targets http://{LOOPBACK}:PORT, not {url!r}.")
    return url


def seconds(value: str | float | None) -> float:
    """'60s', '2m' or a number of seconds; at most MAX_SECONDS; none means the default."""
    if value is None:
        return float(DEFAULT_SECONDS)
    match = _DURATION.match(str(value).strip())
    if not match:
        raise BoundsError(f"Give the time as 60s or 2m, not {value!r}.")
    amount = float(match.group(1)) * (60 if match.group(2) == "m" else 1)
    if not 0 < amount <= MAX_SECONDS:
        raise BoundsError(f"The time must be more than 0 and at most {MAX_SECONDS} s.")
    return amount


def users(value: int) -> int:
    if not 1 <= value <= MAX_USERS:
        raise BoundsError(f"Users must be between 1 and {MAX_USERS}.")
    return value


def max_requests(value: int | None) -> int:
    if value is None:
        return DEFAULT_MAX_REQUESTS
    if not 1 <= value <= MAX_REQUESTS:
        raise BoundsError(f"The request cap must be between 1 and {MAX_REQUESTS}.")
    return value
