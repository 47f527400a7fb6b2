"""A workforce lead starts an annual-cycle report, watches the progress bar fill without
reloading the page, reads the report on screen and downloads each format. Every page
passes axe-core.

The compile runs in a background thread here, as a worker would run it, and is slowed a
little so that the page's polling has something to show."""

import datetime
import threading
import time

import pytest
from django.db import connection

from programmes.factories import EventFactory, ProgrammeFactory
from reporting.services import compiling, runs

from .helpers import sign_in


@pytest.fixture
def programme(home_area, icb, school):
    programme = ProgrammeFactory(
        name="We Want You",
        area=home_area,
        lead_organisation=icb,
        starts_on=datetime.date(2024, 9, 1),
    )
    programme.target_schools.set([school])
    for day in (datetime.date(2024, 10, 8), datetime.date(2025, 3, 4), datetime.date(2025, 6, 10)):
        EventFactory(programme=programme, date=day, school=school, participants=60)
    return programme


@pytest.fixture
def worker_thread(monkeypatch, settings, tmp_path):
    """Send the compile task to a thread instead of running it inside the request."""
    settings.MEDIA_ROOT = tmp_path
    real = compiling.compile_document
    threads = []

    def slowly(run, progress):
        for percent in (10, 30, 50, 70):
            progress(percent, f"Counting, {percent}%")
            time.sleep(0.6)
        return real(run, progress)

    def work(run_id):
        try:
            compiling.report_run_compile(run_id=run_id)
        finally:
            connection.close()

    def send(run_id):
        thread = threading.Thread(target=work, args=(run_id,), daemon=True)
        threads.append(thread)
        thread.start()

    monkeypatch.setattr(compiling, "compile_document", slowly)
    monkeypatch.setattr(compiling, "PROGRESS_EVERY_SECONDS", 0)
    monkeypatch.setattr(runs, "_send", send)
    yield
    for thread in threads:
        thread.join(timeout=30)


def test_a_lead_starts_a_report_watches_it_fill_and_downloads_each_format(
    page, axe, lead, password, programme, worker_thread
):
    from playwright.sync_api import expect

    sign_in(page, lead.email, password)
    page.get_by_role("link", name="Your reports").click()
    expect(page.get_by_role("heading", name="Reports", exact=True)).to_be_visible()
    axe(page, "reports list")

    page.get_by_role("link", name="Start a report").click()
    axe(page, "start a report")
    # Follow-up questions stay folded away until their radio is picked.
    expect(page.get_by_label("Programme", exact=True)).to_be_hidden()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page, "start a report, with errors")
    page.get_by_label("Annual-cycle report").check()
    page.get_by_label("One programme").check()
    page.get_by_label("Programme", exact=True).select_option(
        label="We Want You (NHS Gloucestershire ICB)"
    )
    page.get_by_label("An academic year").check()
    page.get_by_label("Academic year", exact=True).select_option(label="2024/25")
    page.get_by_role("button", name="Continue").click()

    expect(
        page.get_by_role("heading", name="Annual-cycle report: Academic year 2024/25")
    ).to_be_visible()
    bar = page.locator("progress.outreach-progress")
    url = page.url
    seen = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        value = bar.first.get_attribute("value")
        seen.add(int(value))
        if value == "100":
            break
        time.sleep(0.2)
    assert 100 in seen, f"the bar never reached 100%: {sorted(seen)}"
    assert any(0 < v < 100 for v in seen), f"no progress in between was shown: {sorted(seen)}"
    assert page.url == url  # it filled in place, with no reload
    expect(page.get_by_role("heading", name="Download")).to_be_visible()
    axe(page, "finished report")

    for label, extension in (
        ("PDF", ".pdf"),
        ("Excel (XLSX)", ".xlsx"),
        ("CSV files (zipped)", ".zip"),
    ):
        with page.expect_download() as download_info:
            page.get_by_role("link", name=f"{label} of the annual-cycle report").click()
        download = download_info.value
        assert download.suggested_filename.endswith(extension)
        assert download.path().stat().st_size > 0
