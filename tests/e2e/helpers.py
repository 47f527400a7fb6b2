"""Actions a person takes in the browser, shared by the end-to-end tests."""

SIGN_IN_PATH = "/accounts/sign-in/"
MAX_TABS = 40


def sign_in(page, email: str, password: str) -> None:
    page.goto(SIGN_IN_PATH)
    # exact=True so a "Show password" toggle or "Forgot password?" link never matches.
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()


def tab_to(page, locator, description: str, max_tabs: int = MAX_TABS) -> None:
    """Press Tab until `locator` has focus; fail if it is not reachable by keyboard."""
    for _ in range(max_tabs + 1):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{description} was not reached after {max_tabs} presses of Tab")


def keyboard_only_sign_in(page, email: str, password: str) -> None:
    """Sign in with Tab, typing and Enter only, proving the form works without a mouse."""
    page.goto(SIGN_IN_PATH)
    tab_to(page, page.get_by_label("Email address", exact=True), "The email field")
    page.keyboard.type(email)
    tab_to(page, page.get_by_label("Password", exact=True), "The password field")
    page.keyboard.type(password)
    # Enter on the button itself, not in the field, so the button is proven reachable.
    tab_to(page, page.get_by_role("button", name="Sign in", exact=True), "The Sign in button")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def wait_until(page, predicate: str, timeout_ms: int = 10_000) -> None:
    """Poll a JavaScript function until it returns true. page.wait_for_function would
    evaluate it with eval() inside the page, which the site's Content-Security-Policy
    refuses; page.evaluate goes through the DevTools protocol instead."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(predicate):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {predicate}")
        page.wait_for_timeout(100)
