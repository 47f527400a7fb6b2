"""Self-test of the browser harness, independent of the app's own pages."""

from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations
from .helpers import SIGN_IN_PATH, keyboard_only_sign_in, sign_in

SIGNED_IN = "Signed in as ada@example.org with s3cret-pass"

ACCESSIBLE_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Harness check</title></head>
<body>
  <header><a href="#main">Skip to main content</a></header>
  <main id="main">
    <h1>Harness check</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Outreach logo">
    <form>
      <label for="name">Your name</label>
      <input id="name" name="name" type="text" autocomplete="name">
      <button type="submit">Save</button>
    </form>
  </main>
</body>
</html>"""

BROKEN_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken</title></head>
<body>
  <main>
    <h1>Broken</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <input type="text" name="unlabelled">
  </main>
</body>
</html>"""

FAKE_SIGN_IN_FORM = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title></head>
<body>
  <header><a href="#main">Skip to main content</a> <a href="/help/">Help</a></header>
  <main id="main">
    <h1>Sign in</h1>
    <form method="post" action="{path}">
      <label for="email">Email address</label>
      <input id="email" name="email" type="email" {email_attrs}>
      <label for="password">Password</label>
      <input id="password" name="password" type="password">
      <button type="submit">Sign in</button>
    </form>
  </main>
</body>
</html>"""


def serve_fake_sign_in(page, email_attrs=""):
    """Answer the sign-in URL in the browser itself, so the helpers are tested without the app."""

    def handle(route):
        if route.request.method == "POST":
            form = parse_qs(route.request.post_data or "")
            body = f"<h1>Signed in as {form['email'][0]} with {form['password'][0]}</h1>"
        else:
            body = FAKE_SIGN_IN_FORM.format(path=SIGN_IN_PATH, email_attrs=email_attrs)
        route.fulfill(status=200, content_type="text/html", body=body)

    page.route(f"**{SIGN_IN_PATH}", handle)


def test_accessible_page_passes(page, axe):
    page.set_content(ACCESSIBLE_PAGE)
    axe(page, "accessible sample page")


def test_inaccessible_page_fails_with_readable_message(page):
    page.set_content(BROKEN_PAGE)
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page, "broken sample page")
    message = str(failure.value)
    assert "image-alt" in message
    assert "label" in message
    assert "broken sample page" in message
    assert "<img" in message


def test_sign_in_fills_labelled_fields(page):
    serve_fake_sign_in(page)
    sign_in(page, "ada@example.org", "s3cret-pass")
    expect(page.get_by_role("heading")).to_have_text(SIGNED_IN)


def test_keyboard_only_sign_in(page):
    serve_fake_sign_in(page)
    keyboard_only_sign_in(page, "ada@example.org", "s3cret-pass")
    expect(page.get_by_role("heading")).to_have_text(SIGNED_IN)


def test_keyboard_only_sign_in_fails_when_field_unreachable(page):
    serve_fake_sign_in(page, email_attrs='tabindex="-1"')
    with pytest.raises(AssertionError, match="email field was not reached"):
        keyboard_only_sign_in(page, "ada@example.org", "s3cret-pass")
