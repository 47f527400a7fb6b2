"""The paths the load test's journeys ask for, in one place: the Locust journeys
(journeys.py) and the one-request-at-a-time timings (benchmarks/journey_pages.py) both
build them here, and tests/test_journey_pages.py checks each answers its role. Imports
neither Django nor Locust."""

WORKSHOPS = "/programmes/workshops/"
MY_BOOKINGS = "/programmes/my-bookings/"
EVENTS = "/programmes/events/"
DASHBOARD = "/"
REPORTS = "/reports/"
REPORT_FORM = "/reports/new/"


def workshop(offer_id: int) -> str:
    return f"/programmes/workshops/{offer_id}/"


def book(slot_id: int) -> str:
    return f"/programmes/slots/{slot_id}/book/"


def cancel(booking_id: int) -> str:
    return f"/programmes/bookings/{booking_id}/cancel/"


def event(event_id: int) -> str:
    return f"/programmes/events/{event_id}/"


def log_event(programme_id: int) -> str:
    return f"/programmes/{programme_id}/events/new/"


def programme(programme_id: int) -> str:
    return f"/programmes/{programme_id}/"


def questionnaire(token: str) -> str:
    return f"/questionnaires/q/{token}/"


def report_run(run_id: int | str) -> str:
    return f"/reports/runs/{run_id}/"


def journeys(area: dict) -> list[tuple[str, str, str]]:
    """(journey, page, path) of every page the journeys read, for one area of the
    accounts file, in the journeys' order (the forms' posts and cancels left out)."""
    template = area["template_event_id"]
    return [
        ("careers", "workshops", WORKSHOPS),
        ("careers", "workshop", workshop(area["offer_id"])),
        ("careers", "book form", book(area["slot_ids"][0])),
        ("careers", "my bookings", MY_BOOKINGS),
        ("partner", "events", EVENTS),
        ("partner", "event", event(template)),
        ("partner", "log form", f"{log_event(area['programme_id'])}?like={template}"),
        ("lead", "dashboard", DASHBOARD),
        ("lead", "programme", programme(area["programme_id"])),
        ("lead", "reports", REPORTS),
        ("lead", "report form", REPORT_FORM),
        ("respondent", "questionnaire", questionnaire(area["token"])),
    ]
