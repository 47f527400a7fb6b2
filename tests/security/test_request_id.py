"""Request ids: a safe incoming X-Request-ID is kept, anything else replaced; the id is
on the request, in the response header, and on the lines logged while serving it."""

import json
import logging
import re

import pytest

from outreach.logs import ContextFilter, JsonFormatter

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [
        ("edge-7f3a-0001", True),
        ("a" * 64, True),
        ("a" * 65, False),
        ("bad id; drop table", False),
        ("línea", False),
        ("", False),
    ],
)
def test_an_incoming_id_is_kept_only_when_safe(client, db, incoming, kept):
    response = client.get("/accessibility/", HTTP_X_REQUEST_ID=incoming)
    echoed = response["X-Request-ID"]
    assert (echoed == incoming) is kept
    if not kept:
        assert UUID.match(echoed)


def test_each_request_gets_its_own_id_and_its_log_lines_carry_it(client, db):
    lines = []

    class Capture(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Capture(level=logging.WARNING)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter())
    logging.getLogger("django.request").addHandler(handler)
    try:
        first = client.get("/no-such-page/")
        second = client.get("/no-such-page/")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    assert first["X-Request-ID"] != second["X-Request-ID"]
    logged = [json.loads(line)["request_id"] for line in lines]
    assert logged == [first["X-Request-ID"], second["X-Request-ID"]]
