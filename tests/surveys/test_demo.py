import io

from django.core.management import call_command

from surveys.models import Questionnaire, ThemeTag
from surveys.selectors import goal_comparison


def test_the_demo_has_a_listening_exercise_and_a_before_after_pair(db):
    call_command("seed_demo", stdout=io.StringIO())
    listening = Questionnaire.objects.get(title="Employability Day: what do you think?")
    assert listening.responses.count() == 40
    assert ThemeTag.objects.filter(theme__questionnaire=listening).count() > 10
    after = Questionnaire.objects.get(title="We Want You workshop: after")
    assert after.responses.values("event").distinct().count() == 3
    rows = goal_comparison(after)
    assert len(rows) == 4
    assert all(row["matched"]["pairs"] >= 5 for row in rows)
    call_command("seed_demo", stdout=io.StringIO())
    assert listening.responses.count() == 40
