"""Burst test: a school hall of respondents submitting one questionnaire within a minute.

Each simulated respondent does what a phone does: GET the questionnaire page (which sets
the CSRF cookie and carries a fresh client id), then POST the answers. The client is
bounded (at most --respondents, at most --concurrency at once) and talks to loopback only.

  # 1. a questionnaire in the PostgreSQL database the server uses
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_surveys \\
      python benchmarks/burst.py setup
  # 2. a real server (production settings, TLS assumed terminated by a proxy)
  DATABASE_URL=... DJANGO_DEBUG=0 DJANGO_SECRET_KEY=... DJANGO_ALLOWED_HOSTS=127.0.0.1 \\
      DJANGO_SECURE_SSL_REDIRECT=0 SURVEYS_SUBMISSIONS_PER_MINUTE=5000 \\
      gunicorn outreach.wsgi -w 3 -b 127.0.0.1:8031
  # 3. the burst, then the count in the database
  python benchmarks/burst.py run --token TOKEN --respondents 500 --window 60
  DATABASE_URL=... python benchmarks/burst.py verify --token TOKEN --ids /tmp/burst_ids.txt
  # 4. every submission sent again with its client id (a flaky network): nothing new
  python benchmarks/burst.py run --token TOKEN --replay --respondents 500

All 500 come from one address (loopback), so the per-address flood limit is raised for the
run; in a real hall behind one school network address the default is 300 a minute.
"""

import argparse
import http.client
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

MAX_RESPONDENTS = 2000
MAX_CONCURRENCY = 64
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CLIENT_ID = re.compile(r'name="client_id" value="([^"]+)"')
ANSWERS = {
    "q_consent": "yes",
    "q_know_jobs": "4",
    "q_see_myself": "3",
    "q_work_experience": "2",
    "q_subjects": "5",
}


def _django():
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")
    import django

    django.setup()


def setup(args):
    _django()
    from partners.factories import ICBAreaFactory, OrganisationFactory
    from programmes.factories import ProgrammeFactory
    from surveys.factories import QuestionnaireFactory
    from surveys.models import Questionnaire

    existing = Questionnaire.objects.filter(title="Burst test").first()
    if existing is None:
        area = ICBAreaFactory(name="Burst test area")
        programme = ProgrammeFactory(
            name="Burst test", area=area, lead_organisation=OrganisationFactory(area=area)
        )
        existing = QuestionnaireFactory(
            programme=programme, title="Burst test", template="workshop-before"
        )
    existing.responses.all().delete()
    print(existing.token)


class Respondent:
    def __init__(self, host, port, path):
        self.host, self.port, self.path = host, port, path
        self.cookies = {}

    def _request(self, method, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = dict(headers or {})
        # As behind the TLS-terminating proxy of production (SECURE_PROXY_SSL_HEADER).
        headers["X-Forwarded-Proto"] = "https"
        headers["Host"] = f"{self.host}:{self.port}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, self.path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, content.decode("utf-8", "replace")

    def answer(self, client_id=None):
        status, page = self._request("GET")
        if status != 200:
            raise RuntimeError(f"GET answered {status}")
        token = CSRF_INPUT.search(page).group(1)
        client_id = client_id or CLIENT_ID.search(page).group(1)
        body = urllib.parse.urlencode(
            {**ANSWERS, "csrfmiddlewaretoken": token, "client_id": client_id}
        )
        started = time.perf_counter()
        status, _ = self._request(
            "POST",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{self.host}:{self.port}{self.path}",
            },
        )
        elapsed = time.perf_counter() - started
        if status != 302:
            raise RuntimeError(f"POST answered {status}")
        return client_id, elapsed


def _read_ids(path):
    with open(path) as handle:
        return [line.strip() for line in handle if line.strip()]


def run(args):
    url = urllib.parse.urlparse(args.url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("This client only talks to a server on loopback.")
    respondents = min(args.respondents, MAX_RESPONDENTS)
    concurrency = min(args.concurrency, MAX_CONCURRENCY)
    path = f"/questionnaires/q/{args.token}/"
    start = time.perf_counter()
    lock = threading.Lock()
    latencies, ids, errors = [], [], []
    replays = []
    if args.replay:
        replays = _read_ids(args.ids)[:respondents]
        respondents = len(replays)

    def one(n):
        if args.window:
            # Arrivals spread evenly over the window, as a hall scanning a QR code.
            delay = start + n * args.window / respondents - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        try:
            respondent = Respondent(url.hostname, url.port, path)
            client_id, elapsed = respondent.answer(replays[n] if replays else None)
        except Exception as error:  # noqa: BLE001 - every failure is counted and reported
            with lock:
                errors.append(str(error))
            return
        with lock:
            latencies.append(elapsed)
            ids.append(client_id)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(respondents)))
    total = time.perf_counter() - start
    if not replays:
        with open(args.ids, "w") as handle:
            handle.write("\n".join(ids))
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("nan")
    print(f"respondents: {respondents}, concurrency: {concurrency}, window: {args.window}s")
    print(f"submitted OK: {len(ids)}, errors: {len(errors)}")
    print(f"wall time: {total:.1f}s, submissions/s sustained: {len(ids) / total:.1f}")
    if latencies:
        print(
            f"POST latency p50: {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95: {p95 * 1000:.0f} ms, max: {latencies[-1] * 1000:.0f} ms"
        )
    for error in errors[:5]:
        print("error:", error)


def verify(args):
    _django()
    from surveys.models import Answer, Questionnaire

    questionnaire = Questionnaire.objects.get(token=args.token)
    sent = set(_read_ids(args.ids))
    stored = [str(i) for i in questionnaire.responses.values_list("client_id", flat=True)]
    print(f"sent: {len(sent)}, stored: {len(stored)}, distinct stored: {len(set(stored))}")
    print(f"lost: {len(sent - set(stored))}, unexpected: {len(set(stored) - sent)}")
    answers = Answer.objects.filter(response__questionnaire=questionnaire).count()
    print(f"answers stored: {answers} ({answers / max(1, len(stored)):.0f} a response)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup")
    run_parser = sub.add_parser("run")
    run_parser.add_argument("--token", required=True)
    run_parser.add_argument("--url", default="http://127.0.0.1:8031")
    run_parser.add_argument("--respondents", type=int, default=500)
    run_parser.add_argument("--concurrency", type=int, default=32)
    run_parser.add_argument("--window", type=float, default=0, help="seconds; 0 = flat out")
    run_parser.add_argument("--ids", default="/tmp/burst_ids.txt")
    run_parser.add_argument(
        "--replay", action="store_true", help="send the answers again with the client ids in --ids"
    )
    verify_parser = sub.add_parser("verify")
    verify_parser.add_argument("--token", required=True)
    verify_parser.add_argument("--ids", default="/tmp/burst_ids.txt")
    args = parser.parse_args()
    {"setup": setup, "run": run, "verify": verify}[args.command](args)


if __name__ == "__main__":
    main()
