import datetime

import pytest
from django.core import mail

from outreach import celery_app
from partners.factories import AmbassadorFactory, ContactFactory
from partners.models import Ambassador, RenewalReminder
from partners.reminders import renewal_reminders_send
from partners.tasks import send_renewal_reminders

TODAY = datetime.date(2026, 11, 1)


def test_it_finds_dbs_and_training_due_within_60_days(vcse, settings):
    settings.SAFEGUARDING_TRAINING_VALID_DAYS = 1095
    due_dbs = AmbassadorFactory(organisation=vcse, dbs_renewal_due=TODAY + datetime.timedelta(60))
    AmbassadorFactory(organisation=vcse, dbs_renewal_due=TODAY + datetime.timedelta(61))
    due_training = AmbassadorFactory(
        organisation=vcse,
        safeguarding_trained_on=TODAY + datetime.timedelta(60) - datetime.timedelta(1095),
    )
    overdue = AmbassadorFactory(organisation=vcse, dbs_renewal_due=TODAY - datetime.timedelta(5))
    AmbassadorFactory(organisation=vcse, dbs_renewal_due=TODAY, is_active=False)
    found = set(Ambassador.objects.due_for_renewal(within_days=60, today=TODAY))
    assert found == {due_dbs, due_training, overdue}


def test_the_key_contact_gets_one_email_a_month_however_often_it_runs(vcse, school):
    ContactFactory(organisation=vcse, is_key_contact=True, email="key@vcse.org")
    ContactFactory(organisation=vcse, is_key_contact=False, email="other@vcse.org")
    AmbassadorFactory(organisation=vcse, name="Dee Due", dbs_renewal_due=TODAY)
    AmbassadorFactory(organisation=school, dbs_renewal_due=TODAY)  # no key contact there
    assert renewal_reminders_send(today=TODAY) == 1
    assert renewal_reminders_send(today=TODAY) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["key@vcse.org"]
    assert "Dee Due" in mail.outbox[0].body
    assert RenewalReminder.objects.get().period == "2026-11"
    assert renewal_reminders_send(today=datetime.date(2026, 12, 1)) == 1


def test_a_failed_send_leaves_no_record_so_a_retry_sends_it(vcse, monkeypatch):
    ContactFactory(organisation=vcse, is_key_contact=True, email="key@vcse.org")
    AmbassadorFactory(organisation=vcse, dbs_renewal_due=TODAY)

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("partners.reminders.send_mail", refuse)
    with pytest.raises(OSError, match="mail server down"):
        renewal_reminders_send(today=TODAY)
    assert not RenewalReminder.objects.exists()
    monkeypatch.undo()
    assert renewal_reminders_send(today=TODAY) == 1


def test_the_task_is_scheduled_monthly_and_runs(vcse):
    entry = celery_app.conf.beat_schedule["ambassador-renewal-reminders"]
    assert entry["task"] == send_renewal_reminders.name
    assert entry["schedule"].day_of_month == {1}
    assert send_renewal_reminders.delay().get() == 0
