"""`manage.py seed_scale`: synthetic national data whose shapes hold at any size, made the
same way from the same seed, and never mixed into a database with other data unasked."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from outreach.accounts.models import User
from outreach.scale import Plan, summary
from outreach.scale.plan import share_out
from programmes.models import PATHWAY, EngagementEvent, ParticipantStage
from surveys.models import Questionnaire, Response

# Three areas at a two-hundredth of the national volumes: every kind of row, seconds to make.
ARGS = ["--areas", "3", "--fraction", "0.005", "--seed", "11"]


def seed(*args):
    out, err = StringIO(), StringIO()
    call_command("seed_scale", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_national_plan_has_the_countrys_schools_and_a_years_volumes():
    plan = Plan()
    assert (plan.secondary_schools, plan.primary_schools) == (3_500, 20_000)
    assert plan.academic_years == [2022, 2023, 2024]
    assert plan.events[2024] == 100_000
    assert plan.events[2022] < plan.events[2023] < plan.events[2024]
    small = Plan(areas=42, years=2, fraction=0.001)
    # Each area keeps a couple of schools of each phase however small the fraction.
    assert small.secondary_schools == 84
    assert small.academic_years == [2023, 2024]
    with pytest.raises(ValueError, match="fraction"):
        Plan(fraction=0)


def test_shares_add_up_exactly_and_follow_the_weights():
    assert share_out(10, [1, 1, 1]) == [4, 3, 3]
    assert share_out(1, [1, 2, 1], minimum=2) == [2, 2, 2]
    assert sum(share_out(100_000, [0.5, 1.6, 1.1, 0.9])) == 100_000
    assert share_out(300, [1, 2]) == [100, 200]


def _events_per_school():
    """(mean events per target school, mean per other secondary school)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH targets AS (
                SELECT DISTINCT organisation_id AS id FROM programmes_programme_target_schools
            ), per_school AS (
                SELECT o.id, o.id IN (SELECT id FROM targets) AS target, count(e.id) AS n
                FROM partners_organisation o
                LEFT JOIN programmes_engagementevent e ON e.school_id = o.id
                WHERE o.phase IN ('secondary', 'all_through', 'sixteen_plus')
                GROUP BY o.id
            )
            SELECT avg(n) FILTER (WHERE target), avg(n) FILTER (WHERE NOT target)
            FROM per_school
            """
        )
        return cursor.fetchone()


def _match_codes():
    """(match codes given after, how many of them were given before on its pair)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH after AS (
                SELECT DISTINCT q.before_id, r.match_code FROM surveys_response r
                JOIN surveys_questionnaire q ON q.id = r.questionnaire_id
                WHERE q.purpose = 'after' AND r.match_code <> ''
            )
            SELECT count(*), count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM surveys_response b
                WHERE b.questionnaire_id = after.before_id AND b.match_code = after.match_code
            ))
            FROM after
            """
        )
        return cursor.fetchone()


def _mean_agree(purpose):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT avg(op.value::int) FROM surveys_answer a
            JOIN surveys_option op ON op.id = a.option_id
            JOIN surveys_question qu ON qu.id = a.question_id AND qu.kind = 'likert'
            JOIN surveys_response r ON r.id = a.response_id
            JOIN surveys_questionnaire q ON q.id = r.questionnaire_id AND q.purpose = %s
            """,
            [purpose],
        )
        return float(cursor.fetchone()[0])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_seed_scale_makes_believable_data_and_the_same_data_from_the_same_seed():
    out, err = seed(*ARGS, "--checksums")
    first = summary(checksums=True)
    assert "Loaded in" in out
    assert "events" in out
    assert "events and what they reached" in err  # the progress line's steps

    # Events: every academic year and term, growing year on year, spring the busiest.
    years = dict(
        EngagementEvent.objects.values_list("academic_year").annotate(n=Count("pk")).order_by()
    )
    assert sorted(years) == [2022, 2023, 2024]
    assert years[2022] < years[2023] < years[2024]
    terms = dict(EngagementEvent.objects.values_list("term").annotate(n=Count("pk")).order_by())
    assert set(terms) == {"autumn", "spring", "summer"}
    assert terms["spring"] == max(terms.values())
    # Year groups as the kind of school has them: primaries years 5-6 only.
    primary_years = set(
        EngagementEvent.objects.filter(school__phase="primary").values_list(
            "year_groups__year_group__code", flat=True
        )
    ) - {None}
    assert primary_years
    assert primary_years <= {"year-5", "year-6"}

    # Target schools see several times the events of the other secondary schools.
    target_mean, other_mean = _events_per_school()
    assert target_mean > 2 * other_mean, (target_mean, other_mean)

    # Before/after pairs: each after questionnaire has its before, matched respondents
    # answer both, and after answers agree more.
    afters = Questionnaire.objects.filter(purpose="after")
    assert afters.exists()
    assert not afters.filter(before__isnull=True).exists()
    after_codes, matched = _match_codes()
    assert after_codes > 0
    assert matched == after_codes
    befores = Response.objects.filter(questionnaire__purpose="before").count()
    assert Response.objects.filter(questionnaire__purpose="after").count() < befores
    assert _mean_agree("after") > _mean_agree("before") + 0.3

    # Participants through the funnel: fewer at each stage of the pathway.
    reached = [
        ParticipantStage.objects.filter(stage=stage).values("participant").distinct().count()
        for stage in PATHWAY[:6]
    ]
    assert reached[0] > 0
    assert all(a >= b for a, b in zip(reached, reached[1:], strict=False)), reached
    assert reached[0] > reached[-1]

    # Again with the same seed: the old set is replaced by the very same rows.
    seed(*ARGS)
    assert summary(checksums=True) == first


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_seed_scale_refuses_a_database_with_other_data_unless_forced():
    User.objects.create_user(email="someone@nhs.example", password="x-unused-9")
    with pytest.raises(CommandError, match="1 user accounts"):
        seed("--areas", "1", "--fraction", "0.001")
    assert not summary()["ICB areas"][0]
    out, _ = seed("--areas", "1", "--fraction", "0.001", "--years", "1", "--force")
    assert summary()["ICB areas"][0] == 1
    assert User.objects.count() == 1  # beside the other data, which it leaves alone


def test_seed_scale_needs_postgresql(db):
    if connection.vendor == "postgresql":
        pytest.skip("checks the refusal on other databases")
    with pytest.raises(CommandError, match="PostgreSQL"):
        seed("--fraction", "0.001")


class _Terminal(StringIO):
    def isatty(self):
        return True


def test_the_progress_line_redraws_in_place_on_a_terminal_and_logs_steps_otherwise():
    from outreach.scale import Progress

    terminal = _Terminal()
    progress = Progress(200, stream=terminal)
    progress.stage("events")
    progress.advance(100)
    progress.close()
    drawn = terminal.getvalue()
    assert drawn.startswith("\r[")
    assert "100% " in drawn
    assert "events" in drawn
    assert drawn.endswith("\n")
    assert drawn.count("\n") == 1  # one line, redrawn

    log = StringIO()
    progress = Progress(200, stream=log)
    progress.stage("events")
    progress.stage("answers")
    progress.close()
    assert log.getvalue().splitlines() == ["0:00 events…", "0:00 answers…"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_removing_the_set_takes_the_bookings_and_accounts_benchmarks_add_to_it():
    from benchmarks.list_pages import ensure_bookings
    from benchmarks.timing import bench_user
    from outreach.accounts.models import Membership
    from outreach.scale import remove
    from programmes.models import Booking, Programme

    seed("--areas", "1", "--fraction", "0.001", "--years", "1", "--force")
    programme = Programme.objects.first()
    assert ensure_bookings() > 0
    lead = bench_user(
        "bench-lead@example.org", memberships=[(programme.lead_organisation, "workforce_lead")]
    )

    remove()
    assert not summary()["ICB areas"][0]
    assert not Booking.objects.exists()
    assert not Membership.objects.exists()
    assert User.objects.filter(pk=lead.pk).exists()  # the account itself is left alone
