"""The journeys, as Locust users. Each request is named "<journey>: <page>" so the
statistics group by journey. A staff user signs in once (password, then the code from
their authenticator, as the real sign-in asks) and then repeats their journey with a
person's pauses between pages.

Run by drive.py, which calls `configure` first. Imports no Django: the accounts come
from the file `load_test.py setup` wrote.
"""

import itertools
import random
import re
import threading
import time
from contextlib import contextmanager
from http.cookiejar import DefaultCookiePolicy

from locust import FastHttpUser, HttpUser, between, constant, task

from benchmarks.burst import ANSWERS  # the same five answers as the burst

from . import paths
from .html_forms import form_fields, totp, with_values

# The server runs with production settings behind an assumed TLS proxy: its cookies are
# Secure, and requests are marked https with X-Forwarded-Proto. A client talking plain
# HTTP on loopback must still send them back, as the browser behind the proxy does.
DefaultCookiePolicy.return_ok_secure = lambda self, cookie, request: True

CONFIG: dict = {}
_counters: dict[str, itertools.count] = {}
_lock = threading.Lock()
SIGNED_IN = {"count": 0}
# When each request still unanswered was sent (time.monotonic()), by a ticket of its own:
# drive.py measures only once every request sent during the warm-up has its answer.
IN_FLIGHT: dict[int, float] = {}
_tickets = itertools.count()


@contextmanager
def _in_flight():
    ticket = next(_tickets)
    IN_FLIGHT[ticket] = time.monotonic()
    try:
        yield
    finally:
        IN_FLIGHT.pop(ticket, None)


def oldest_in_flight() -> float | None:
    """When the oldest request still waiting for its answer was sent; None if none is."""
    return min(IN_FLIGHT.values(), default=None)


BOOK_LINK = re.compile(r"/programmes/bookings/(\d+)/cancel/")
RUN_LINK = re.compile(r"/reports/runs/(\d+)/")


def configure(
    *, accounts: dict, host: str, think: float = 3.0, one_questionnaire: bool = False
) -> None:
    """think: a person's mean pause in seconds between two pages (half to one and a
    half times it); between two journeys they wait one to three times it."""
    CONFIG.clear()
    CONFIG.update(accounts=accounts, host=host, think=think, one_questionnaire=one_questionnaire)
    _counters.clear()


def _between_journeys(user) -> float:
    think = CONFIG.get("think", 3.0)
    return random.uniform(think, 3 * think)


def _next_account(role: str) -> dict:
    """Each simulated person gets an account of their own: django-otp accepts one code
    per device per 30-second step, so two sign-ins with one account would collide."""
    with _lock:
        counter = _counters.setdefault(role, itertools.count())
        n = next(counter)
    pool = CONFIG["accounts"][role]
    if n >= len(pool):
        raise RuntimeError(f"only {len(pool)} {role} accounts: run setup with more")
    return pool[n]


class Journey(HttpUser):
    abstract = True
    journey = ""
    wait_time = _between_journeys

    def on_start(self):
        self.client.headers["X-Forwarded-Proto"] = "https"

    # ------------------------------------------------------------------ requests

    def _name(self, page):
        return f"{self.journey}: {page}"

    def get(self, path, page, *, ok=lambda r: r.status_code == 200):
        with (
            _in_flight(),
            self.client.get(
                path, name=self._name(page), allow_redirects=False, catch_response=True
            ) as response,
        ):
            if not ok(response):
                response.failure(f"{page}: answered {response.status_code}")
            return response

    def post(self, path, page, fields, *, ok=lambda r: r.status_code == 302):
        """A form post as a browser sends it (CSRF token in the form, same-origin
        Referer, as Django checks on a secure request)."""
        headers = {"Referer": f"https://{self.host.split('://', 1)[1]}{path}"}
        with (
            _in_flight(),
            self.client.post(
                path,
                data=fields,
                headers=headers,
                name=self._name(page),
                allow_redirects=False,
                catch_response=True,
            ) as response,
        ):
            if not ok(response):
                response.failure(f"{page}: answered {response.status_code}")
            return response

    def pause(self):
        """A person reading the page before the next click."""
        think = CONFIG.get("think", 3.0)
        time.sleep(random.uniform(0.5 * think, 1.5 * think))

    # ------------------------------------------------------------------ sign-in

    def sign_in(self, role):
        self.account = _next_account(role)
        saved, self.journey = self.journey, "sign-in"
        try:
            page = self.get("/accounts/sign-in/", "form")
            fields = with_values(
                form_fields(page.text),
                username=self.account["email"],
                password=CONFIG["accounts"]["password"],
            )
            answer = self.post("/accounts/sign-in/", "password", fields)
            step = answer.headers.get("Location", "")
            if "/accounts/sign-in/code/" not in step:
                raise RuntimeError(f"{self.account['email']}: no code step ({step!r})")
            page = self.get(step, "code form")
            fields = with_values(form_fields(page.text), code=totp(self.account["key"]))
            self.post(step, "code", fields)
        finally:
            self.journey = saved
        with _lock:
            SIGNED_IN["count"] += 1


class CareersLead(Journey):
    """Browse the workshop offer, book a slot for a year group, look at My bookings;
    cancel the oldest booking once holding two, so the school can book again."""

    signs_in = True
    journey = "careers"
    weight = 4

    def on_start(self):
        super().on_start()
        self.sign_in("careers")
        self.area = CONFIG["accounts"]["areas"][self.account["area"]]
        self.held: dict[int, int] = {}  # booking id -> slot id

    @task
    def browse_and_book(self):
        offer = self.area["offer_id"]
        self.get(paths.WORKSHOPS, "workshops")
        self.pause()
        self.get(paths.workshop(offer), "workshop")
        self.pause()
        free = [s for s in self.area["slot_ids"] if s not in self.held.values()]
        slot = random.choice(free)
        path = paths.book(slot)
        page = self.get(path, "book form")
        self.pause()
        fields = with_values(form_fields(page.text, action=path), students="25")
        self.post(path, "book", fields)
        mine = self.get(paths.MY_BOOKINGS, "my bookings")
        new = {int(b) for b in BOOK_LINK.findall(mine.text)} - set(self.held)
        if new:
            self.held[max(new)] = slot
        if len(self.held) >= 2:
            self.pause()
            oldest = min(self.held)
            path = paths.cancel(oldest)
            page = self.get(path, "cancel form")
            self.post(path, "cancel", form_fields(page.text, action=path))
            del self.held[oldest]


class DeliveryPartner(Journey):
    """Their events list; mostly open an event, sometimes log another like it."""

    signs_in = True
    journey = "partner"
    weight = 2

    def on_start(self):
        super().on_start()
        self.sign_in("partners")
        self.area = CONFIG["accounts"]["areas"][self.account["area"]]

    @task
    def events(self):
        template = self.area["template_event_id"]
        self.get(paths.EVENTS, "events")
        self.pause()
        if random.random() < 0.6:
            self.get(paths.event(template), "event")
            return
        path = paths.log_event(self.area["programme_id"])
        page = self.get(f"{path}?like={template}", "log form")
        self.pause()
        fields = with_values(
            form_fields(page.text, action="/events/new/"),
            title=f"Load test event {random.randint(1, 10**6)}",
            participants=str(random.randint(10, 60)),
        )
        self.post(path, "log event", fields)


class Respondent(Journey):
    """A young person with a phone in a school hall: open the link, answer, send. Every
    iteration is a new phone (no cookies), and they come close together."""

    journey = "respondent"
    weight = 3
    wait_time = between(0.5, 2)

    @task
    def answer(self):
        self.client.cookies.clear()
        areas = CONFIG["accounts"]["areas"]
        # One hall (to show the flood limit's 429s), or the country's schools at once.
        token = areas[0]["token"] if CONFIG["one_questionnaire"] else random.choice(areas)["token"]
        path = paths.questionnaire(token)
        page = self.get(path, "questionnaire")
        if page.status_code != 200:
            return
        fields = with_values(form_fields(page.text, action=path), **ANSWERS)
        self.post(path, "submit", fields)


class WorkforceLead(Journey):
    """The dashboard, the programme page and the reports list; now and then start the
    programme's impact report and open its page."""

    signs_in = True
    journey = "lead"
    weight = 1

    def on_start(self):
        super().on_start()
        self.sign_in("leads")
        self.area = CONFIG["accounts"]["areas"][self.account["area"]]

    @task
    def dashboards(self):
        programme = self.area["programme_id"]
        self.get(paths.DASHBOARD, "dashboard")
        self.pause()
        self.get(paths.programme(programme), "programme")
        self.pause()
        self.get(paths.REPORTS, "reports")
        if random.random() < 0.3:
            self.start_report(programme)

    def start_report(self, programme):
        page = self.get(paths.REPORT_FORM, "report form")
        self.pause()
        fields = with_values(
            form_fields(page.text, action=paths.REPORT_FORM),
            kind="impact",
            scope="programme",
            programme=str(programme),
            period="year",
            academic_year=str(CONFIG["accounts"].get("report_year", 2024)),
        )
        answer = self.post(paths.REPORT_FORM, "start report", fields, ok=_started_or_quotes)
        if answer.status_code == 200:
            # The impact report's second step: which quotes (none chosen is allowed).
            fields = form_fields(answer.text, action=paths.REPORT_FORM) + [("choose_quotes", "1")]
            answer = self.post(paths.REPORT_FORM, "start report", fields)
        run = RUN_LINK.search(answer.headers.get("Location", ""))
        if run:
            self.get(paths.report_run(run.group(1)), "report run")


class BareDjango(FastHttpUser):
    """The framework's ceiling: a view that does nothing, asked again as soon as it is
    answered. Locust's faster client (geventhttpclient), so that on these two cores the
    load generator takes as little of the server's CPU as it can."""

    wait_time = constant(0)

    @task
    def bare(self):
        with self.client.get(
            "/bench/bare/",
            name="bare: bare view",
            headers={"X-Forwarded-Proto": "https"},
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"bare view: answered {response.status_code}")


def _started_or_quotes(response) -> bool:
    return response.status_code == 302 or (
        response.status_code == 200 and 'name="choose_quotes"' in response.text
    )


JOURNEYS = {
    "careers": CareersLead,
    "partner": DeliveryPartner,
    "respondent": Respondent,
    "lead": WorkforceLead,
    "bare": BareDjango,
}
