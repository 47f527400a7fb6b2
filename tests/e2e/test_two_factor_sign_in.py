"""An administrator's first sign-in: password, set up the app from the key shown, save
the recovery codes, then the service; the next sign-in asks for a code. axe on each page."""

import re

import pytest
from playwright.sync_api import expect

from outreach.accounts import two_factor
from tests.two_factor import code_for_sign_in, current_code

from .helpers import sign_in


@pytest.mark.real_two_factor
def test_an_administrators_first_sign_in_sets_up_two_factor(page, axe, administrator, password):
    sign_in(page, administrator.email, password, code=False)
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    axe(page, "two-factor set-up")

    # Nothing else opens until set-up is done.
    page.goto("/partners/")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()

    # A wrong code is explained, accessibly.
    page.get_by_label("Security code", exact=True).fill("000000")
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    axe(page, "two-factor set-up with an error")

    # Type the code an app would show for the key on the page.
    key = page.locator(".outreach-secret").inner_text()
    device = two_factor.start_set_up(administrator)
    # django-otp's back-off after the wrong code is a second; a person takes longer.
    device.throttle_reset()
    assert key.replace(" ", "") == two_factor.secret_in_groups(device).replace(" ", "")
    page.get_by_label("Security code", exact=True).fill(current_code(device))
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert page.locator(".outreach-recovery-codes li").count() == 10
    axe(page, "recovery codes")

    # On to the page they asked for before set-up stopped them.
    page.get_by_role("link", name="I have saved my codes, continue").click()
    expect(page).to_have_url(re.compile("/partners/$"))
    page.goto("/")
    expect(page.get_by_role("heading", name="Administration")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, administrator.email, password, code=False)
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    axe(page, "two-factor code step")
    page.get_by_label("Security code", exact=True).fill(code_for_sign_in(administrator))
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.get_by_role("heading", name="Administration")).to_be_visible()

    page.get_by_role("link", name="Your details and roles").click()
    page.get_by_role("link", name=re.compile("Get new recovery codes")).click()
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
    axe(page, "two-factor settings")
