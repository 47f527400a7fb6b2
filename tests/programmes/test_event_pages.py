"""Logging an event through the page: defaults, "log another like this", and errors
beside the fields with nothing saved."""

import datetime
import re

import pytest
from django.urls import reverse

from partners.models import YearGroup
from programmes.factories import activity_type, goal
from programmes.models import EngagementEvent


def post_data(programme, **overrides):
    data = {
        "activity_type": activity_type("workshop").pk,
        "title": "Careers in health, Year 8",
        "date_day": "15",
        "date_month": "10",
        "date_year": "2024",
        "delivery_mode": "in_person",
        "school": programme.target_schools.first().pk,
        "delivering_organisations": [programme.partners.get(role="delivery").organisation_id],
        "goals": [goal("aspiration").pk],
        "participants": "60",
        "year_groups": [YearGroup.objects.get(code="year-8").pk],
        "yg_year-8": "60",
        "save": "1",
    }
    data.update(overrides)
    return data


def test_a_partner_logs_an_event_with_year_group_counts(client, partner, programme, vcse):
    client.force_login(partner)
    response = client.post(
        reverse("programmes:event_create", args=[programme.pk]), post_data(programme)
    )
    event = EngagementEvent.objects.get()
    assert response["Location"] == reverse("programmes:event", args=[event.pk])
    assert list(event.delivering_organisations.all()) == [vcse]
    assert event.year_groups.get().participants == 60
    page = client.get(response["Location"]).content.decode()
    assert "Event logged: Careers in health, Year 8" in page
    assert "Log another like this" in page


def test_log_another_like_this_starts_from_the_last_event(client, partner, programme, school):
    client.force_login(partner)
    url = reverse("programmes:event_create", args=[programme.pk])
    response = client.post(url, post_data(programme, another="1"))
    event = EngagementEvent.objects.get()
    assert response["Location"] == f"{url}?like={event.pk}"
    form = client.get(response["Location"]).context["form"]
    assert form.initial["school"] == school.pk
    assert form.initial["date"] == datetime.date(2024, 10, 15)
    assert form.initial["title"] == "Careers in health, Year 8"
    assert "participants" not in form.initial


def test_the_form_starts_with_the_partners_organisation_and_the_programmes_goals(
    client, partner, programme, vcse
):
    programme.goals.set([goal("awareness"), goal("aspiration")])
    client.force_login(partner)
    form = client.get(reverse("programmes:event_create", args=[programme.pk])).context["form"]
    assert form.initial["delivering_organisations"] == [vcse.pk]
    assert set(form.initial["goals"]) == {goal("awareness").pk, goal("aspiration").pk}
    assert form.initial["delivery_mode"] == "in_person"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"participants": "70"},
            "The year-group numbers add up to 60, but the total number of participants is 70.",
        ),
        ({"participants": "-4", "yg_year-8": ""}, "The number of participants must be 0 or more."),
        ({"date_year": "2026"}, "The date must be within the programme"),
        ({"participants": "lots"}, "Enter a whole number, like 30."),
        ({"demo_gender_female": "90"}, "The gender numbers add up to 90, more than the 60"),
        (
            {"activity_type": "webinar", "school": "", "delivery_mode": "online"},
            "A webinar does not usually serve Aspiration. Say why this one did",
        ),
    ],
)
def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    client, partner, programme, overrides, message
):
    client.force_login(partner)
    if "activity_type" in overrides:
        overrides["activity_type"] = activity_type(overrides["activity_type"]).pk
    response = client.post(
        reverse("programmes:event_create", args=[programme.pk]), post_data(programme, **overrides)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "<title>Error: " in page
    assert page.count(message) >= 2, "in the summary and beside the field"
    assert re.search(r'class="nhsuk-error-message"', page)
    assert EngagementEvent.objects.count() == 0


def test_a_partner_cannot_log_for_a_programme_they_only_fund(client, partner, programme, vcse):
    data = post_data(programme)
    programme.partners.filter(organisation=vcse).update(role="funding")
    client.force_login(partner)
    url = reverse("programmes:event_create", args=[programme.pk])
    assert client.post(url, data).status_code == 403
    assert EngagementEvent.objects.count() == 0


def test_a_partner_choosing_a_programme_with_one_option_goes_straight_to_the_form(
    client, partner, programme
):
    client.force_login(partner)
    response = client.get(reverse("programmes:event_start"))
    assert response["Location"] == reverse("programmes:event_create", args=[programme.pk])


def test_an_event_is_changed_and_deleted(client, lead, programme):
    client.force_login(lead)
    client.post(reverse("programmes:event_create", args=[programme.pk]), post_data(programme))
    event = EngagementEvent.objects.get()
    edit = reverse("programmes:event_edit", args=[event.pk])
    form = client.get(edit).context["form"]
    assert form.initial["yg_year-8"] == 60
    response = client.post(edit, post_data(programme, participants="61", **{"yg_year-8": "61"}))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.participants == 61
    client.post(reverse("programmes:event_delete", args=[event.pk]))
    assert not EngagementEvent.objects.exists()


def test_quotes_are_added_with_an_attribution(client, lead, programme):
    client.force_login(lead)
    client.post(reverse("programmes:event_create", args=[programme.pk]), post_data(programme))
    event = EngagementEvent.objects.get()
    url = reverse("programmes:quote_add", args=[event.pk])
    client.post(url, {"text": "So useful", "attribution": ""})
    assert not event.quotes.exists()
    client.post(url, {"text": "So useful", "attribution": "Careers Lead, a school in Cheltenham"})
    page = client.get(reverse("programmes:event", args=[event.pk])).content.decode()
    assert "Careers Lead, a school in Cheltenham" in page
