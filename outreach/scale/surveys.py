"""Before → after questionnaire pairs: one pair per programme, four agree-scale questions
(one per goal) and a yes/no question, answered at the programme's events at secondary
schools.

Every respondent answers before the workshop and three in four again after it; after
answers lean further towards "agree" than before answers, as the seeds' feedback does;
three in five respondents give a match code, so the impact report's matched-respondent
figures have pairs to match.
"""

import datetime
import uuid

from django.utils import timezone

from programmes.models import Goal
from surveys.models import Answer, Option, Question, Questionnaire, Response, Section, Version
from surveys.models.questionnaires import LIKERT_OPTIONS

from .bulk import copy_rows, max_id, new_ids
from .plan import share_out

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
    made = Option.objects.bulk_create(
        Option(question=question, value=v, label=label, position=i)
        for question in questions
        for i, (v, label) in enumerate(
            LIKERT_OPTIONS if question.kind == "likert" else [("yes", "Yes"), ("no", "No")]
        )
    )
    options = {}
    for option in made:
        options.setdefault(option.question_id, []).append(option.pk)
    return questionnaire, version, options


def build_surveys(cursor, rng, plan, areas, answered_at, *, tick=None):
    """Each year's respondents shared out by the areas' weights, then over the area's
    programmes by theirs. Returns (responses, answers)."""
    pairs = {}
    for area in areas:
        for programme in area["programmes"]:
            before = _questionnaire(programme, "before")
            pairs[programme["id"]] = (before, _questionnaire(programme, "after", before=before[0]))
    weights = [a["weight"] for a in areas]
    responses, plans = [], []
    for year, total in plan.respondents.items():
        for area, count in zip(areas, share_out(total, weights), strict=True):
            programmes = [(p, p["weight"]) for p in area["programmes"]]
            for k in range(count):
                programme = _pick(rng, programmes)
                before, after = pairs[programme["id"]]
                events = answered_at.get((programme["id"], year))
                if events:
                    event, day = rng.choice(events)
                else:
                    event = None
                    day = datetime.date(year, 9, 10) + datetime.timedelta(days=rng.randint(0, 290))
                code = f"{year % 100:02d}{k:07d}" if rng.random() < 0.6 else ""
                asked = timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(9, rng.randint(0, 59)))
                )
                sides = [(before, asked, BEFORE)]
                if rng.random() < 0.75:
                    later = asked + datetime.timedelta(hours=1, minutes=rng.randint(0, 120))
                    sides.append((after, later, AFTER))
                for (questionnaire, version, options), when, weights_ in sides:
                    responses.append(
                        (
                            questionnaire.pk,
                            version.pk,
                            event,
                            str(uuid.UUID(int=rng.getrandbits(128))),
                            "kiosk",
                            code,
                            when,
                        )
                    )
                    plans.append((options, weights_))
    start = max_id(cursor, Response)
    columns = ["questionnaire_id", "version_id", "event_id", "client_id", "via", "match_code"]
    copy_rows(cursor, Response, [*columns, "submitted_at"], responses, tick=tick)
    ids = new_ids(cursor, Response, start)
    answers = copy_rows(
        cursor,
        Answer,
        ["response_id", "question_id", "option_id", "text"],
        _answers(rng, ids, plans),
        tick=tick,
    )
    return len(ids), answers


def _pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _answers(rng, ids, plans):
    for pk, (options, weights) in zip(ids, plans, strict=True):
        for question_id, choices in options.items():
            if len(choices) == 5:
                yield pk, question_id, rng.choices(choices, weights=weights)[0], ""
            else:
                yield pk, question_id, choices[0 if rng.random() < 0.55 else 1], ""
