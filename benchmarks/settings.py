"""The application's settings with one more page: the bare view of `benchmarks/urls.py`.
The server under load always runs with these, so the framework's ceiling is measured on
the very server (workers, middleware, database, Redis) that serves the journeys."""

from outreach.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
