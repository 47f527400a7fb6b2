"""Before/after questionnaires of a workshop offer: the confirmation carries the "before"
link; recording attendance sends the careers lead the "after" link for the event, once."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from partners.models import Organisation
from programmes.factories import ProgrammeFactory, activity_type, goal
from programmes.forms.bookings import OfferForm
from programmes.models import BookingEmail, Programme
from programmes.services import bookings as svc
from surveys.factories import QuestionnaireFactory

from .conftest import request_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://outreach.example"


def _book(slot, school, year9, careers, capture):
    with capture(execute=True):
        return svc.booking_create(
            user=careers, slot=slot, request=request_for(school, year9, 12)
        ).booking


def _deliver(booking, partner, capture, attended=11):
    after = timezone.make_aware(datetime.datetime.combine(booking.slot.date, datetime.time(12)))
    with capture(execute=True):
        return svc.booking_deliver(user=partner, booking=booking, attended=attended, now=after)


def _link(questionnaire):
    return f"https://outreach.example/questionnaires/q/{questionnaire.token}/"


def test_the_confirmation_carries_the_before_link_when_the_offer_has_one(
    offer, slot, school, year9, careers, django_capture_on_commit_callbacks
):
    before = QuestionnaireFactory(programme=offer.programme, template=None)
    svc.offer_update(offer=offer, before_questionnaire=before)
    _book(slot, school, year9, careers, django_capture_on_commit_callbacks)
    body = mail.outbox[0].body
    assert "Your booking is confirmed." in body
    assert f"{_link(before)}\n" in body
    assert "?at=" not in body


def test_the_confirmation_has_no_questionnaire_link_without_one_or_when_it_is_closed(
    offer, slot, school, year9, careers, make_school, django_capture_on_commit_callbacks
):
    _book(slot, school, year9, careers, django_capture_on_commit_callbacks)
    assert "questionnaire" not in mail.outbox[0].body
    closed = QuestionnaireFactory(
        programme=offer.programme,
        template=None,
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    svc.offer_update(offer=offer, before_questionnaire=closed)
    _book(slot, make_school(), year9, None, django_capture_on_commit_callbacks)
    assert closed.token not in mail.outbox[1].body


def test_recording_attendance_sends_the_careers_lead_the_after_link_once(
    offer, slot, school, year9, careers, partner, django_capture_on_commit_callbacks
):
    after = QuestionnaireFactory(programme=offer.programme, template=None)
    svc.offer_update(offer=offer, after_questionnaire=after)
    booking = _book(slot, school, year9, careers, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    booking = _deliver(booking, partner, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["careers@example.org"]
    assert message.subject.startswith("After the workshop: a questionnaire for")
    assert f"{_link(after)}?at={booking.event_id}\n" in message.body
    assert "11 students attended" in message.body
    _deliver(booking, partner, django_capture_on_commit_callbacks, attended=10)
    assert len(mail.outbox) == 1
    assert BookingEmail.objects.filter(kind="after_questionnaire", booking=booking).count() == 1


def test_a_repeated_task_sends_the_after_link_only_once(
    offer, slot, school, year9, careers, partner, django_capture_on_commit_callbacks
):
    from programmes.tasks import send_booking_email

    svc.offer_update(
        offer=offer,
        after_questionnaire=QuestionnaireFactory(programme=offer.programme, template=None),
    )
    booking = _book(slot, school, year9, careers, django_capture_on_commit_callbacks)
    booking = _deliver(booking, partner, django_capture_on_commit_callbacks)
    assert send_booking_email("after_questionnaire", booking_id=booking.pk) is False
    assert [m.subject.startswith("After") for m in mail.outbox] == [False, True]


def test_attendance_sends_nothing_when_the_offer_has_no_after_questionnaire(
    slot, school, year9, careers, partner, django_capture_on_commit_callbacks
):
    booking = _book(slot, school, year9, careers, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    _deliver(booking, partner, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_questionnaires_must_be_of_the_offers_programme(offer, icb):
    elsewhere = QuestionnaireFactory(
        programme=ProgrammeFactory(area=icb.area, lead_organisation=icb), template=None
    )
    with pytest.raises(ValidationError) as error:
        svc.offer_update(offer=offer, before_questionnaire=elsewhere)
    assert "before_questionnaire" in error.value.message_dict
    offer.refresh_from_db()
    assert offer.before_questionnaire is None


def test_with_both_the_after_questionnaire_is_the_one_paired_with_the_before(offer):
    before = QuestionnaireFactory(programme=offer.programme, template=None)
    unpaired = QuestionnaireFactory(programme=offer.programme, template=None)
    paired = QuestionnaireFactory(programme=offer.programme, template=None, before=before)
    with pytest.raises(ValidationError, match="is not paired with"):
        svc.offer_update(offer=offer, before_questionnaire=before, after_questionnaire=unpaired)
    svc.offer_update(offer=offer, before_questionnaire=before, after_questionnaire=paired)
    offer.refresh_from_db()
    assert (offer.before_questionnaire, offer.after_questionnaire) == (before, paired)
    # Either alone needs no pairing.
    svc.offer_update(offer=offer, before_questionnaire=None, after_questionnaire=unpaired)


def _offer_data(programme, partner, **extra):
    return {
        "programme": programme.pk,
        "partner": partner.pk,
        "title": "Nursing taster",
        "description": "Students try basic care skills.",
        "goals": [goal("aspiration").pk],
        "activity_type": activity_type("workshop").pk,
        "year_groups": [],
        "duration_minutes": 60,
        "format": "in_school",
        "max_students": 30,
        "offer_hold_hours": 48,
        **extra,
    }


def test_the_offer_form_refuses_a_questionnaire_of_another_programme(
    programme, vcse, icb, lead, year9
):
    other = ProgrammeFactory(area=icb.area, lead_organisation=icb)
    elsewhere = QuestionnaireFactory(programme=other, template=None)
    own = QuestionnaireFactory(programme=programme, template=None)
    programmes = Programme.objects.filter(pk__in=[programme.pk, other.pk])
    data = _offer_data(programme, vcse, year_groups=[year9.pk])
    form = OfferForm(
        {**data, "before_questionnaire": elsewhere.pk},
        programmes=programmes,
        partners=Organisation.objects.filter(pk=vcse.pk),
        user=lead,
    )
    assert not form.is_valid()
    assert form.errors["before_questionnaire"] == [f"Choose a questionnaire of {programme}."]
    form = OfferForm(
        {**data, "before_questionnaire": own.pk},
        programmes=programmes,
        partners=Organisation.objects.filter(pk=vcse.pk),
        user=lead,
    )
    assert form.is_valid(), form.errors
    assert form.fields["before_questionnaire"].label == (
        "Questionnaire before the workshop (optional)"
    )


def test_the_offer_form_lists_only_the_programmes_questionnaires_the_user_may_see(
    offer, lead, outsider, other_area, vcse
):
    own = QuestionnaireFactory(programme=offer.programme, template=None)
    QuestionnaireFactory(programme=ProgrammeFactory(area=other_area), template=None)
    QuestionnaireFactory(programme=ProgrammeFactory(area=offer.programme.area), template=None)
    partners = Organisation.objects.filter(pk=vcse.pk)
    form = OfferForm(
        instance=offer, programmes=Programme.objects.all(), partners=partners, user=lead
    )
    assert list(form.fields["after_questionnaire"].queryset) == [own]
    form = OfferForm(
        instance=offer, programmes=Programme.objects.all(), partners=partners, user=outsider
    )
    assert list(form.fields["after_questionnaire"].queryset) == []
