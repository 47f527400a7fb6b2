"""Actions a person takes in the browser, shared by the end-to-end tests."""

SIGN_IN_PATH = "/accounts/sign-in/"
CODE_PATH = "/accounts/sign-in/code/"
MAX_TABS = 40


def _prepare_two_factor(email: str):
    """A user who needs (or has) two-factor gets a device whose codes the helper types."""
    from outreach.accounts import two_factor
    from outreach.accounts.models import User

    user = User.objects.filter(email=email.strip().lower()).first()
    if user is None or not (two_factor.is_required(user) or two_factor.is_enabled(user)):
        return None
    from tests.two_factor import device_for

    device_for(user)  # before the password, so the sign-in asks for a code, not set-up
    return user


def _enter_code_if_asked(page, user) -> None:
    if user is None or CODE_PATH not in page.url:
        return
    from tests.two_factor import code_for_sign_in

    page.get_by_label("Security code", exact=True).fill(code_for_sign_in(user))
    with page.expect_navigation():
        page.get_by_role("button", name="Continue", exact=True).click()


def sign_in(page, email: str, password: str, *, code: bool = True) -> None:
    """Sign in through the form, then (unless code=False) type the code if asked."""
    user = _prepare_two_factor(email) if code else None
    page.goto(SIGN_IN_PATH)
    # exact=True so a "Show password" toggle or "Forgot password?" link never matches.
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    _enter_code_if_asked(page, user)


def tab_to(page, locator, description: str, max_tabs: int = MAX_TABS) -> None:
    """Press Tab until `locator` has focus; fail if it is not reachable by keyboard."""
    for _ in range(max_tabs + 1):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{description} was not reached after {max_tabs} presses of Tab")


def keyboard_only_sign_in(page, email: str, password: str) -> None:
    """Sign in with Tab, typing and Enter only, proving the form works without a mouse."""
    user = _prepare_two_factor(email)
    page.goto(SIGN_IN_PATH)
    tab_to(page, page.get_by_label("Email address", exact=True), "The email field")
    page.keyboard.type(email)
    tab_to(page, page.get_by_label("Password", exact=True), "The password field")
    page.keyboard.type(password)
    # Enter on the button itself, not in the field, so the button is proven reachable.
    tab_to(page, page.get_by_role("button", name="Sign in", exact=True), "The Sign in button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if user is not None and CODE_PATH in page.url:
        from tests.two_factor import code_for_sign_in

        tab_to(page, page.get_by_label("Security code", exact=True), "The code field")
        page.keyboard.type(code_for_sign_in(user))
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
