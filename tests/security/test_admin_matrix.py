"""The Django admin, every one of its routes from the URL configuration: administrators
only. Anonymous visitors are sent to the one sign-in page; signed-in people without the
administrator role (staff flag or not) are refused with 403."""

import re

import pytest

from tests.security.routes import admin_routes

# Admin URLs with an object id get a missing one: the role check comes first either way.
SAMPLE = {"object_id": "987654321", "id": "987654321", "app_label": "partners"}


def _url(route):
    path = "/" + route.pattern.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: SAMPLE.get(m.group(1), "x"), path)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE.get(m.group(1), "x"), path)
    return path


ROUTES = sorted({_url(r) for r in admin_routes() if "logout" not in r.name})


def test_the_admin_has_routes_to_check():
    assert len(ROUTES) > 20


@pytest.mark.parametrize("url", ROUTES)
def test_only_administrators_use_the_admin(client, lead, careers, administrator, url):
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"] or "/admin/login/" in anonymous["Location"]
    for user in (lead, careers):
        user.is_staff = True  # the flag alone must not open the admin
        user.save(update_fields=["is_staff"])
        client.force_login(user)
        answer = client.get(url)
        assert answer.status_code in (302, 403), (user, url)
        if answer.status_code == 302:
            assert "login" in answer["Location"], (user, url)
    # The administrator gets in: append-only records answer 403 to "add" and "delete",
    # and the admin's own sign-in page refuses anyone already signed in.
    client.force_login(administrator)
    answer = client.get(url)
    assert answer.status_code in (200, 302, 403, 404), url
    if answer.status_code == 302:
        assert "login" not in answer["Location"], url
    if answer.status_code == 403:
        assert url.endswith(("/add/", "/delete/", "/login/", "/autocomplete/")), url
