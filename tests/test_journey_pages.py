"""The pages the load test's journeys ask for (benchmarks/load/journeys.py) and the
journey-pages benchmark times exist and answer each role: a renamed route or a changed
permission would otherwise surface only as a failed `make bench` at national size."""

from django.test import Client

from benchmarks.journey_pages import journeys
from benchmarks.load import accounts
from outreach.accounts.models import User

ROLES = {"careers": "careers", "partner": "partners", "lead": "leads"}


def test_every_page_of_every_journey_answers_its_role(db, programme, school):
    content = accounts.build(areas=1, careers=1, partners=1, leads=1, password="unused")
    clients = {}
    for journey, role in ROLES.items():
        client = Client()
        client.force_login(User.objects.get(email=content[role][0]["email"]))
        clients[journey] = client
    clients["respondent"] = Client()
    pages = journeys(content)
    assert {journey for journey, _, _ in pages} == set(clients)
    for journey, page, url in pages:
        response = clients[journey].get(url)
        assert response.status_code == 200, (journey, page, url, response.status_code)
