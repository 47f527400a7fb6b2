import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partners.factories import AmbassadorFactory
from programmes.models import Booking, RequestStatus, SchoolRequest
from programmes.services import bookings as svc

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_request(careers, school, year9, programme):
    return svc.school_request_create(
        user=careers,
        school=school,
        topic="A talk by a midwife",
        year_group=year9,
        students=40,
        preferred_dates="Any Tuesday in March",
        format="in_school",
    )


def _proposal(partner, school_request, programme, vcse, **extra):
    values = {
        "message": "Our midwife Jo will talk and bring a birthing doll.",
        "date": timezone.localdate() + datetime.timedelta(days=20),
        "start_time": datetime.time(9, 30),
        "end_time": datetime.time(10, 30),
    }
    values.update(extra)
    return svc.request_proposal_create(
        user=partner, school_request=school_request, programme=programme, partner=vcse, **values
    )


def test_an_accepted_proposal_becomes_a_confirmed_booking(
    careers, partner, school_request, programme, vcse
):
    ambassador = AmbassadorFactory(organisation=vcse, name="Jo Adeyemi")
    proposal = _proposal(partner, school_request, programme, vcse, ambassador=ambassador)
    booking = svc.request_proposal_accept(
        user=careers, proposal=proposal, contact_name="Ms Patel", contact_email="p@school.example"
    )
    assert booking.status == "confirmed"
    assert booking.students == 40
    assert booking.slot.facilitator == "Jo Adeyemi"
    assert booking.slot.offer.open_to_schools.get() == school_request.school
    school_request.refresh_from_db()
    assert school_request.status == RequestStatus.BOOKED
    with pytest.raises(ValidationError, match="already been booked"):
        svc.request_proposal_accept(
            user=careers, proposal=proposal, contact_name="A", contact_email="a@example.org"
        )
    assert Booking.objects.count() == 1


def test_a_proposal_needs_a_programme_the_partner_delivers_and_a_sane_time(
    partner, school_request, other_programme, programme, vcse
):
    with pytest.raises(ValidationError, match="does not deliver"):
        _proposal(partner, school_request, other_programme, vcse)
    with pytest.raises(ValidationError, match="end time must be after"):
        _proposal(partner, school_request, programme, vcse, end_time=datetime.time(9))


def test_partners_in_the_area_see_open_requests_and_offer(
    client, partner, outsider, school_request, programme, vcse
):
    client.force_login(partner)
    assert "A talk by a midwife" in client.get(reverse("programmes:requests")).content.decode()
    day = timezone.localdate() + datetime.timedelta(days=20)
    response = client.post(
        reverse("programmes:request", args=[school_request.pk]),
        {
            "programme": programme.pk,
            "partner": vcse.pk,
            "message": "We can do this.",
            "date_day": day.day,
            "date_month": day.month,
            "date_year": day.year,
            "start_time": "09:30",
            "end_time": "10:30",
        },
    )
    assert response.status_code == 302
    assert school_request.proposals.count() == 1
    client.force_login(outsider)
    assert client.get(reverse("programmes:request", args=[school_request.pk])).status_code == 404


def test_the_careers_lead_asks_and_accepts_on_the_pages(
    client, careers, partner, year9, programme, vcse
):
    client.force_login(careers)
    response = client.post(
        reverse("programmes:request_create"),
        {
            "topic": "Paramedic visit",
            "year_group": year9.pk,
            "students": 25,
            "preferred_dates": "Late January",
            "format": "in_school",
        },
    )
    assert response.status_code == 302
    made = SchoolRequest.objects.get()
    proposal = _proposal(partner, made, programme, vcse)
    response = client.post(
        reverse("programmes:proposal_accept", args=[proposal.pk]),
        {"contact_name": "Ms Patel", "contact_email": "patel@school.example"},
        follow=True,
    )
    assert "Booked: Paramedic visit" in response.content.decode()
    assert Booking.objects.get().school == made.school


@pytest.mark.parametrize(
    ("persona", "status"), [("careers", 200), ("partner", 200), ("lead", 200), ("outsider", 404)]
)
def test_who_sees_a_request(client, request, school_request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("programmes:request", args=[school_request.pk])).status_code == status


def test_another_careers_lead_cannot_accept(
    client, make_school, school_request, partner, programme, vcse
):
    from outreach.accounts.factories import MembershipFactory

    other = MembershipFactory(organisation=make_school(), role="careers_lead").user
    proposal = _proposal(partner, school_request, programme, vcse)
    client.force_login(other)
    response = client.post(
        reverse("programmes:proposal_accept", args=[proposal.pk]),
        {"contact_name": "X", "contact_email": "x@example.org"},
    )
    assert response.status_code == 404
    assert Booking.objects.count() == 0


def test_the_requests_list_keeps_a_fixed_number_of_queries(
    client, partner, careers, school, year9, django_assert_max_num_queries
):
    def make(n):
        for i in range(n):
            svc.school_request_create(
                user=careers,
                school=school,
                topic=f"Topic {i}",
                year_group=year9,
                students=10,
                preferred_dates="Spring",
                format="online",
            )

    make(2)
    client.force_login(partner)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("programmes:requests"))
    make(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("programmes:requests"))
