import pytest
from django.test import Client
from django.urls import path


def boom(request):
    raise RuntimeError("secret internals")


urlpatterns = [path("boom/", boom), path("api/boom/", boom)]
handler500 = "outreach.errors.server_error"


def test_unknown_url_gets_the_nhs_styled_404(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "nhsuk-header" in body


@pytest.mark.urls("tests.test_error_pages")
def test_a_crash_shows_the_nhs_500_page_without_a_traceback(db, settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "secret internals" not in body
    assert "Traceback" not in body


@pytest.mark.urls("tests.test_error_pages")
def test_a_crash_under_the_api_answers_the_json_error_body(db, settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/api/boom/")
    assert response.status_code == 500
    assert response.json() == {
        "error": {"status": 500, "code": "server_error", "message": "Something went wrong."}
    }
