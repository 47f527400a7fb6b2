"""Before → after questionnaire pairs for benchmarks/national_data.py: one pair per
programme, four agree-scale questions (one per goal) and a yes/no question, so
200,000 responses give 1,000,000 answers.

After answers lean further towards "agree" than before answers, as the seeds' feedback
does; three in five respondents give a match code on both sides, so the impact report's
matched-respondent figures have pairs to match.
"""

import datetime
import uuid

from django.utils import timezone

from programmes.models import Goal
from surveys.models import Answer, Option, Question, Questionnaire, Response, Section, Version
from surveys.models.questionnaires import LIKERT_OPTIONS

from ._bulk import copy_rows, max_id, new_ids

# Likert weights for "1" (strongly disagree) to "5" (strongly agree).
BEFORE = [8, 17, 35, 28, 12]
AFTER = [4, 9, 25, 38, 24]
STATEMENTS = {
    "awareness": "I know about jobs in health and care",
    "aspiration": "I could see myself working in health and care",
    "access": "I know how to get into a health or care job",
    "achievement": "I feel confident I could do well in a health or care job",
}


def _questionnaire(programme, purpose, before=None):
    questionnaire = Questionnaire.objects.create(
        programme_id=programme["id"],
        title=f"{programme['name']}: {purpose} the workshop",
        purpose=purpose,
        ask_match_code=True,
        before=before,
    )
    version = Version.objects.create(questionnaire=questionnaire, number=1)
    section = Section.objects.create(version=version, title="About health and care jobs")
    questions = [
        Question(
            version=version,
            section=section,
            key=goal.code,
            kind="likert",
            text=STATEMENTS.get(goal.code, goal.name),
            goal=goal,
            position=i,
        )
        for i, goal in enumerate(Goal.objects.order_by("position"))
    ]
    questions.append(
        Question(
            version=version,
            section=section,
            key="consider",
            kind="yes_no",
            text="Would you consider a job in health and care?",
            position=len(questions),
        )
    )
    Question.objects.bulk_create(questions)
    options = {}
    for question in questions:
        choices = LIKERT_OPTIONS if question.kind == "likert" else [("yes", "Yes"), ("no", "No")]
        made = Option.objects.bulk_create(
            Option(question=question, value=v, label=label, position=i)
            for i, (v, label) in enumerate(choices)
        )
        options[question.pk] = [o.pk for o in made]
    return questionnaire, version, options


def build_surveys(cursor, rng, areas, total_responses: int) -> tuple[int, int]:
    """A pair per programme; responses shared out by the areas' weights."""
    weights = sum(a["weight"] for a in areas)
    respondents = total_responses // 2  # each answers before and after
    responses, plans, made = [], [], 0
    for index, area in enumerate(areas):
        count = round(respondents * area["weight"] / weights)
        if index == len(areas) - 1:
            count = respondents - made
        made += count
        pairs = []
        for programme in area["programmes"]:
            before = _questionnaire(programme, "before")
            after = _questionnaire(programme, "after", before=before[0])
            pairs.append((before, after))
        for k in range(count):
            before, after = pairs[k % len(pairs)]
            code = f"{before[0].pk:04d}{k:06d}" if k % 5 < 3 else ""
            year = 2023 if rng.random() < 0.5 else 2024
            day = datetime.date(year, 9, 10) + datetime.timedelta(days=rng.randint(0, 290))
            asked = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
            later = asked + datetime.timedelta(days=rng.randint(1, 20), minutes=k % 300)
            for side, when, weights_ in ((before, asked, BEFORE), (after, later, AFTER)):
                questionnaire, version, options = side
                responses.append(
                    (
                        questionnaire.pk,
                        version.pk,
                        str(uuid.UUID(int=rng.getrandbits(128))),
                        "kiosk",
                        code,
                        when,
                    )
                )
                plans.append((options, weights_))
    start = max_id(cursor, Response)
    copy_rows(
        cursor,
        Response,
        ["questionnaire_id", "version_id", "client_id", "via", "match_code", "submitted_at"],
        responses,
    )
    ids = new_ids(cursor, Response, start)
    answers = copy_rows(
        cursor,
        Answer,
        ["response_id", "question_id", "option_id", "text"],
        _answers(rng, ids, plans),
    )
    return len(ids), answers


def _answers(rng, ids, plans):
    for pk, (options, weights) in zip(ids, plans, strict=True):
        for question_id, choices in options.items():
            if len(choices) == 5:
                yield pk, question_id, rng.choices(choices, weights=weights)[0], ""
            else:
                yield pk, question_id, choices[0 if rng.random() < 0.55 else 1], ""
