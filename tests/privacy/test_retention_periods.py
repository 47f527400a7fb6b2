"""Each rule's boundary, with time frozen: a day inside the period is kept, a day past
it is anonymised or deleted. The run is on NOW (15 June 2026); the rules are the seeded
defaults."""

import datetime

import pytest
from axes.models import AccessLog
from django.contrib.auth import get_user_model

from outreach.accounts.factories import MembershipFactory, UserFactory
from outreach.accounts.roles import Role
from outreach.audit.models import AuditEntry
from outreach.privacy.kinds import ANONYMISED_CONTACT
from outreach.privacy.services import apply_retention
from partners.factories import ContactFactory
from programmes.factories import ParticipantFactory
from programmes.models import ParticipantIdentity, ParticipantStage
from reporting.factories import ReportRunFactory
from reporting.models import ReportRun, RunStatus
from surveys.factories import QuestionnaireFactory
from surveys.models import Answer, Response

from .conftest import NOW, at, make_response

pytestmark = pytest.mark.django_db


def test_responses_lose_their_words_and_matching_key_after_24_months(travel):
    questionnaire = QuestionnaireFactory()
    with travel(at(2024, 6, 14)):
        old = make_response(questionnaire)
    with travel(at(2024, 6, 16)):
        recent = make_response(questionnaire)
    with travel(NOW):
        run = apply_retention()
    assert run.counts["responses"]["count"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.match_code == ""
    assert recent.match_code == "AB12"
    assert list(old.answers.values_list("text", "number").order_by("pk")) == [("", None), ("", 4)]
    assert recent.answers.filter(text="I want to be a nurse").exists()
    # The response and its chosen answers stay, as statistics.
    assert Response.objects.count() == 2
    assert Answer.objects.count() == 4


def test_identities_go_12_months_after_the_last_activity(travel):
    with travel(at(2025, 6, 14)):
        idle = ParticipantFactory(partner_reference="IDLE-1")
    with travel(at(2025, 6, 16)):
        recent = ParticipantFactory()
    with travel(at(2024, 1, 10)):
        long_ago_but_active = ParticipantFactory(cohort=idle.cohort)
    with travel(at(2025, 6, 20)):
        ParticipantStage.objects.create(
            participant=long_ago_but_active,
            stage="referred",
            occurred_on=datetime.date(2024, 1, 10),
        )
    with travel(NOW):
        run = apply_retention()
    assert run.counts["identities"]["count"] == 1
    assert not ParticipantIdentity.objects.filter(participant=idle).exists()
    assert ParticipantIdentity.objects.filter(participant=recent).exists()
    assert ParticipantIdentity.objects.filter(participant=long_ago_but_active).exists()
    idle.refresh_from_db()
    assert idle.erased_at is not None
    assert idle.partner_reference == ""
    assert not AuditEntry.objects.filter(object_repr__contains="IDLE-1").exists()
    assert "IDLE-1" not in str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert idle.reference.startswith("P-")


def test_contacts_not_key_are_anonymised_24_months_after_their_last_change(travel):
    with travel(at(2024, 6, 14)):
        stale = ContactFactory(name="Pat Stale", email="pat@example.org")
        key = ContactFactory(name="Kim Key", is_key_contact=True)
    with travel(at(2024, 6, 16)):
        recent = ContactFactory(name="Robin Recent")
    with travel(NOW):
        run = apply_retention()
    assert run.counts["contacts"]["count"] == 1
    for contact in (stale, key, recent):
        contact.refresh_from_db()
    assert (stale.name, stale.email, stale.phone) == (ANONYMISED_CONTACT, "", "")
    assert key.name == "Kim Key"
    assert recent.name == "Robin Recent"


def test_report_runs_and_files_go_after_30_days(travel):
    with travel(at(2026, 5, 15)):
        old = ReportRunFactory()
    with travel(at(2026, 5, 17)):
        recent = ReportRunFactory()
    with travel(at(2026, 5, 1)):
        in_flight = ReportRunFactory(status=RunStatus.RUNNING)
    with travel(NOW):
        run = apply_retention()
    assert run.counts["report_files"]["count"] == 1
    assert set(ReportRun.objects.values_list("pk", flat=True)) == {recent.pk, in_flight.pk}
    assert old.pk not in ReportRun.objects.values_list("pk", flat=True)


def test_audit_entries_go_after_6_years(on_the_day):
    old = AuditEntry.objects.create(at=at(2020, 6, 14), kind="event", action="old")
    kept = AuditEntry.objects.create(at=at(2020, 6, 16), kind="event", action="kept")
    run = apply_retention()
    assert run.counts["audit"]["count"] == 1
    remaining = set(AuditEntry.objects.values_list("pk", flat=True))
    assert kept.pk in remaining
    assert old.pk not in remaining


def _sign_in(username):
    return AccessLog.objects.create(
        username=username, ip_address="192.0.2.1", user_agent="test", http_accept="*/*"
    )


def test_sign_in_records_go_after_30_days(travel):
    with travel(at(2026, 5, 15)):
        old = _sign_in("old@example.org")
    with travel(at(2026, 5, 17)):
        recent = _sign_in("recent@example.org")
    with travel(NOW):
        run = apply_retention()
    assert run.counts["sign_ins"]["count"] == 1
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk


def test_accounts_unused_for_24_months_are_deactivated_and_anonymised(travel, administrator):
    with travel(at(2024, 6, 14)):
        never = UserFactory(email="never@example.org", full_name="Never Signed In")
    stale = UserFactory(email="stale@example.org", full_name="Sam Stale")
    stale.last_login = at(2024, 6, 14)
    stale.save()
    recent = UserFactory(email="recent@example.org")
    recent.last_login = at(2024, 6, 16)
    recent.save()
    with travel(NOW):
        run = apply_retention()
    assert run.counts["accounts"]["count"] == 2
    for user in (never, stale, recent, administrator):
        user.refresh_from_db()
    assert not stale.is_active
    assert stale.full_name == ""
    assert "stale" not in stale.email
    assert not never.is_active
    assert not never.has_usable_password()
    assert recent.is_active
    assert recent.email == "recent@example.org"
    assert administrator.is_active  # joined today


def test_the_last_active_administrator_is_never_deactivated(travel):
    with travel(at(2020, 1, 1)):
        only_admin = MembershipFactory(role=Role.ADMINISTRATOR).user
    with travel(NOW):
        run = apply_retention()
    only_admin.refresh_from_db()
    assert only_admin.is_active
    assert run.counts["accounts"]["count"] == 0


def test_of_two_stale_administrators_the_more_recent_one_stays(travel):
    older = MembershipFactory(role=Role.ADMINISTRATOR).user
    newer = MembershipFactory(role=Role.ADMINISTRATOR).user
    get_user_model().objects.filter(pk=older.pk).update(last_login=at(2023, 1, 1))
    get_user_model().objects.filter(pk=newer.pk).update(last_login=at(2023, 2, 1))
    with travel(NOW):
        apply_retention()
    older.refresh_from_db()
    newer.refresh_from_db()
    assert not older.is_active
    assert newer.is_active
