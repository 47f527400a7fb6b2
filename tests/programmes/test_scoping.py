"""Who sees which programmes and events: Programme / EngagementEvent .for_user, and who
may log and change them."""

import pytest

from outreach.accounts.factories import MembershipFactory, UserFactory
from outreach.accounts.roles import Role
from partners.factories import OrganisationFactory, SchoolFactory
from programmes.factories import EventFactory, ProgrammeFactory, ProgrammePartnerFactory
from programmes.models import (
    Booking,
    Cohort,
    EngagementEvent,
    PartnerRole,
    Programme,
    WaitlistEntry,
    WorkshopOffer,
)


@pytest.fixture
def world(programme, other_programme, icb, vcse, school, other_school):
    """Events in the home programme: one delivered by the partner's VCSE at the careers
    lead's school, one delivered by the ICB elsewhere; and one in another area."""
    trust = OrganisationFactory(name="Trust", area=programme.area)
    ProgrammePartnerFactory(programme=programme, organisation=trust, role=PartnerRole.DELIVERY)
    elsewhere = SchoolFactory(name="Elsewhere High", area=programme.area)
    return {
        "ours": EventFactory(programme=programme, school=school, delivering_organisations=[vcse]),
        "theirs": EventFactory(
            programme=programme, school=elsewhere, delivering_organisations=[trust]
        ),
        "other_area": EventFactory(
            programme=other_programme,
            school=other_school,
            delivering_organisations=[other_programme.lead_organisation],
        ),
        "trust": trust,
    }


def names(queryset):
    return set(queryset.values_list("title", flat=True))


def events(world, *keys):
    return {world[key].title for key in keys}


@pytest.mark.parametrize(
    ("persona", "programmes", "visible"),
    [
        ("administrator", {"We Want You", "Kent Careers"}, ("ours", "theirs", "other_area")),
        ("lead", {"We Want You"}, ("ours", "theirs")),
        ("partner", {"We Want You"}, ("ours",)),
        ("careers", {"We Want You"}, ("ours",)),
        ("outsider", {"Kent Careers"}, ("other_area",)),
        ("no_role", set(), ()),
    ],
)
def test_each_role_sees_its_programmes_and_events(request, world, persona, programmes, visible):
    user = request.getfixturevalue(persona)
    assert set(Programme.objects.for_user(user).values_list("name", flat=True)) == programmes
    assert names(EngagementEvent.objects.for_user(user)) == events(world, *visible)


def test_a_partner_whose_organisation_leads_the_programme_sees_all_its_events(
    programme, world, partner, vcse
):
    ProgrammePartnerFactory(programme=programme, organisation=vcse, role=PartnerRole.LEAD)
    assert names(EngagementEvent.objects.for_user(partner)) == events(world, "ours", "theirs")


def test_a_partner_in_any_role_sees_the_programme_but_logs_only_as_deliverer_or_lead(
    home_area, vcse, partner
):
    funded = ProgrammeFactory(name="Funded", area=home_area)
    ProgrammePartnerFactory(programme=funded, organisation=vcse, role=PartnerRole.FUNDING)
    assert funded in Programme.objects.for_user(partner)
    assert funded not in Programme.objects.loggable_by(partner)


def test_a_careers_lead_sees_no_programme_without_an_event_at_their_school(home_area, careers):
    ProgrammeFactory(name="Not here", area=home_area)
    assert not Programme.objects.for_user(careers).filter(name="Not here").exists()


def test_only_workforce_leads_and_administrators_manage_programmes(
    programme, other_programme, lead, partner, careers, administrator
):
    assert list(Programme.objects.manageable_by(lead)) == [programme]
    assert set(Programme.objects.manageable_by(administrator)) == {programme, other_programme}
    assert not Programme.objects.manageable_by(partner).exists()
    assert not Programme.objects.manageable_by(careers).exists()


def test_who_may_change_an_event(world, lead, partner, careers, outsider):
    assert names(EngagementEvent.objects.editable_by(lead)) == events(world, "ours", "theirs")
    assert names(EngagementEvent.objects.editable_by(partner)) == events(world, "ours")
    assert not EngagementEvent.objects.editable_by(careers).exists()
    assert names(EngagementEvent.objects.editable_by(outsider)) == events(world, "other_area")


def test_a_partner_who_only_funds_cannot_change_events_they_delivered(world, programme, vcse):
    user = UserFactory()
    funder = OrganisationFactory(area=programme.area)
    MembershipFactory(user=user, organisation=funder, role=Role.DELIVERY_PARTNER)
    ProgrammePartnerFactory(programme=programme, organisation=funder, role=PartnerRole.FUNDING)
    event = world["ours"]
    event.delivering_organisations.add(funder)
    assert event in EngagementEvent.objects.for_user(user)
    assert event not in EngagementEvent.objects.editable_by(user)


def test_a_partners_events_are_one_list_of_ids(partner):
    """Delivered-by OR led-programme as two subqueries made PostgreSQL test every event
    in the country against both (benchmarks/README.md, "Load test"); as one list of ids
    (a UNION) it finds the partner's events through the indexes."""
    from django.db import connection

    sql = str(EngagementEvent.objects.for_user(partner).query).upper()
    assert "UNION" in sql
    assert "EXISTS" not in sql
    if connection.vendor == "postgresql":  # found by primary key, not by scanning events
        assert "= ANY(ARRAY(" in sql


@pytest.mark.parametrize(
    ("persona", "queryset"),
    [
        ("careers", lambda user: Booking.objects.for_user(user)),
        ("careers", lambda user: WaitlistEntry.objects.for_user(user)),
        ("careers", lambda user: EngagementEvent.objects.for_user(user)),
        ("partner", lambda user: WorkshopOffer.objects.manageable_by(user)),
        ("partner", lambda user: EngagementEvent.objects.for_user(user).order_by()),
        ("partner", lambda user: Cohort.objects.for_user(user)),
    ],
)
def test_a_user_who_leads_no_area_is_scoped_without_joining_programmes(
    request, programme, persona, queryset
):
    """An empty "programme in the areas you lead" drops out of the OR but used to leave
    its join to programmes behind, so a careers lead's bookings joined three tables to
    find rows by their own school column."""
    sql = str(queryset(request.getfixturevalue(persona)).query)
    assert '"programmes_programme"' not in sql.split(" WHERE ", 1)[0]


def test_a_user_with_no_role_sees_no_bookings_offers_or_cohorts(no_role, programme):
    assert not Booking.objects.for_user(no_role).exists()
    assert not WorkshopOffer.objects.for_user(no_role).exists()
    assert not WorkshopOffer.objects.manageable_by(no_role).exists()
    assert not Cohort.objects.for_user(no_role).exists()
