import datetime
import re

import pytest
from django.urls import reverse

from programmes import ical
from programmes.services import bookings as svc

from .conftest import request_for, slot_input

pytestmark = pytest.mark.django_db


def test_the_diary_feed_lists_the_partners_slots_in_london_time(
    client, partner, offer, school, year9
):
    slot = svc.slot_create(offer=offer, data=slot_input(days=10))
    svc.booking_create(user=None, slot=slot, request=request_for(school, year9, 12))
    client.force_login(partner)
    page = client.get(reverse("programmes:diary")).content.decode()
    link = re.search(r'id="diary-feed"[^>]*value="([^"]+)"', page).group(1)
    client.logout()
    response = client.get(link.split("testserver")[1])
    body = response.content.decode().replace("\r\n ", "")
    assert response["Content-Type"].startswith("text/calendar")
    assert f"UID:slot-{slot.pk}@outreach" in body
    assert f"DTSTART;TZID=Europe/London:{slot.date:%Y%m%d}T100000" in body
    assert "12 of 30 places taken or held\\; 1 booking(s)\\; 0 group(s) waiting." in body


def test_the_diary_feed_needs_a_valid_link_of_a_delivery_partner(client, careers, partner):
    def status(token):
        return client.get(reverse("programmes:diary_ical", args=[token])).status_code

    assert status("forged") == 404
    assert status(ical.feed_token(careers, "diary")) == 404
    assert status(ical.feed_token(partner, "school:1")) == 404
    assert status(ical.feed_token(partner, "diary")) == 200


def test_the_diary_feed_is_empty_for_another_partners_slots(client, partner, offer, home_area):
    from outreach.accounts.factories import MembershipFactory
    from partners.factories import OrganisationFactory

    svc.slot_create(offer=offer, data=slot_input(days=10))
    other = MembershipFactory(
        organisation=OrganisationFactory(area=home_area, kind="vcse"), role="delivery_partner"
    ).user
    token = ical.feed_token(other, "diary")
    body = client.get(reverse("programmes:diary_ical", args=[token])).content.decode()
    assert "BEGIN:VEVENT" not in body
    assert datetime.date.today()  # the feed answered
