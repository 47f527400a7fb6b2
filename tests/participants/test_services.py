import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from outreach.accounts.factories import MembershipFactory, UserFactory
from outreach.accounts.roles import Role
from partners.factories import OrganisationFactory
from programmes.factories import CohortFactory, ParticipantFactory
from programmes.models import (
    AccessAction,
    CheckInReminder,
    CheckInStatus,
    ImdPostcode,
    NamedRecordAccess,
    Participant,
    ParticipantIdentity,
    ParticipantStage,
    RetentionCheckIn,
    Stage,
)
from programmes.selectors.cohorts import cohort_dashboard, suppress
from programmes.services import participants as svc

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2025, 12, 31)


def record(participant, stage, day, **kw):
    return svc.stage_record(
        participant=participant, stage=stage, occurred_on=day, today=kw.pop("today", TODAY), **kw
    )


@pytest.fixture
def employer():
    return OrganisationFactory(name="Gloucestershire Hospitals")


def walk_to_started(participant, employer, start=None):
    start = start or D(2025, 3, 3)
    record(participant, Stage.REFERRED, D(2025, 1, 6))
    record(participant, Stage.ENROLLED, D(2025, 1, 13))
    record(participant, Stage.TRAINED, D(2025, 2, 7))
    record(participant, Stage.INTERVIEWED, D(2025, 2, 14))
    record(
        participant,
        Stage.OFFERED,
        D(2025, 2, 17),
        details={"role": "hca", "employer": employer, "band": "2", "contract_type": "permanent"},
    )
    record(participant, Stage.STARTED, start)


# Stage rules --------------------------------------------------------------------------


def test_it_records_stages_in_order_and_tracks_the_furthest():
    p = ParticipantFactory()
    record(p, Stage.REFERRED, D(2025, 1, 6))
    record(p, Stage.ENROLLED, D(2025, 1, 13))
    p.refresh_from_db()
    assert p.furthest_position == 2
    assert p.current_stage == Stage.ENROLLED


def test_a_stage_cannot_be_dated_before_the_one_before_it():
    p = ParticipantFactory()
    record(p, Stage.REFERRED, D(2025, 1, 6))
    with pytest.raises(ValidationError) as exc:
        record(p, Stage.ENROLLED, D(2025, 1, 5))
    assert "Enrolled cannot be dated before referred (6 January 2025)" in str(
        exc.value.message_dict["occurred_on"]
    )
    assert not p.stages.filter(stage=Stage.ENROLLED).exists()


def test_a_start_cannot_be_before_the_offer(employer):
    p = ParticipantFactory()
    walk_to_started(p, employer)
    q = ParticipantFactory(cohort=p.cohort)
    for stage, day in [
        (Stage.REFERRED, D(2025, 1, 6)),
        (Stage.ENROLLED, D(2025, 1, 7)),
        (Stage.TRAINED, D(2025, 1, 8)),
        (Stage.INTERVIEWED, D(2025, 1, 9)),
    ]:
        record(q, stage, day)
    record(q, Stage.OFFERED, D(2025, 3, 1), details={"role": "hca", "employer": employer})
    with pytest.raises(ValidationError) as exc:
        record(q, Stage.STARTED, D(2025, 2, 1))
    assert "Started cannot be dated before offered a job (1 March 2025)" in str(
        exc.value.message_dict["occurred_on"]
    )
    assert not RetentionCheckIn.objects.filter(participant=q).exists()


def test_correcting_a_date_cannot_move_it_after_a_later_stage():
    p = ParticipantFactory()
    record(p, Stage.REFERRED, D(2025, 1, 6))
    record(p, Stage.ENROLLED, D(2025, 1, 13))
    with pytest.raises(ValidationError) as exc:
        record(p, Stage.REFERRED, D(2025, 1, 20))
    assert "occurred_on" in exc.value.message_dict


def test_skipping_a_stage_needs_a_reason_and_records_it():
    p = ParticipantFactory()
    record(p, Stage.REFERRED, D(2025, 1, 6))
    with pytest.raises(ValidationError) as exc:
        record(p, Stage.TRAINED, D(2025, 2, 1))
    assert "Enrolled has not been recorded" in exc.value.message_dict["skip_reason"][0]
    record(p, Stage.TRAINED, D(2025, 2, 1), skip_reason="Joined straight onto the course")
    skipped = p.stages.get(stage=Stage.ENROLLED)
    assert skipped.skipped
    assert skipped.occurred_on is None
    assert skipped.skip_reason == "Joined straight onto the course"


def test_an_offer_names_the_role_and_employer():
    p = ParticipantFactory()
    with pytest.raises(ValidationError) as exc:
        record(p, Stage.OFFERED, D(2025, 2, 1), skip_reason="Direct referral to interview")
    assert set(exc.value.message_dict) == {"role", "employer"}
    assert not ParticipantStage.objects.filter(participant=p).exists()  # nothing partial


def test_dates_cannot_be_in_the_future():
    p = ParticipantFactory()
    with pytest.raises(ValidationError):
        record(p, Stage.REFERRED, D(2026, 1, 1))


def test_leaving_ends_the_pathway_and_needs_a_reason(employer):
    p = ParticipantFactory()
    walk_to_started(p, employer)
    with pytest.raises(ValidationError) as exc:
        record(p, Stage.LEFT, D(2025, 4, 1))
    assert "left_reason" in exc.value.message_dict
    record(p, Stage.LEFT, D(2025, 4, 1), details={"left_reason": "resigned"})
    p.refresh_from_db()
    assert p.left_on == D(2025, 4, 1)
    assert not RetentionCheckIn.objects.filter(participant=p).exists()  # none fell due
    with pytest.raises(ValidationError):
        record(p, Stage.IN_POST_3, D(2025, 6, 3))


# Participants -------------------------------------------------------------------------


def test_an_age_band_outside_the_cohorts_range_is_refused():
    cohort = CohortFactory(min_age=16, max_age=24)
    with pytest.raises(ValidationError) as exc:
        svc.participant_create(
            cohort=cohort,
            data={"age_band": "25-30", "consent_on": D(2025, 1, 6), "consent_version": "v1"},
            identity={"given_name": "Amy"},
        )
    assert "outside this cohort's age range (16 to 24)" in exc.value.message_dict["age_band"][0]
    assert not Participant.objects.exists()
    assert not ParticipantIdentity.objects.exists()


def test_a_duplicate_partner_reference_is_refused():
    cohort = CohortFactory()
    data = {"partner_reference": "PT-1", "consent_on": D(2025, 1, 6), "consent_version": "v1"}
    svc.participant_create(cohort=cohort, data=data)
    with pytest.raises(ValidationError) as exc:
        svc.participant_create(cohort=cohort, data=data)
    assert "PT-1" in exc.value.message_dict["partner_reference"][0]
    assert Participant.objects.count() == 1


def test_it_derives_the_imd_quintile_from_the_postcode_lookup():
    svc.imd_lookup_load(rows=[("gl1 2ab", 1), ("GL52 8AE", 4)])
    p = svc.participant_create(
        cohort=CohortFactory(),
        data={"consent_on": D(2025, 1, 6), "consent_version": "v1"},
        identity={"postcode": "GL1 2AB"},
    )
    assert (p.imd_quintile, p.imd_derived) == ("1", True)
    entered = svc.participant_create(
        cohort=p.cohort,
        data={"imd_quintile": "3", "consent_on": D(2025, 1, 6), "consent_version": "v1"},
        identity={"postcode": "GL1 2AB"},
    )
    assert (entered.imd_quintile, entered.imd_derived) == ("3", False)


def test_a_bad_row_in_the_imd_lookup_changes_nothing():
    svc.imd_lookup_load(rows=[("GL1 2AB", 1)])
    with pytest.raises(ValidationError) as exc:
        svc.imd_lookup_load(rows=[("GL52 8AE", 2), ("GL1 2AB", 9)])
    assert "Row 3" in exc.value.messages[0]
    assert list(ImdPostcode.objects.values_list("postcode", "quintile")) == [("GL1 2AB", 1)]


# Retention scheduling -----------------------------------------------------------------


def test_a_start_schedules_check_ins_at_3_6_and_12_months(employer):
    p = ParticipantFactory()
    walk_to_started(p, employer, start=D(2025, 3, 31))
    assert list(p.check_ins.values_list("months", "due_on", "status")) == [
        (3, D(2025, 6, 30), "due"),
        (6, D(2025, 9, 30), "due"),
        (12, D(2026, 3, 31), "due"),
    ]


def test_reminders_go_once_as_months_pass_even_if_the_task_runs_twice(
    employer, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    staff = UserFactory(email="staff@vcse.example")
    MembershipFactory(
        user=staff, organisation=cohort.delivering_organisation, role=Role.DELIVERY_PARTNER
    )
    p = ParticipantFactory(cohort=cohort)
    walk_to_started(p, employer, start=D(2025, 3, 3))
    # May: nothing due yet.
    assert svc.check_in_reminders_send(today=D(2025, 5, 31)) == 0
    # June: the 3-month check-in is due; a second run (or a restarted worker) sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert svc.check_in_reminders_send(today=D(2025, 6, 3)) == 1
        assert svc.check_in_reminders_send(today=D(2025, 6, 3)) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["staff@vcse.example"]
    assert p.reference in mail.outbox[0].subject
    # Answered in July; September brings the 6-month one.
    three = p.check_ins.get(months=3)
    svc.check_in_answer(
        check_in=three, in_post=True, answered_on=D(2025, 7, 1), today=D(2025, 7, 1)
    )
    assert svc.check_in_reminders_send(today=D(2025, 9, 3)) == 1
    assert CheckInReminder.objects.count() == 2
    p.refresh_from_db()
    assert p.current_stage == Stage.IN_POST_3


def test_answering_no_records_that_they_left(employer):
    p = ParticipantFactory()
    walk_to_started(p, employer)
    three = p.check_ins.get(months=3)
    svc.check_in_answer(
        check_in=three,
        in_post=False,
        answered_on=D(2025, 6, 10),
        left_on=D(2025, 5, 20),
        left_reason="other_job",
        today=D(2025, 6, 10),
    )
    assert p.check_ins.get(months=3).status == CheckInStatus.LEFT
    assert not p.check_ins.filter(months__in=[6, 12]).exists()


def test_a_check_in_cannot_be_answered_before_it_is_due(employer):
    p = ParticipantFactory()
    walk_to_started(p, employer)
    with pytest.raises(ValidationError) as exc:
        svc.check_in_answer(
            check_in=p.check_ins.get(months=3), in_post=True, answered_on=D(2025, 4, 1)
        )
    assert "not due until 3 June 2025" in exc.value.message_dict["answered_on"][0]


# Erasure ------------------------------------------------------------------------------


def test_erasure_blanks_every_personal_field_and_keeps_the_statistics(employer):
    cohort = CohortFactory()
    staff = UserFactory()
    p = svc.participant_create(
        cohort=cohort,
        data={
            "partner_reference": "PT-77",
            "ethnic_group": "black_african",
            "age_band": "18-21",
            "consent_on": D(2025, 1, 6),
            "consent_version": "v2",
        },
        identity={
            "given_name": "Zainab",
            "family_name": "Okafor",
            "email": "zainab@example.com",
            "phone": "07700 900123",
            "postcode": "GL1 2AB",
        },
        user=staff,
    )
    walk_to_started(p, employer)
    svc.identity_view(participant=p, user=staff)
    before = cohort_dashboard(cohort=cohort, named=True)

    svc.participant_erase(participant=p, user=staff)

    identity = ParticipantIdentity.objects.get(participant=p)
    assert all(getattr(identity, f) == "" for f in ParticipantIdentity.PERSONAL_FIELDS)
    p.refresh_from_db()
    assert p.erased_at is not None
    assert p.partner_reference == ""
    assert list(
        NamedRecordAccess.objects.filter(participant=p).values_list("name_seen", flat=True)
    ) == [
        "",
        "",
        "",
    ]
    assert NamedRecordAccess.objects.filter(action=AccessAction.ERASED).count() == 1
    # Nothing of the name survives anywhere in the participant's rows.
    for model in (Participant, ParticipantIdentity, NamedRecordAccess, ParticipantStage):
        for row in model.objects.values():
            assert "Zainab" not in str(row)
            assert "Okafor" not in str(row)
            assert "zainab@" not in str(row)
            assert "900123" not in str(row)
    after = cohort_dashboard(cohort=cohort, named=True)
    assert [r["count"] for r in after.funnel] == [r["count"] for r in before.funnel]
    assert after.headline == before.headline


def test_the_access_log_is_append_only():
    p = ParticipantFactory()
    entry = svc.access_record(participant=p, user=UserFactory(), action=AccessAction.VIEWED)
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


# Suppression --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "named", "shown"),
    [(0, False, "0"), (1, False, "1 to 7"), (7, False, "1 to 7"), (8, False, "8"), (3, True, "3")],
)
def test_counts_from_1_to_7_are_suppressed_outside_the_delivering_organisation(n, named, shown):
    assert str(suppress(n, named=named)) == shown


def test_the_dashboard_suppresses_small_cells_and_their_percentages(employer):
    cohort = CohortFactory()
    for i in range(10):
        p = ParticipantFactory(
            cohort=cohort, ethnic_group="asian_indian" if i < 3 else "white_british"
        )
        record(p, Stage.REFERRED, D(2025, 1, 6))
    outside = cohort_dashboard(cohort=cohort, named=False)
    inside = cohort_dashboard(cohort=cohort, named=True)
    assert str(outside.funnel[0]["count"]) == "10"
    minority_out = outside.headline[0]
    assert minority_out["count"].suppressed
    assert minority_out["percent"] == "–"
    assert inside.headline[0]["count"].value == 3
    assert inside.headline[0]["percent"] == "30%"


def test_the_dashboard_takes_six_queries_whatever_the_size(employer, django_assert_num_queries):
    cohort = CohortFactory(cost=10000, outcome_value=56200)
    p = ParticipantFactory(cohort=cohort)
    walk_to_started(p, employer)
    with django_assert_num_queries(6):
        small = cohort_dashboard(cohort=cohort, named=False)
    for _ in range(25):
        q = ParticipantFactory(cohort=cohort, ethnic_group="black_caribbean")
        walk_to_started(q, employer)
    with django_assert_num_queries(6):
        big = cohort_dashboard(cohort=cohort, named=False)
    assert small.total == 1
    assert big.total == 26
    assert str(big.funnel[5]["count"]) == "26"
    assert big.value["per_pound"] == Decimal("5.62")
    assert big.value["per_participant"] == Decimal("384.62")


def test_beat_sends_check_in_reminders_daily_through_an_idempotent_task(
    employer, django_capture_on_commit_callbacks, monkeypatch
):
    from django.utils import timezone

    from outreach import celery_app
    from programmes.tasks_participants import send_check_in_reminders

    entry = celery_app.conf.beat_schedule["participant-check-in-reminders"]
    assert entry["task"] == "programmes.send_check_in_reminders"
    assert "programmes.send_check_in_reminders" in celery_app.tasks
    cohort = CohortFactory()
    MembershipFactory(
        user=UserFactory(email="team@vcse.example"),
        organisation=cohort.delivering_organisation,
        role=Role.DELIVERY_PARTNER,
    )
    walk_to_started(ParticipantFactory(cohort=cohort), employer)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2025, 6, 4))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_check_in_reminders.delay().get() == 1
        assert send_check_in_reminders.delay().get() == 0  # the beat ran twice
    assert len(mail.outbox) == 1


def test_retention_hides_its_share_when_those_who_left_are_few(employer):
    cohort = CohortFactory()
    people = [ParticipantFactory(cohort=cohort) for _ in range(10)]
    for p in people:
        walk_to_started(p, employer)
    for i, p in enumerate(people):
        svc.check_in_answer(
            check_in=p.check_ins.get(months=3),
            in_post=i >= 2,
            answered_on=D(2025, 6, 5),
            left_reason="resigned",
            today=D(2025, 6, 5),
        )
    three = cohort_dashboard(cohort=cohort, named=False).retention[0]
    assert (str(three["in_post"]), str(three["left"]), three["percent"]) == ("8", "1 to 7", "–")
    assert cohort_dashboard(cohort=cohort, named=True).retention[0]["percent"] == "80%"


def test_a_single_hidden_role_takes_the_next_smallest_with_it_outside_the_organisation(
    cohort, employer_org
):
    # 10 healthcare assistants and 2 porters: with 12 offers on the page, showing the 10
    # would give the 2 away, so both are hidden, and the care roles together with them.
    for role in ["hca"] * 10 + ["porter"] * 2:
        p = ParticipantFactory(cohort=cohort)
        svc.stage_record(
            participant=p,
            stage="offered",
            occurred_on=datetime.date(2025, 2, 1),
            skip_reason="Direct referral",
            details={"role": role, "employer": employer_org},
        )
    outside = cohort_dashboard(cohort=cohort, named=False)
    shown = {row["label"]: str(row["count"]) for row in outside.roles}
    assert shown == {"Healthcare assistant": "not shown", "Porter": "1 to 7"}
    assert str(outside.care_roles["count"]) == "not shown"
    inside = cohort_dashboard(cohort=cohort, named=True)
    assert {row["label"]: str(row["count"]) for row in inside.roles} == {
        "Healthcare assistant": "10",
        "Porter": "2",
    }
