import datetime
import re

import pytest
from django.urls import reverse

from programmes.factories import EventFactory
from programmes.ical import feed_token
from tests.conftest import PERSONAS

from .test_pages_access import REST, SEES_ALL


def test_the_month_shows_up_to_four_events_a_day_and_links_the_rest(
    client, lead, programme, django_assert_max_num_queries
):
    day = datetime.date(2024, 10, 15)
    EventFactory(programme=programme, date=day, title="First")
    client.force_login(lead)
    url = reverse("programmes:calendar")
    with django_assert_max_num_queries(12) as few:
        client.get(url, {"month": "2024-10"})
    EventFactory.create_batch(6, programme=programme, date=day)
    EventFactory.create_batch(20, programme=programme, date=datetime.date(2024, 10, 3))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"month": "2024-10"})
    cell = next(d for week in response.context["weeks"] for d in week if d["date"] == day)
    assert len(cell["events"]) == 4
    assert cell["more"] == 3
    assert response.context["total"] == 27
    assert "3 more" in response.content.decode()
    assert response.context["previous"] == datetime.date(2024, 9, 1)


def test_the_calendar_is_scoped_and_filtered(client, partner, programme, vcse, icb, school):
    EventFactory(programme=programme, title="Ours", delivering_organisations=[vcse])
    EventFactory(programme=programme, title="Not ours", delivering_organisations=[icb])
    client.force_login(partner)
    page = client.get(reverse("programmes:calendar"), {"month": "2024-10"}).content.decode()
    assert "Ours" in page
    assert "Not ours" not in page
    page = client.get(
        reverse("programmes:calendar"), {"month": "2024-10", "school": "nowhere"}
    ).content.decode()
    assert "Ours" not in page


def test_a_bad_month_falls_back_to_this_month(client, lead):
    client.force_login(lead)
    response = client.get(reverse("programmes:calendar"), {"month": "13-2024"})
    assert response.status_code == 200


def feed_link(page: str, path: str) -> str:
    match = re.search(rf'href="http://testserver({re.escape(path)}\?token=[^"]+)"', page)
    assert match, path
    return match.group(1)


def test_a_careers_lead_subscribes_to_their_schools_feed(client, careers, programme, school):
    EventFactory(
        programme=programme,
        school=school,
        title="Health careers, Year 8",
        start_time=datetime.time(9, 30),
        end_time=datetime.time(10, 30),
    )
    EventFactory(programme=programme, title="Elsewhere")
    client.force_login(careers)
    page = client.get(reverse("programmes:calendar")).content.decode()
    link = feed_link(page, reverse("programmes:school_ical", args=[school.pk]))
    client.logout()
    response = client.get(link)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "SUMMARY:Health careers\\, Year 8" in body
    assert "DTSTART:20241015T083000Z" in body  # 09:30 British Summer Time
    assert "DTEND:20241015T093000Z" in body
    assert "LOCATION:Cleeve School" in body
    assert "Elsewhere" not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_a_programme_feed_shows_what_its_subscriber_may_see(client, partner, programme, vcse, icb):
    EventFactory(programme=programme, title="Ours", delivering_organisations=[vcse])
    EventFactory(programme=programme, title="Not ours", delivering_organisations=[icb])
    token = feed_token(partner, f"programme:{programme.pk}")
    url = reverse("programmes:programme_ical", args=[programme.pk])
    body = client.get(url, {"token": token}).content.decode()
    assert "SUMMARY:Ours" in body
    assert "Not ours" not in body
    assert "DTSTART;VALUE=DATE:20241015" in body


def test_feed_links_are_refused_when_forged_reused_or_retired(
    client, partner, lead, programme, other_programme
):
    url = reverse("programmes:programme_ical", args=[programme.pk])
    assert client.get(url).status_code == 404  # no session, no token
    assert client.get(url, {"token": "forged"}).status_code == 404
    other = feed_token(partner, f"programme:{other_programme.pk}")
    assert client.get(url, {"token": other}).status_code == 404  # made for another feed
    token = feed_token(partner, f"programme:{programme.pk}")
    assert client.get(url, {"token": token}).status_code == 200
    partner.set_password("a brand new password")
    partner.save()
    assert client.get(url, {"token": token}).status_code == 404
    # Another area's programme is not in the outsider-like scope of the lead's token.
    outside = reverse("programmes:programme_ical", args=[other_programme.pk])
    stranger = feed_token(lead, f"programme:{other_programme.pk}")
    assert client.get(outside, {"token": stranger}).status_code == 404


@pytest.mark.parametrize("persona", [None, *PERSONAS], ids=lambda p: p or "anonymous")
def test_each_role_gets_the_right_answer_from_the_feeds(
    client, request, programme, school, persona
):
    EventFactory(programme=programme, school=school)
    user = request.getfixturevalue(persona) if persona else None
    if user:
        client.force_login(user)
    programme_status = client.get(
        reverse("programmes:programme_ical", args=[programme.pk])
    ).status_code
    school_status = client.get(reverse("programmes:school_ical", args=[school.pk])).status_code
    expected = {**SEES_ALL, **REST, None: 404, "no_role": 404}[persona]
    assert programme_status == expected
    # The school is in the directory every home-area persona browses.
    assert school_status == {**SEES_ALL, **REST, None: 404, "no_role": 404}[persona]
