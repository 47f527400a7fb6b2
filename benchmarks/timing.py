"""Shared by the benchmarks: a median timing with the query count, and a signed-in
client of the kind the application's own tests use."""

import statistics
import time


def timed(fn, runs: int):
    """(median seconds, queries of the last run, last result), after one warm-up run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()  # warm the connection and PostgreSQL's cache
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - started)
    return statistics.median(times), len(captured), result


def bench_user(email: str, *, superuser: bool = False, memberships=()):
    """A benchmark account (made once), with the memberships asked for."""
    from django.contrib.auth import get_user_model

    from outreach.accounts.models import Membership

    user, _ = get_user_model().objects.get_or_create(
        email=email, defaults={"is_superuser": superuser, "is_staff": superuser}
    )
    for organisation, role in memberships:
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user


def signed_in_client(user):
    """A test client signed in as `user`, past the two-factor step as after a real code."""
    from django.conf import settings
    from django.test import Client

    from tests.two_factor import mark_session_verified

    settings.ALLOWED_HOSTS = ["*"]
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    mark_session_verified(client, user)
    return client


def standalone(doc: str):
    """Start a part of the suite run on its own: its --runs, Django, the national set."""
    import argparse

    from benchmarks.national_data import ensure, setup_django

    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="median of this many runs")
    args = parser.parse_args()
    setup_django()
    ensure()
    return args
