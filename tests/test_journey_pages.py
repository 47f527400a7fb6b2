"""The pages the load test's journeys ask for and the journey-pages benchmark times
(both from benchmarks/load/paths.py) exist and answer each role: a renamed route or a
changed permission would otherwise surface only as a failed `make bench` at national
size."""

from django.test import Client

from benchmarks.load import accounts, paths
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
    pages = paths.journeys(content["areas"][0])
    assert {journey for journey, _, _ in pages} == set(clients)
    for journey, page, url in pages:
        response = clients[journey].get(url)
        assert response.status_code == 200, (journey, page, url, response.status_code)
