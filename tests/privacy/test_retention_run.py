"""The run as a whole: once a day, the dry run predicts it exactly and changes nothing,
and what it did is recorded."""

import pytest
from axes.models import AccessLog
from django.core.exceptions import ValidationError

from outreach.accounts.factories import UserFactory
from outreach.audit.models import AuditEntry
from outreach.privacy import services
from outreach.privacy.models import Kind, RetentionRun, RunStatus
from outreach.privacy.selectors import rule_for
from outreach.privacy.tasks import apply_retention as retention_task
from partners.factories import ContactFactory
from partners.models import Contact
from programmes.factories import ParticipantFactory
from programmes.models import ParticipantIdentity
from reporting.factories import ReportRunFactory
from reporting.models import ReportRun
from surveys.factories import QuestionnaireFactory
from surveys.models import Answer, Response

from .conftest import NOW, at, make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_data(travel):
    """Something due under every rule, and something kept."""
    questionnaire = QuestionnaireFactory()
    with travel(at(2019, 1, 1)):
        AuditEntry.objects.create(kind="event", action="ancient")
        make_response(questionnaire)
        ParticipantFactory()
        ContactFactory(name="Old Contact")
        UserFactory(email="idle@example.org")
        ReportRunFactory()
        AccessLog.objects.create(username="x@example.org", user_agent="t", http_accept="*/*")
    make_response(questionnaire, text="recent words")


def _snapshot():
    return {
        "answers_with_words": Answer.objects.exclude(text="").count(),
        "identities": ParticipantIdentity.objects.count(),
        "contacts": Contact.objects.exclude(name="Former contact").count(),
        "runs": ReportRun.objects.count(),
        "audit_before_2020": AuditEntry.objects.filter(at__lt=at(2020, 1, 1)).count(),
        "sign_ins": AccessLog.objects.count(),
        "active_users": UserFactory._meta.model.objects.filter(is_active=True).count(),
        "responses": Response.objects.count(),
    }


def test_the_dry_run_removes_nothing_and_predicts_exactly_what_the_run_removes(old_data, travel):
    with travel(NOW):
        before = _snapshot()
        forecast = services.apply_retention(dry_run=True)
        assert _snapshot() == before
        assert not RetentionRun.objects.exists()
        run = services.apply_retention()
    predicted = {kind: item["count"] for kind, item in forecast.counts.items()}
    done = {kind: item["count"] for kind, item in run.counts.items()}
    assert predicted == done
    assert all(done[kind] >= 1 for kind in Kind.values), done
    assert forecast.counts["responses"]["oldest"] == "2019-01-01"


def test_a_second_run_the_same_day_does_nothing(old_data, travel):
    with travel(NOW):
        first = services.apply_retention()
        after_first = _snapshot()
        events = AuditEntry.objects.filter(action="retention_run").count()
        second = services.apply_retention()
    assert second.pk == first.pk
    assert second.counts == first.counts
    assert _snapshot() == after_first
    assert AuditEntry.objects.filter(action="retention_run").count() == events == 1


def test_the_next_day_finds_nothing_left_to_do(old_data, travel):
    with travel(NOW):
        services.apply_retention()
    with travel(at(2026, 6, 16)):
        forecast = services.apply_retention(dry_run=True)
        run = services.apply_retention()
    assert {item["count"] for item in forecast.counts.values()} == {0}
    assert run.total == 0


def test_the_run_records_its_counts_and_an_audit_event(old_data, travel):
    with travel(NOW):
        result = retention_task.delay().get()
    run = RetentionRun.objects.get()
    assert result == {"run_on": "2026-06-15", "status": RunStatus.DONE, "total": run.total}
    event = AuditEntry.objects.get(action="retention_run")
    assert event.data["counts"] == {kind: item["count"] for kind, item in run.counts.items()}
    assert event.source == "task"


def test_a_failed_run_is_resumed_by_the_retry(old_data, travel, monkeypatch):
    from outreach.privacy import kinds

    broken = kinds.HANDLERS[Kind.CONTACTS]

    def explode(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setitem(kinds.HANDLERS, Kind.CONTACTS, broken.__class__(broken.due, explode))
    with travel(NOW), pytest.raises(RuntimeError):
        services.apply_retention()
    assert RetentionRun.objects.get().status == RunStatus.FAILED
    monkeypatch.setitem(kinds.HANDLERS, Kind.CONTACTS, broken)
    with travel(NOW):
        run = services.apply_retention()
    assert run.status == RunStatus.DONE
    assert run.counts["contacts"]["count"] == 1
    assert run.counts["responses"]["count"] == 1


@pytest.mark.parametrize(
    ("kind", "period", "unit", "action", "field"),
    [
        (Kind.RESPONSES, 0, "months", "anonymise", "period"),
        (Kind.REPORT_FILES, 0, "days", "delete", "period"),
        (Kind.AUDIT, 30, "days", "delete", "period"),
        (Kind.ACCOUNTS, 1, "months", "anonymise", "period"),
        (Kind.RESPONSES, 20, "years", "anonymise", "period"),
        (Kind.IDENTITIES, 12, "months", "anonymise", "action"),
        (Kind.SIGN_INS, 30, "weeks", "delete", "unit"),
    ],
)
def test_periods_that_would_wipe_live_data_or_make_no_sense_are_refused(
    administrator, kind, period, unit, action, field
):
    with pytest.raises(ValidationError) as refused:
        services.retention_rule_update(
            kind=kind, period=period, unit=unit, action=action, user=administrator
        )
    assert field in refused.value.message_dict
    assert rule_for(kind).label in {"24 months", "30 days", "6 years", "12 months"}


def test_changing_the_report_period_moves_every_runs_keep_until(administrator, travel):
    with travel(NOW):
        run = ReportRunFactory()
        services.retention_rule_update(
            kind=Kind.REPORT_FILES, period=7, unit="days", action="delete", user=administrator
        )
    run.refresh_from_db()
    assert (run.expires_at - run.created_at).days == 7
    assert AuditEntry.objects.filter(action="retention_rule_change").exists()
