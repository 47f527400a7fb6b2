import datetime

import pytest
from rest_framework.test import APIClient

from partners.factories import AmbassadorFactory, ContactFactory, OrganisationFactory
from partners.models import Contact, Organisation


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def contacts(vcse, school, other_school):
    return {
        "vcse": ContactFactory(organisation=vcse, name="Val VCSE"),
        "school": ContactFactory(organisation=school, name="Sam School"),
        "other": ContactFactory(organisation=other_school, name="Olly Other"),
    }


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("lead", {"Val VCSE", "Sam School"}),
        ("partner", {"Val VCSE"}),
        ("careers", {"Sam School"}),
        ("outsider", {"Olly Other"}),
        ("administrator", {"Val VCSE", "Sam School", "Olly Other"}),
        ("no_role", set()),
    ],
)
def test_contacts_are_visible_only_to_their_organisation_and_area_lead(
    request, contacts, persona, visible
):
    rows = api(request.getfixturevalue(persona)).get("/api/v1/contacts/").json()["results"]
    assert {row["name"] for row in rows} == visible


def test_a_delivery_partner_cannot_read_another_organisations_contact(partner, contacts):
    response = api(partner).get(f"/api/v1/contacts/{contacts['school'].pk}/")
    assert response.status_code == 404


def test_a_careers_lead_cannot_edit_another_school(careers, school, home_area):
    neighbour = OrganisationFactory(name="Neighbour School", kind="school", area=home_area)
    client = api(careers)
    assert (
        client.patch(
            f"/api/v1/organisations/{neighbour.pk}/", {"description": "hijacked"}, format="json"
        ).status_code
        == 403
    )
    own = client.patch(
        f"/api/v1/organisations/{school.pk}/",
        {"description": "Years 7 to 13, 1,650 pupils"},
        format="json",
    )
    assert own.status_code == 200
    # Their own profile, but not its kind or area.
    client.patch(f"/api/v1/organisations/{school.pk}/", {"kind": "employer"}, format="json")
    school.refresh_from_db()
    assert school.kind == "school"


def test_a_workforce_lead_adds_organisations_only_in_their_area(lead, home_area, other_area):
    client = api(lead)
    made = client.post(
        "/api/v1/organisations/",
        {
            "name": "New VCSE",
            "kind": "vcse",
            "area": home_area.pk,
            "postcode": "gl1 2ab",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert Organisation.objects.get(name="New VCSE").postcode == "GL1 2AB"
    refused = client.post(
        "/api/v1/organisations/",
        {"name": "Elsewhere", "kind": "vcse", "area": other_area.pk},
        format="json",
    )
    assert refused.status_code == 403


def test_bad_postcode_and_email_are_named_per_field(lead, home_area):
    response = api(lead).post(
        "/api/v1/organisations/",
        {
            "name": "Typo Trust",
            "kind": "nhs_trust",
            "area": home_area.pk,
            "postcode": "NOT A POSTCODE",
            "email": "not-an-email",
        },
        format="json",
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert "postcode" in fields
    assert "email" in fields
    assert not Organisation.objects.filter(name="Typo Trust").exists()


def test_key_contact_moves_rather_than_doubling(partner, vcse):
    first = ContactFactory(organisation=vcse, is_key_contact=True)
    client = api(partner)
    response = client.post(
        "/api/v1/contacts/",
        {
            "organisation": vcse.pk,
            "name": "New Key",
            "email": "key@example.org",
            "is_key_contact": True,
        },
        format="json",
    )
    assert response.status_code == 201
    assert list(
        Contact.objects.filter(organisation=vcse, is_key_contact=True).values_list(
            "name", flat=True
        )
    ) == ["New Key"]
    first.refresh_from_db()
    assert first.is_key_contact is False


def test_a_partner_cannot_add_contacts_to_a_school(partner, school):
    response = api(partner).post(
        "/api/v1/contacts/", {"organisation": school.pk, "name": "Sneaky"}, format="json"
    )
    assert response.status_code == 400
    assert "organisation" in response.json()["error"]["fields"]


def test_ambassadors_take_year_groups_by_code_and_show_training_due(partner, vcse):
    response = api(partner).post(
        "/api/v1/ambassadors/",
        {
            "organisation": vcse.pk,
            "name": "Ama Ambassador",
            "profession": "Paramedic",
            "year_groups": ["year-9", "year-10"],
            "safeguarding_trained_on": "2025-01-10",
            "dbs_checked_on": "2024-05-01",
            "dbs_renewal_due": "2024-04-01",
        },
        format="json",
    )
    assert response.status_code == 400  # renewal before the check
    response = api(partner).post(
        "/api/v1/ambassadors/",
        {
            "organisation": vcse.pk,
            "name": "Ama Ambassador",
            "profession": "Paramedic",
            "year_groups": ["year-9", "year-10"],
            "safeguarding_trained_on": "2025-01-10",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["year_groups"] == ["year-9", "year-10"]
    assert response.json()["safeguarding_due"] == "2028-01-10"


def test_schools_endpoint_lists_only_schools_and_filters_by_decile(lead, vcse, home_area):
    OrganisationFactory(name="Deprived School", kind="school", area=home_area, imd_decile=1)
    OrganisationFactory(name="Leafy School", kind="school", area=home_area, imd_decile=10)
    rows = api(lead).get("/api/v1/schools/", {"imd_decile": 1}).json()["results"]
    assert [row["name"] for row in rows] == ["Deprived School"]
    assert api(lead).post("/api/v1/schools/", {}).status_code == 405


@pytest.mark.parametrize(
    "url",
    ["/api/v1/contacts/", "/api/v1/ambassadors/", "/api/v1/schools/", "/api/v1/organisations/"],
)
def test_api_lists_keep_a_fixed_query_count(lead, vcse, url, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            org = OrganisationFactory(area=vcse.area, kind="school")
            ContactFactory(organisation=org)
            AmbassadorFactory(organisation=org, dbs_renewal_due=datetime.date(2030, 1, 1))

    client = api(lead)
    add(2)
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    add(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
