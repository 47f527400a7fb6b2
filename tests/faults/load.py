"""A steady stream of what people send, over HTTP to a real web server: careers leads
booking workshop slots (signed in, through the booking form) and young people answering a
questionnaire on a kiosk (no sign-in). Each stream remembers every submission the server
acknowledged, so a test can look for each one in the database afterwards."""

from __future__ import annotations

import re
import threading
import time
import uuid

import requests

TIMEOUT = 10
ANSWERS = {"q_consent": "yes", "q_considered": "no"}  # the shipped listening template


def _form_token(page: requests.Response) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found, f"no form token on {page.url} ({page.status_code})"
    return found.group(1)


class Stream(threading.Thread):
    """Sends one submission after another until stopped, waiting `gap` seconds between
    them; a test may hold it (no request in flight) and let it go again. `send` returns
    the key of what the server acknowledged, or None."""

    def __init__(self, name: str, gap: float):
        super().__init__(name=name, daemon=True)
        self.gap = gap
        self.stopping, self.going, self.held = (threading.Event() for _ in range(3))
        self.going.set()
        self.events: list[tuple[float, bool]] = []  # (monotonic time sent, acknowledged)
        self.acknowledged: list = []
        self.served_again_at: float | None = None  # set by a test that breaks the server

    def send(self):
        raise NotImplementedError

    def run(self):
        while not self.stopping.is_set():
            if not self.going.is_set():
                self.held.set()
                self.going.wait(0.2)
                continue
            self.held.clear()
            sent = time.monotonic()
            try:
                key = self.send()
            except requests.RequestException:
                key = None
            except StopIteration:
                return
            self.events.append((sent, key is not None))
            if key is not None:
                self.acknowledged.append(key)
            self.stopping.wait(self.gap)

    def hold(self):
        """Stop sending, and return once no request is in flight."""
        self.going.clear()
        assert self.held.wait(TIMEOUT + 5), f"{self.name} would not stop sending"

    def go_on(self):
        self.going.set()

    def stop(self):
        self.stopping.set()
        self.going.set()
        self.join(timeout=TIMEOUT + 5)

    def successes(self, after: float = 0.0) -> list[float]:
        return [sent for sent, ok in list(self.events) if ok and sent >= after]

    def failures(self) -> list[float]:
        return [sent for sent, ok in list(self.events) if not ok]


class Bookings(Stream):
    """A careers lead books one slot after another (a school books a slot once)."""

    def __init__(self, base: str, site: dict, gap=0.1):
        super().__init__("bookings", gap)
        self.base, self.site = base, site
        self.slots = iter(site["slots"])
        self.session = requests.Session()
        sign_in = f"{base}/accounts/sign-in/"
        form = {"username": site["email"], "password": site["password"]}
        form["csrfmiddlewaretoken"] = _form_token(self.session.get(sign_in, timeout=TIMEOUT))
        signed_in = self.session.post(sign_in, data=form, allow_redirects=False, timeout=TIMEOUT)
        assert signed_in.status_code == 302, signed_in.text[-2000:]

    def send(self):
        slot = next(self.slots)
        answer = self.session.post(
            f"{self.base}/programmes/slots/{slot}/book/",
            data={
                "year_group": self.site["year_group"],
                "students": 10,
                "contact_name": "Ms Patel",
                "contact_email": "careers@school.example",
                "csrfmiddlewaretoken": self.session.cookies["csrftoken"],
            },
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        booked = answer.status_code == 302 and "/my-bookings/" in answer.headers["Location"]
        return slot if booked else None


class Responses(Stream):
    """A kiosk at an event sends one questionnaire response after another, as kiosk.js
    does: JSON back, each response under an id of its own."""

    def __init__(self, base: str, site: dict, gap=0.1):
        super().__init__("responses", gap)
        self.url = f"{base}/questionnaires/q/{site['token']}/kiosk/"
        self.session = requests.Session()
        self.token = _form_token(self.session.get(self.url, timeout=TIMEOUT))

    def send(self):
        client_id = str(uuid.uuid4())
        answer = self.session.post(
            self.url,
            data={**ANSWERS, "client_id": client_id, "csrfmiddlewaretoken": self.token},
            headers={"Accept": "application/json"},
            timeout=TIMEOUT,
        )
        stored = answer.status_code == 201 and answer.json().get("id") == client_id
        return client_id if stored else None
