"""Role × page for every directory route, on the personas' own and other records.

Anonymous people are sent to sign in; a signed-in user without a role gets 403; a record
outside the user's scope answers 404 (it is not in their `for_user` queryset); a record
they may see but not change answers 403.
"""

import pytest
from django.urls import reverse

from partners.factories import SchoolFactory
from partners.models import Contact, Organisation

ANON = "anonymous"
PERSONAS = [ANON, "lead", "partner", "careers", "administrator", "outsider", "no_role"]

# Who may browse the home area's directory: everyone with a role there.
BROWSE = {
    ANON: 302,
    "lead": 200,
    "partner": 200,
    "careers": 200,
    "administrator": 200,
    "outsider": 404,
    "no_role": 403,
}
# Changing the delivery partner's own organisation (the VCSE) or its people.
CHANGE_VCSE = {**BROWSE, "careers": 403}
# Changing the careers lead's own school.
CHANGE_SCHOOL = {**BROWSE, "partner": 403}
# A person at the VCSE: outside the careers lead's people scope, so not found at all.
VCSE_PERSON = {**BROWSE, "careers": 404}
# Adding an organisation: workforce leads (any area) and administrators.
MANAGE = {
    ANON: 302,
    "lead": 200,
    "partner": 403,
    "careers": 403,
    "administrator": 200,
    "outsider": 200,
    "no_role": 403,
}
LIST = {**BROWSE, "outsider": 200}

# (route, fixture giving the URL's object or None, expected GET status per persona)
GET_CASES = [
    ("partners:organisation_list", None, LIST),
    ("partners:organisation_create", None, MANAGE),
    ("partners:organisation_detail", "vcse", BROWSE),
    ("partners:organisation_detail", "school", BROWSE),
    ("partners:organisation_edit", "vcse", CHANGE_VCSE),
    ("partners:organisation_edit", "school", CHANGE_SCHOOL),
    ("partners:contact_create", "vcse", CHANGE_VCSE),
    ("partners:contact_create", "school", CHANGE_SCHOOL),
    ("partners:contact_edit", "vcse_contact", VCSE_PERSON),
    ("partners:contact_delete", "vcse_contact", VCSE_PERSON),
    ("partners:ambassador_create", "vcse", CHANGE_VCSE),
    ("partners:ambassador_edit", "vcse_ambassador", VCSE_PERSON),
]


def _url(request, route, target):
    if target is None:
        return reverse(route)
    return reverse(route, args=[request.getfixturevalue(target).pk])


def _sign_in(client, request, persona):
    if persona != ANON:
        client.force_login(request.getfixturevalue(persona))


@pytest.mark.parametrize(
    ("route", "target", "expected"), GET_CASES, ids=[f"{r}[{t}]" for r, t, _ in GET_CASES]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_gets_the_right_answer_on_each_directory_page(
    client, request, route, target, expected, persona
):
    url = _url(request, route, target)
    _sign_in(client, request, persona)
    response = client.get(url)
    assert response.status_code == expected[persona], (route, target, persona)
    if persona == ANON:
        assert response["Location"].startswith(reverse("accounts:login"))
    if response.status_code == 403:
        assert b"You do not have permission" in response.content


MAKE_KEY = {**VCSE_PERSON, "lead": 302, "partner": 302, "administrator": 302}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_gets_the_right_answer_when_making_a_key_contact(client, request, vcse, persona):
    # Vera is the key contact; the POST tries to make Bob the key contact instead.
    request.getfixturevalue("vcse_contact")
    bob = Contact.objects.create(organisation=vcse, name="Bob", email="bob@example.org")
    _sign_in(client, request, persona)
    response = client.post(reverse("partners:contact_make_key", args=[bob.pk]))
    assert response.status_code == MAKE_KEY[persona], persona
    bob.refresh_from_db()
    assert bob.is_key_contact is (MAKE_KEY[persona] == 302 and persona != ANON)


def test_making_a_key_contact_only_answers_post(client, lead, vcse_contact):
    client.force_login(lead)
    response = client.get(reverse("partners:contact_make_key", args=[vcse_contact.pk]))
    assert response.status_code == 405


# Writes: a refused POST changes nothing.
DELETE = {**VCSE_PERSON, "lead": 302, "partner": 302, "administrator": 302}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_gets_the_right_answer_when_removing_a_contact(
    client, request, vcse_contact, persona
):
    _sign_in(client, request, persona)
    response = client.post(reverse("partners:contact_delete", args=[vcse_contact.pk]))
    assert response.status_code == DELETE[persona], persona
    removed = DELETE[persona] == 302 and persona != ANON
    assert Contact.objects.filter(pk=vcse_contact.pk).exists() is not removed


def test_an_organisation_in_another_area_is_not_found(client, lead, other_school):
    client.force_login(lead)
    for route in [
        "partners:organisation_detail",
        "partners:organisation_edit",
        "partners:contact_create",
        "partners:ambassador_create",
    ]:
        response = client.get(reverse(route, args=[other_school.pk]))
        assert response.status_code == 404, route


def test_a_careers_lead_cannot_edit_another_school(client, careers, home_area, other_school):
    neighbour = SchoolFactory(name="Pittville School", area=home_area)
    client.force_login(careers)
    data = {"name": "Renamed", "is_open": "True", "postcode": "GL52 3JD"}

    # Another school in the same area: visible in the directory, not theirs to change.
    assert (
        client.get(reverse("partners:organisation_detail", args=[neighbour.pk])).status_code == 200
    )
    response = client.post(reverse("partners:organisation_edit", args=[neighbour.pk]), data)
    assert response.status_code == 403
    assert client.get(reverse("partners:contact_create", args=[neighbour.pk])).status_code == 403

    # A school in another area is not even found.
    response = client.post(reverse("partners:organisation_edit", args=[other_school.pk]), data)
    assert response.status_code == 404

    assert set(Organisation.objects.values_list("name", flat=True)) >= {
        "Pittville School",
        "Dover Grammar",
    }
    assert not Organisation.objects.filter(name="Renamed").exists()


def test_a_delivery_partner_cannot_see_another_organisations_contacts(
    client, partner, school, school_contact, vcse_contact
):
    client.force_login(partner)
    page = client.get(reverse("partners:organisation_detail", args=[school.pk])).content.decode()
    assert school_contact.name not in page
    assert school_contact.email not in page
    assert "only its own staff and the workforce leads for NHS Gloucestershire ICB" in page
    assert reverse("partners:contact_create", args=[school.pk]) not in page

    own = client.get(reverse("partners:organisation_detail", args=[vcse_contact.organisation_id]))
    assert vcse_contact.name in own.content.decode()
    # And the contact itself is out of reach by id.
    response = client.get(reverse("partners:contact_edit", args=[school_contact.pk]))
    assert response.status_code == 404


def test_action_links_show_only_to_people_who_may_edit(client, careers, lead, vcse, vcse_contact):
    edit_url = reverse("partners:organisation_edit", args=[vcse.pk])
    detail_url = reverse("partners:organisation_detail", args=[vcse.pk])

    client.force_login(careers)
    assert edit_url not in client.get(detail_url).content.decode()

    client.force_login(lead)
    page = client.get(detail_url).content.decode()
    assert edit_url in page
    assert reverse("partners:contact_edit", args=[vcse_contact.pk]) in page
    assert reverse("partners:ambassador_create", args=[vcse.pk]) in page


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("lead", True),
        ("partner", True),
        ("careers", True),
        ("administrator", True),
        ("no_role", False),
    ],
)
def test_the_directory_is_in_the_menu_for_every_role(client, request, persona, shown):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("home")).content.decode()
    assert (f'href="{reverse("partners:organisation_list")}"' in page) is shown
