"""Each load-test journey's pages one request at a time at national size: the time and
the query count of every page the load test asks for (benchmarks/load/paths.py), as
each role sees it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_bench \\
        python benchmarks/journey_pages.py [--runs 7]

The load test's figures are these costs under contention; this shows which page costs
what with nothing else running, so a change to one page is measured on that page. The
accounts and their data (a published workshop with slots, an event to log more like, an
open questionnaire) are the load test's own (benchmarks/load/accounts.py), made in the
first area with a delivering partner. Production settings (DEBUG off), as the load
test's server runs: the measurement runs in a child process of its own with them.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_MS = 300  # the load test's p95 goal; one request alone should be well inside it


def _production_env() -> None:
    os.environ.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )


def _child(runs: int) -> None:
    _production_env()
    from benchmarks.national_data import setup_django

    setup_django()
    from django.test import Client

    from benchmarks.load import accounts, paths
    from benchmarks.timing import signed_in_client, timed
    from outreach.accounts.models import User

    content = accounts.build(
        areas=1, careers=1, partners=1, leads=1, password=accounts.new_password()
    )
    clients = {
        journey: signed_in_client(User.objects.get(email=content[role][0]["email"]))
        for journey, role in (("careers", "careers"), ("partner", "partners"), ("lead", "leads"))
    }
    clients["respondent"] = Client(HTTP_HOST="localhost")
    found = []
    for journey, page, url in paths.journeys(content["areas"][0]):
        client = clients[journey]

        def get(client=client, url=url):
            response = client.get(url, secure=True)
            assert response.status_code == 200, (url, response.status_code)
            return response

        seconds, queries, response = timed(get, runs)
        found.append(
            {
                "journey": journey,
                "page": page,
                "ms": round(seconds * 1000, 1),
                "queries": queries,
                "kb": round(len(response.content) / 1024),
            }
        )
    print(json.dumps(found))


def measure(runs: int) -> list[dict]:
    """Each page's median time, queries and size, from a child process."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--runs", str(runs)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="median of this many runs")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.runs)
        return
    from benchmarks.national_data import ensure, setup_django

    setup_django()
    ensure()
    from django.db import connection

    connection.close()
    rows = measure(args.runs)
    print("| journey | page | ms | queries | KB |")
    print("|---|---|---|---|---|")
    for row in rows:
        cells = (row["journey"], row["page"], f"{row['ms']:.0f}", row["queries"], row["kb"])
        print("| " + " | ".join(str(cell) for cell in cells) + " |")
    sys.exit(1 if any(row["ms"] >= GOAL_MS for row in rows) else 0)


if __name__ == "__main__":
    main()
