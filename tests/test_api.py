from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def test_it_refuses_anonymous_requests_with_the_standard_error_body(db):
    response = APIClient().get("/api/v1/organisations/")
    assert response.status_code in (401, 403)
    error = response.json()["error"]
    assert error["status"] == response.status_code
    assert error["code"] == "not_authenticated"
    assert error["message"]


def test_it_returns_only_the_organisations_in_scope(lead, vcse, school, other_school):
    client = APIClient()
    client.force_authenticate(lead)
    names = {row["name"] for row in client.get("/api/v1/organisations/").json()["results"]}
    assert names == {"Gloucestershire ICB team", "Reach Out VCSE", "Cleeve School"}
    assert client.get(f"/api/v1/organisations/{other_school.pk}/").status_code == 404


def test_a_careers_lead_browses_their_area_only(careers, vcse, school, other_school):
    client = APIClient()
    client.force_authenticate(careers)
    rows = client.get("/api/v1/organisations/").json()["results"]
    assert {row["name"] for row in rows} == {"Cleeve School", "Reach Out VCSE"}


def test_it_accepts_token_authentication_and_paginates(partner, vcse):
    token = Token.objects.create(user=partner)
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = client.get("/api/v1/organisations/?page_size=1").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    me = client.get("/api/v1/me/").json()
    assert me["roles"] == ["delivery_partner"]


def test_unknown_api_url_answers_json_404(client, db):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_filters_combine(lead, vcse, school):
    client = APIClient()
    client.force_authenticate(lead)
    rows = client.get("/api/v1/organisations/", {"kind": "school", "name": "cleeve"}).json()
    assert [row["name"] for row in rows["results"]] == ["Cleeve School"]


def test_a_bad_filter_value_is_a_400_with_fields(lead):
    client = APIClient()
    client.force_authenticate(lead)
    response = client.get("/api/v1/organisations/", {"kind": "spaceship"})
    assert response.status_code == 400
    assert "kind" in response.json()["error"]["fields"]


def test_schema_and_docs_are_served(client, db):
    schema = client.get(reverse("api-schema"))
    assert schema.status_code == 200
    assert b"/api/v1/organisations/" in schema.content
    assert client.get(reverse("api-docs")).status_code == 200


def test_list_query_count_does_not_grow_with_rows(lead, home_area, django_assert_max_num_queries):
    from partners.factories import OrganisationFactory

    client = APIClient()
    client.force_authenticate(lead)
    OrganisationFactory.create_batch(3, area=home_area)
    # COUNT, the page's ids, its rows, their areas (outreach/pagination.py)
    with django_assert_max_num_queries(5) as few:
        client.get("/api/v1/organisations/")
    OrganisationFactory.create_batch(60, area=home_area)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/organisations/")
