"""The directory's forms: good input is saved through the services with a success message;
bad input is explained beside its field, summarised at the top, and changes nothing."""

import datetime

import pytest
from django.test.html import parse_html
from django.urls import reverse

from partners.factories import AmbassadorFactory, CommunityGroupFactory, ContactFactory
from partners.models import Ambassador, Contact, Organisation, OrganisationKind, YearGroup
from tests.test_nhsuk_forms import attr, by_class, by_id, find_all, text

ORGANISATION = {
    "name": "Gloucester Young Carers",
    "kind": OrganisationKind.VCSE,
    "postcode": "gl1 2ab",
    "email": "hello@youngcarers.example",
    "website": "https://youngcarers.example",
    "phone": "01452 733 060",
    "is_open": "True",
}
CONTACT = {
    "name": "Priya Shah",
    "job_title": "Volunteer coordinator",
    "email": "priya@example.org",
    "phone": "",
    "preferred_contact": "email",
    "accessibility_needs": "BSL interpreter",
    "is_key_contact": "False",
}


def date_fields(name, day, month, year):
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def assert_error_beside(response, field, message):
    """The page says what is wrong next to the field and in the summary at the top."""
    assert response.status_code == 200
    page = parse_html(response.content.decode())
    assert text(find_all(page, lambda e: e.name == "title")[0]).startswith("Error:")
    error = by_id(by_id(page, f"div_id_{field}"), f"id_{field}_error")
    assert message in text(error)
    summary = by_class(page, "nhsuk-error-summary")
    assert len(summary) == 1
    links = {attr(a, "href"): text(a) for a in find_all(summary[0], lambda e: e.name == "a")}
    anchor = next(href for href in links if href.startswith(f"#id_{field}"))
    assert message in links[anchor]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


class TestOrganisationForms:
    def test_a_workforce_lead_adds_an_organisation_to_their_area(self, client, lead, home_area):
        client.force_login(lead)
        group = CommunityGroupFactory(code="young-carers", name="Young carers")
        data = {**ORGANISATION, "area": home_area.pk, "groups_served": [group.pk]}
        response = client.post(reverse("partners:organisation_create"), data, follow=True)
        organisation = Organisation.objects.get(name="Gloucester Young Carers")
        assert response.redirect_chain[-1][0] == reverse(
            "partners:organisation_detail", args=[organisation.pk]
        )
        assert messages_of(response) == ["Gloucester Young Carers has been added to the directory"]
        assert organisation.area == home_area
        assert organisation.postcode == "GL1 2AB", "postcodes are saved in the standard form"
        assert list(organisation.groups_served.all()) == [group]

    def test_a_lead_can_only_choose_an_area_they_manage(self, client, lead, other_area):
        client.force_login(lead)
        form = client.get(reverse("partners:organisation_create")).context["form"]
        assert list(form.fields["area"].queryset) == [lead.memberships.get().organisation.area]
        data = {**ORGANISATION, "area": other_area.pk}
        response = client.post(reverse("partners:organisation_create"), data)
        assert_error_beside(response, "area", "Select a valid choice")
        assert not Organisation.objects.filter(name=ORGANISATION["name"]).exists()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("postcode", "ZZ99 9ZZZ", "Enter a real UK postcode, like GL1 2AB"),
            ("postcode", "12345", "Enter a real UK postcode, like GL1 2AB"),
            ("postcode", "GL1 2AB GL1 2AB", "Enter a real UK postcode, like GL1 2AB"),
            ("email", "hello-at-example", "Enter an email address in the correct format"),
            ("website", "not a website", "Enter a website address"),
            ("phone", "call me", "Enter a phone number"),
            ("name", "", "Enter the name of the organisation"),
        ],
    )
    def test_bad_input_is_explained_beside_the_field_and_nothing_is_saved(
        self, client, lead, vcse, field, value, message
    ):
        client.force_login(lead)
        before = Organisation.objects.values().get(pk=vcse.pk)
        data = {**ORGANISATION, "kind": vcse.kind, "area": vcse.area_id, field: value}
        response = client.post(reverse("partners:organisation_edit", args=[vcse.pk]), data)
        assert_error_beside(response, field, message)
        assert Organisation.objects.values().get(pk=vcse.pk) == before
        # The heading keeps the saved name while the errors are shown.
        assert response.context["caption"] == vcse.name

    def test_school_details_are_refused_for_an_organisation_that_is_not_a_school(
        self, client, lead, home_area
    ):
        client.force_login(lead)
        data = {**ORGANISATION, "area": home_area.pk, "urn": "115629", "imd_decile": "3"}
        response = client.post(reverse("partners:organisation_create"), data)
        assert_error_beside(response, "urn", "only for schools and colleges")
        assert_error_beside(response, "imd_decile", "only for schools and colleges")
        assert not Organisation.objects.filter(name=ORGANISATION["name"]).exists()

    @pytest.mark.parametrize(
        ("value", "message"),
        [("11", "Enter an IMD decile from 1 to 10"), ("0", "Enter an IMD decile from 1 to 10")],
    )
    def test_an_imd_decile_outside_1_to_10_is_refused(
        self, client, careers, school, value, message
    ):
        client.force_login(careers)
        data = {**ORGANISATION, "name": school.name, "imd_decile": value}
        response = client.post(reverse("partners:organisation_edit", args=[school.pk]), data)
        assert_error_beside(response, "imd_decile", message)

    def test_a_careers_lead_updates_their_school_but_not_its_kind_or_area(
        self, client, careers, school, other_area
    ):
        client.force_login(careers)
        form = client.get(reverse("partners:organisation_edit", args=[school.pk])).context["form"]
        assert "area" not in form.fields
        assert "kind" not in form.fields
        assert "urn" in form.fields, "a school's own staff can correct its school details"

        data = {
            **ORGANISATION,
            "name": "Cleeve School",
            "kind": OrganisationKind.VCSE,  # ignored: not a field for them
            "area": other_area.pk,  # ignored too
            "urn": "115629",
            "phase": "secondary",
            "imd_decile": "8",
        }
        response = client.post(reverse("partners:organisation_edit", args=[school.pk]), data)
        assert response.status_code == 302
        school.refresh_from_db()
        assert (school.kind, school.area.name) == (
            OrganisationKind.SCHOOL,
            "NHS Gloucestershire ICB",
        )
        assert (school.urn, school.phase, school.imd_decile) == (115629, "secondary", 8)

    def test_a_partner_editing_their_own_organisation_sees_no_school_details(
        self, client, partner, vcse
    ):
        client.force_login(partner)
        response = client.get(reverse("partners:organisation_edit", args=[vcse.pk]))
        assert "urn" not in response.context["form"].fields
        assert "School or college details" not in response.content.decode()

    def test_a_lead_sees_school_details_in_their_own_fieldset(self, client, lead):
        client.force_login(lead)
        page = parse_html(client.get(reverse("partners:organisation_create")).content.decode())
        fieldset = by_id(page, "school-details")
        legend = find_all(fieldset, lambda e: e.name == "legend")[0]
        assert text(legend) == "School or college details"
        for name in ("urn", "phase", "local_authority", "percentage_fsm", "imd_decile"):
            by_id(fieldset, f"id_{name}")

    def test_the_edit_form_ticks_the_groups_already_chosen(self, client, lead, vcse):
        group = CommunityGroupFactory(code="deaf", name="Deaf and hard of hearing people")
        vcse.groups_served.add(group)
        client.force_login(lead)
        form = client.get(reverse("partners:organisation_edit", args=[vcse.pk])).context["form"]
        assert form["groups_served"].value() == [group.pk]

    def test_a_urn_already_in_the_directory_is_refused(self, client, lead, school, home_area):
        school.urn = 115629
        school.save()
        client.force_login(lead)
        data = {**ORGANISATION, "kind": "school", "area": home_area.pk, "urn": "115629"}
        response = client.post(reverse("partners:organisation_create"), data)
        assert_error_beside(response, "urn", "Another organisation in the directory already has")


class TestContactForms:
    def test_a_partner_adds_a_contact_with_their_accessibility_needs(self, client, partner, vcse):
        client.force_login(partner)
        response = client.post(
            reverse("partners:contact_create", args=[vcse.pk]), CONTACT, follow=True
        )
        contact = Contact.objects.get(organisation=vcse)
        assert (contact.name, contact.accessibility_needs) == ("Priya Shah", "BSL interpreter")
        assert messages_of(response) == ["Priya Shah has been added to the contacts"]
        assert "BSL interpreter" in response.content.decode()

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"email": "priya.example.org"}, "email", "Enter an email address in the correct"),
            ({"email": ""}, "email", "Enter an email address, as they prefer email"),
            ({"preferred_contact": "phone"}, "phone", "Enter a phone number, as they prefer"),
            ({"phone": "12ab"}, "phone", "Enter a phone number, like 01632 960 001"),
            ({"name": ""}, "name", "Enter the contact's full name"),
            ({"is_key_contact": ""}, "is_key_contact", "Select whether this person is the key"),
        ],
    )
    def test_bad_input_is_explained_beside_the_field_and_nothing_is_saved(
        self, client, partner, vcse, changes, field, message
    ):
        client.force_login(partner)
        url = reverse("partners:contact_create", args=[vcse.pk])
        response = client.post(url, {**CONTACT, **changes})
        assert_error_beside(response, field, message)
        assert not Contact.objects.exists()

    def test_a_bad_email_on_an_existing_contact_changes_nothing(self, client, lead, vcse_contact):
        client.force_login(lead)
        url = reverse("partners:contact_edit", args=[vcse_contact.pk])
        response = client.post(url, {**CONTACT, "email": "not an email"})
        assert_error_beside(response, "email", "Enter an email address in the correct format")
        vcse_contact.refresh_from_db()
        assert vcse_contact.name == "Vera Vcse-Contact"

    def test_adding_a_new_key_contact_leaves_exactly_one(self, client, partner, vcse, vcse_contact):
        client.force_login(partner)
        page = client.get(reverse("partners:contact_create", args=[vcse.pk])).content.decode()
        assert "Vera Vcse-Contact is the key contact now: choosing yes replaces them" in page
        response = client.post(
            reverse("partners:contact_create", args=[vcse.pk]),
            {**CONTACT, "is_key_contact": "True"},
            follow=True,
        )
        assert messages_of(response) == ["Priya Shah has been added as the key contact"]
        keys = Contact.objects.filter(organisation=vcse, is_key_contact=True)
        assert [c.name for c in keys] == ["Priya Shah"]

    def test_making_someone_the_key_contact_leaves_exactly_one(
        self, client, lead, vcse, vcse_contact
    ):
        other = ContactFactory(organisation=vcse, name="Omar Other")
        client.force_login(lead)
        response = client.post(reverse("partners:contact_make_key", args=[other.pk]), follow=True)
        assert messages_of(response) == ["Omar Other is now the key contact"]
        keys = Contact.objects.filter(organisation=vcse, is_key_contact=True)
        assert [c.name for c in keys] == ["Omar Other"]
        page = response.content.decode()
        assert "Key contact" in page

    def test_editing_a_contact_keeps_them_key_when_they_already_were(
        self, client, lead, vcse, vcse_contact
    ):
        client.force_login(lead)
        url = reverse("partners:contact_edit", args=[vcse_contact.pk])
        assert "This person is the key contact now" in client.get(url).content.decode()
        data = {**CONTACT, "name": "Vera Renamed", "is_key_contact": "True"}
        client.post(url, data)
        assert list(Contact.objects.filter(is_key_contact=True).values_list("name", flat=True)) == [
            "Vera Renamed"
        ]

    def test_removing_a_contact_asks_first_then_removes_them(self, client, lead, vcse_contact):
        client.force_login(lead)
        url = reverse("partners:contact_delete", args=[vcse_contact.pk])
        confirm = client.get(url)
        assert "Remove Vera Vcse-Contact from the contacts?" in confirm.content.decode()
        assert "is the key contact" in confirm.content.decode()
        assert Contact.objects.filter(pk=vcse_contact.pk).exists()
        response = client.post(url, follow=True)
        assert messages_of(response) == ["Vera Vcse-Contact has been removed from the contacts"]
        assert not Contact.objects.filter(pk=vcse_contact.pk).exists()


class TestAmbassadorForms:
    def ambassador_data(self, **changes):
        return {
            "name": "Amira Hassan",
            "email": "",
            "profession": "Staff nurse",
            "topics": "Nursing",
            "is_active": "True",
            **date_fields("dbs_checked_on", "3", "2", "2025"),
            **date_fields("dbs_renewal_due", "3", "2", "2028"),
            **date_fields("safeguarding_trained_on", "10", "9", "2025"),
            **changes,
        }

    def test_a_partner_adds_an_ambassador_with_year_groups_and_dates(
        self, client, partner, vcse, year_groups
    ):
        client.force_login(partner)
        data = self.ambassador_data(year_groups=[g.pk for g in year_groups])
        response = client.post(
            reverse("partners:ambassador_create", args=[vcse.pk]), data, follow=True
        )
        assert messages_of(response) == ["Amira Hassan has been added to the ambassadors"]
        ambassador = Ambassador.objects.get()
        assert ambassador.dbs_renewal_due == datetime.date(2028, 2, 3)
        assert ambassador.safeguarding_trained_on == datetime.date(2025, 9, 10)
        assert ambassador.year_groups.count() == 5
        assert "Year 7 to Year 11" in response.content.decode()

    def test_year_groups_are_checkboxes(self, client, partner, vcse, year_groups):
        client.force_login(partner)
        response = client.get(reverse("partners:ambassador_create", args=[vcse.pk]))
        page = parse_html(response.content.decode())
        boxes = find_all(by_id(page, "div_id_year_groups"), lambda e: attr(e, "type") == "checkbox")
        assert {attr(b, "value") for b in boxes} >= {str(g.pk) for g in year_groups}
        assert len(boxes) == YearGroup.objects.count()

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            (
                date_fields("dbs_checked_on", "31", "2", "2025"),
                "dbs_checked_on",
                "Enter a real date",
            ),
            (
                date_fields("dbs_renewal_due", "3", "", "2028"),
                "dbs_renewal_due",
                "Enter a real date",
            ),
            (
                date_fields("safeguarding_trained_on", "1", "1", "25"),
                "safeguarding_trained_on",
                "Enter a real date",
            ),
            (
                date_fields("dbs_renewal_due", "1", "1", "2025"),
                "dbs_renewal_due",
                "The renewal date must be after the date of the DBS check",
            ),
            (
                date_fields("dbs_renewal_due", "3", "2", "2025"),
                "dbs_renewal_due",
                "The renewal date must be after the date of the DBS check",
            ),
            (
                date_fields("dbs_checked_on", "1", "1", "2999"),
                "dbs_checked_on",
                "The date must be today or in the past",
            ),
            ({"profession": ""}, "profession", "Enter their profession or role"),
            ({"email": "amira@"}, "email", "Enter an email address in the correct format"),
        ],
    )
    def test_bad_input_is_explained_beside_the_field_and_nothing_is_saved(
        self, client, partner, vcse, changes, field, message
    ):
        client.force_login(partner)
        url = reverse("partners:ambassador_create", args=[vcse.pk])
        response = client.post(url, self.ambassador_data(**changes))
        assert_error_beside(response, field, message)
        assert not Ambassador.objects.exists()

    def test_what_was_typed_in_a_date_is_shown_back(self, client, partner, vcse):
        client.force_login(partner)
        data = self.ambassador_data(**date_fields("dbs_checked_on", "31", "2", "2025"))
        response = client.post(reverse("partners:ambassador_create", args=[vcse.pk]), data)
        page = parse_html(response.content.decode())
        values = [attr(by_id(page, f"id_dbs_checked_on_{n}"), "value") for n in range(3)]
        assert values == ["31", "2", "2025"]

    def test_a_lead_updates_an_ambassadors_dates(self, client, lead, vcse_ambassador):
        client.force_login(lead)
        url = reverse("partners:ambassador_edit", args=[vcse_ambassador.pk])
        data = self.ambassador_data(name=vcse_ambassador.name, is_active="False")
        response = client.post(url, data, follow=True)
        vcse_ambassador.refresh_from_db()
        assert vcse_ambassador.dbs_renewal_due == datetime.date(2028, 2, 3)
        assert vcse_ambassador.is_active is False
        assert messages_of(response) == [f"The details of {vcse_ambassador.name} have been saved"]
        assert "Not volunteering now" in response.content.decode()


def test_the_detail_page_marks_checks_due_within_60_days(client, lead, vcse):
    today = datetime.date.today()
    AmbassadorFactory(
        organisation=vcse,
        name="Due Soon",
        dbs_checked_on=today - datetime.timedelta(days=1000),
        dbs_renewal_due=today + datetime.timedelta(days=20),
    )
    AmbassadorFactory(
        organisation=vcse,
        name="Overdue",
        dbs_checked_on=today - datetime.timedelta(days=1200),
        dbs_renewal_due=today - datetime.timedelta(days=3),
    )
    AmbassadorFactory(organisation=vcse, name="All Fine")
    client.force_login(lead)
    page = parse_html(
        client.get(reverse("partners:organisation_detail", args=[vcse.pk])).content.decode()
    )
    rows = [text(row) for row in find_all(page, lambda e: e.name == "tr")]

    def row_of(name):
        return next(row for row in rows if name in row)

    assert "Due soon" in row_of("Due Soon")
    assert "Overdue" in row_of("Overdue")
    assert "Due soon" not in row_of("All Fine")
    assert "Overdue" not in row_of("All Fine")
