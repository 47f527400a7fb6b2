"""The directory list: scoped, searchable, filterable, paginated, and a fixed number of
queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outreach.accounts.factories import MembershipFactory
from outreach.accounts.roles import Role
from partners.factories import ICBAreaFactory, OrganisationFactory, SchoolFactory
from partners.filters import search_filter
from partners.models import Organisation, OrganisationKind

LIST = reverse("partners:organisation_list")


def names(response) -> list[str]:
    return [organisation.name for organisation in response.context["organisations"]]


def get(client, params=None):
    response = client.get(LIST, params or {})
    assert response.status_code == 200
    return response


def queries_for(client, params):
    with CaptureQueriesContext(connection) as captured:
        get(client, params)
    return len(captured.captured_queries)


def _more_organisations(area, count, **fields):
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Bulk school {n:05d}",
            kind=OrganisationKind.SCHOOL,
            area=area,
            postcode="GL1 2AB",
            imd_decile=n % 10 + 1,
            **fields,
        )
        for n in range(count)
    )


class TestQueryCount:
    # A workforce lead's list page, whatever the row count:
    #   1 session, 2 user, 3 the two-factor device the session was verified with,
    #   4 the user's memberships (their scope),
    #   5 COUNT(*) of the filtered directory (Paginator), 6 the page's 25 ids (read from
    #   the order's index, outreach/pagination.py), 7 those rows with their area
    #   (select_related). For people who see several areas (administrators) the area
    #   filter adds two: its list of choices, and looking up the area chosen.
    LEAD_QUERIES = 7

    @pytest.mark.parametrize(
        "params",
        [{}, {"q": "school", "kind": "school", "imd_decile": "3", "page": "2"}],
        ids=["unfiltered", "searched-filtered-page-2"],
    )
    def test_the_list_needs_the_same_queries_for_3_rows_and_60(
        self, client, lead, home_area, params, django_assert_max_num_queries
    ):
        _more_organisations(home_area, 3)
        client.force_login(lead)
        few = queries_for(client, params)
        assert few <= self.LEAD_QUERIES
        _more_organisations(home_area, 57)
        with django_assert_max_num_queries(few):
            response = get(client, params)
        assert len(response.context["organisations"]) <= 25

    def test_an_administrators_list_needs_the_same_queries_for_3_rows_and_60(
        self, client, administrator, home_area, other_area, django_assert_max_num_queries
    ):
        _more_organisations(home_area, 3)
        client.force_login(administrator)
        params = {"area": home_area.pk, "q": "bulk"}
        few = queries_for(client, params)
        assert few <= self.LEAD_QUERIES + 2
        _more_organisations(other_area, 57)
        _more_organisations(home_area, 57, is_open=False)
        with django_assert_max_num_queries(few):
            get(client, params)

    def test_the_list_at_50000_rows_stays_paginated_with_the_same_queries(
        self, client, lead, home_area, django_assert_max_num_queries
    ):
        client.force_login(lead)
        _more_organisations(home_area, 3)
        few = queries_for(client, {})
        _more_organisations(home_area, 50_000 - Organisation.objects.filter(area=home_area).count())
        assert Organisation.objects.filter(area=home_area).count() == 50_000

        with django_assert_max_num_queries(few):
            response = get(client, {})
        assert len(response.context["organisations"]) == 25
        page = response.content.decode()
        assert "Showing 1 to 25 of 50,000 organisations" in page
        assert 'rel="next"' in page

        with django_assert_max_num_queries(few):
            last = get(client, {"page": "2000"})
        assert "Showing 49,976 to 50,000 of 50,000 organisations" in last.content.decode()


class TestScope:
    def test_a_lead_sees_only_their_areas_directory(self, client, lead, icb, school, other_school):
        client.force_login(lead)
        assert names(get(client)) == ["Cleeve School", "Gloucestershire ICB team"]

    def test_an_area_id_outside_the_users_scope_shows_nothing_of_that_area(
        self, client, lead, school, other_area, other_school
    ):
        client.force_login(lead)
        response = get(client, {"area": other_area.pk})
        assert other_school.name not in names(response)

    def test_someone_in_one_area_has_no_area_filter(self, client, partner):
        client.force_login(partner)
        assert "area" not in get(client).context["filter"].form.fields

    def test_the_area_filter_offers_only_the_areas_the_user_works_in(
        self, client, lead, home_area, other_area, school, other_school
    ):
        third = ICBAreaFactory(name="NHS Somerset ICB")
        MembershipFactory(
            user=lead,
            organisation=OrganisationFactory(area=other_area),
            role=Role.WORKFORCE_LEAD,
        )
        client.force_login(lead)
        response = get(client)
        choices = list(response.context["filter"].form.fields["area"].queryset)
        assert choices == [home_area, other_area]
        assert third not in choices
        only_other = get(client, {"area": other_area.pk})
        assert "Dover Grammar" in names(only_other)
        assert "Cleeve School" not in names(only_other)


class TestSearchAndFilters:
    @pytest.fixture
    def directory(self, home_area, other_area):
        return {
            "cleeve": SchoolFactory(
                name="Cleeve School",
                area=home_area,
                urn=115629,
                postcode="GL52 8AE",
                phase="secondary",
                imd_decile=8,
            ),
            "pittville": SchoolFactory(
                name="Pittville School",
                area=home_area,
                urn=136361,
                postcode="GL52 3JD",
                phase="secondary",
                imd_decile=3,
            ),
            "primary": SchoolFactory(
                name="Pittville Primary",
                area=home_area,
                postcode="GL50 4QB",
                phase="primary",
                imd_decile=3,
            ),
            "closed": SchoolFactory(
                name="Old Pittville Academy",
                area=home_area,
                postcode="GL52 9ZZ",
                phase="secondary",
                imd_decile=3,
                is_open=False,
            ),
            "trust": OrganisationFactory(
                name="Pittville Health Trust",
                area=home_area,
                kind=OrganisationKind.NHS_TRUST,
                postcode="GL1 3NN",
            ),
            "kent": SchoolFactory(
                name="Pittville Kent School", area=other_area, postcode="CT1 1AA", imd_decile=3
            ),
        }

    @pytest.fixture
    def signed_in(self, client, administrator, directory):
        client.force_login(administrator)
        return client

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            (
                {"q": "pittville"},
                [
                    "Old Pittville Academy",
                    "Pittville Health Trust",
                    "Pittville Kent School",
                    "Pittville Primary",
                    "Pittville School",
                ],
            ),
            ({"q": "  CLEEVE  "}, ["Cleeve School"]),
            ({"q": "115629"}, ["Cleeve School"]),
            ({"q": "gl52"}, ["Cleeve School", "Old Pittville Academy", "Pittville School"]),
            ({"q": "GL528AE"}, ["Cleeve School"]),
            ({"q": "gl52 3j"}, ["Pittville School"]),
            ({"q": "9999999"}, []),
            ({"kind": "nhs_trust"}, ["Pittville Health Trust"]),
            ({"imd_decile": "8"}, ["Cleeve School"]),
            ({"is_open": "closed"}, ["Old Pittville Academy"]),
            ({"phase": "primary"}, ["Pittville Primary"]),
        ],
    )
    def test_each_search_and_filter_works_alone(self, signed_in, params, expected):
        assert names(get(signed_in, params)) == expected

    def test_search_and_filters_combine(self, signed_in, home_area):
        params = {"q": "pittville", "area": home_area.pk, "kind": "school", "imd_decile": "3"}
        assert names(get(signed_in, params)) == [
            "Old Pittville Academy",
            "Pittville Primary",
            "Pittville School",
        ]
        assert names(get(signed_in, {**params, "is_open": "open"})) == [
            "Pittville Primary",
            "Pittville School",
        ]
        assert names(get(signed_in, {**params, "is_open": "open", "phase": "primary"})) == [
            "Pittville Primary"
        ]

    def test_the_result_count_says_it_is_filtered(self, signed_in):
        page = get(signed_in, {"q": "cleeve"}).content.decode()
        assert "Showing 1 to 1 of 1 organisation that match your search" in page

    def test_nothing_found_explains_what_to_try(self, signed_in):
        page = get(signed_in, {"q": "no such place"}).content.decode()
        assert "No organisations found" in page
        assert "clear the search and filters" in page

    def test_a_tampered_filter_is_reported_and_the_rest_still_apply(self, signed_in):
        response = get(signed_in, {"q": "cleeve", "imd_decile": "99"})
        assert "imd_decile" in response.context["filter"].form.errors
        assert names(response) == ["Cleeve School"]
        assert response.content.decode().count('class="nhsuk-error-summary"') == 1

    def test_a_very_long_number_is_not_taken_for_a_urn(self, signed_in):
        assert names(get(signed_in, {"q": "9" * 30})) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "(AND: )"),
        ("123456", "(AND: ('urn', 123456))"),
        ("Cleeve", "(AND: ('name__icontains', 'Cleeve'))"),
        (
            "gl52",
            "(OR: ('name__icontains', 'gl52'), ('postcode__startswith', 'GL52'))",
        ),
        (
            "gl528ae",
            "(OR: ('name__icontains', 'gl528ae'), ('postcode__startswith', 'GL52 8AE'))",
        ),
    ],
)
def test_the_search_box_matches_a_urn_a_name_or_a_postcode(text, expected):
    assert str(search_filter(text)) == expected


def test_a_page_number_past_the_end_shows_the_last_page(client, lead, home_area):
    _more_organisations(home_area, 30)
    client.force_login(lead)
    for page, first in [("99", "26"), ("not-a-number", "1"), ("-1", "26")]:
        response = get(client, {"page": page})
        assert f"Showing {first} to" in response.content.decode(), page


def test_the_pagination_keeps_the_search_and_filters(client, lead, home_area):
    _more_organisations(home_area, 30)
    client.force_login(lead)
    page = get(client, {"q": "bulk", "kind": "school"}).content.decode()
    assert "?q=bulk&amp;kind=school&amp;page=2" in page
