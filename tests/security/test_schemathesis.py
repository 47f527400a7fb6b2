"""Schemathesis over every operation in /api/schema/, signed in by API token as each
role, calling the WSGI application in-process.

Checks: no server error, every response matches the schema (body and status code).
Bounded for CI: MAX_EXAMPLES cases per operation and role, derandomized (a fixed seed),
no deadline. The number of generated cases is printed (run with -s to see it).
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

MAX_EXAMPLES = 3
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
ROLES = ["lead", "partner", "careers", "administrator"]


@pytest.fixture
def api_schema(settings_for_schemathesis):
    # Called through the raw WSGI handler, each request would close the test's database
    # connection at its end (Django's test client switches this off; do the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    application = get_wsgi_application()
    yield schemathesis.openapi.from_wsgi("/api/schema/", application), application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def settings_for_schemathesis(settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    return settings


def _operations(schema):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 80
    return operations


@pytest.mark.parametrize("persona", ROLES)
def test_the_api_keeps_to_its_schema_for_each_role(request, home_world, api_schema, persona):
    schema, application = api_schema
    token = Token.objects.create(user=request.getfixturevalue(persona))
    headers = {"Authorization": f"Token {token.key}"}
    cases = 0
    failures = []

    for operation in _operations(schema):

        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            nonlocal cases
            cases += 1
            cache.clear()  # the per-user rate limit is not what is under test here
            response = case.call(app=application, headers=headers)
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except BaseException as exc:  # noqa: BLE001 - collect every operation's failure
            if isinstance(exc, KeyboardInterrupt):
                raise
            failures.append(f"{operation.label}: {str(exc)[:600]}")

    print(f"\nschemathesis: {cases} cases as {persona}")
    assert failures == [], "\n\n".join(failures)
