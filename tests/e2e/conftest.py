"""Fixtures for browser tests: Debian's Chromium driven by sync Playwright."""

import os
import re
from pathlib import Path

import pytest

from . import csp
from .axe import assert_no_axe_violations

# Sync Playwright leaves an asyncio loop registered as running in the test thread, so
# Django's async-unsafe guard would refuse every ORM call made by tests and by the
# transactional_db flush. Nothing here is really concurrent: the test thread is blocked
# while the loop runs. (Django reads this variable at call time, so setting it here works.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    # Root in a container has no user namespaces for Chromium's sandbox.
    "--no-sandbox",
    "--disable-gpu",
    # No network but the registries here: stop Chromium phoning home and waiting on it.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
# Shorter than Playwright's 30 s so a missing element fails fast instead of stalling CI.
DEFAULT_TIMEOUT_MS = 10_000

E2E_DIR = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} not found: install Debian's package (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}. CI must run the browser tests, not skip them.")
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, live_server, transactional_db, request):
    # transactional_db, not db: the live server thread has its own connection and only
    # sees committed rows.
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    # Every browser test also proves its pages keep the Content-Security-Policy: a refused
    # script or style fails the test, even one that only a click brings about.
    refused = csp.watch(context)
    page = context.new_page()
    yield page
    csp.settle(page)
    screenshot_dir = os.environ.get("E2E_SCREENSHOTS")
    if screenshot_dir and not page.is_closed():
        folder = Path(screenshot_dir)
        folder.mkdir(parents=True, exist_ok=True)
        test_name = f"{Path(request.node.path).stem}__{request.node.name}"
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name).strip("_")
        page.screenshot(path=folder / f"{name}.png", full_page=True)
    context.close()
    assert not refused, csp.describe(refused)


@pytest.fixture
def axe():
    return assert_no_axe_violations
