"""Demo questionnaires: a listening exercise at an Employability Day (about 40 answers,
themes coded, as in seed 000) and a before/after workshop pair across three school
workshops (as in seed 001). Responses go through the same service as real ones, with
client ids derived from their number, so running the seed again adds nothing."""

import datetime
import random
import uuid

from outreach.accounts.models import User
from partners.models import Organisation
from programmes import academic_year
from programmes.models import ActivityType, EngagementEvent, Goal, PartnerRole, Programme

from . import services
from .models import Answer, Questionnaire, QuestionnaireTemplate, Theme, ThemeTag

PROGRAMME = "We Want You"
LEAD = "One Gloucestershire ICS workforce team"
PARTNER = "Gloucestershire Hospitals NHS Foundation Trust"
NAMESPACE = uuid.UUID("6f1c1a52-0b7e-4c55-9d0e-6a9d2f0f0006")

# Free-text answers and the themes staff coded them with (seed 000's themes).
WHY = [
    ("I want to help people when they are ill", ["Interested in working"]),
    ("I'd like someone to show me what the job is really like", ["Mentoring and coaching"]),
    ("I never see NHS jobs on the apps I use", ["Where jobs are advertised"]),
    ("My mum is a nurse and she loves it", ["Interested in working"]),
    ("A mentor would help me know where to start", ["Mentoring and coaching"]),
    ("Jobs should be on TikTok and Instagram", ["Where jobs are advertised"]),
    ("Being a paramedic looks exciting, I want to do that", ["Interested in working"]),
    ("I want to be paid while I learn, with someone to guide me", ["Mentoring and coaching"]),
    ("Where are the jobs even advertised?", ["Where jobs are advertised"]),
    (
        "Youth Healthwatch sounds good, how do I join",
        ["Youth Healthwatch", "Interested in working"],
    ),
]
THEMES = sorted({theme for _, themes in WHY for theme in themes})
COMMENTS = [
    "More stands like this please",
    "I didn't know there were so many jobs",
    "Can you come to our school?",
    "<b>Loved</b> the talk",
]


def _programme():
    lead = Organisation.objects.get(name=LEAD)
    programme, _ = Programme.objects.get_or_create(
        name=PROGRAMME,
        area=lead.area,
        defaults={
            "lead_organisation": lead,
            "starts_on": datetime.date(2025, 9, 1),
            "description": "Co-designed health and care careers workshops for Years 8 and 9.",
        },
    )
    programme.partners.get_or_create(organisation=lead, role=PartnerRole.LEAD)
    partner = Organisation.objects.filter(name=PARTNER).first()
    if partner:
        programme.partners.get_or_create(organisation=partner, role=PartnerRole.DELIVERY)
    return programme


def _event(programme, title, day, activity, school=None, setting="", participants=60):
    event, created = EngagementEvent.objects.get_or_create(
        programme=programme,
        title=title,
        defaults={
            "activity_type": ActivityType.objects.get(code=activity),
            "date": day,
            "academic_year": academic_year.academic_year_of(day),
            "term": academic_year.term_of(day),
            "school": school,
            "setting_name": setting,
            "participants": participants,
        },
    )
    if created:
        event.goals.set(Goal.objects.filter(code__in=["awareness", "aspiration"]))
        event.delivering_organisations.set([programme.lead_organisation])
    return event


def _questionnaire(programme, code, title, event=None, before=None):
    existing = Questionnaire.objects.filter(programme=programme, title=title).first()
    if existing:
        return existing
    creator = User.objects.get(email="lead@outreach.example")
    questionnaire = services.questionnaire_create(
        user=creator,
        programme=programme,
        title=title,
        template=QuestionnaireTemplate.objects.get(code=code),
        event=event,
    )
    if before is not None:
        services.questionnaire_update(questionnaire=questionnaire, before=before)
    return questionnaire


def _submit(questionnaire, name, n, data, at=None):
    response, _ = services.response_submit(
        questionnaire=questionnaire,
        data=data,
        client_id=uuid.uuid5(NAMESPACE, f"{name}:{n}"),
        via="kiosk",
        at=at,
    )
    return response


def _listening(programme, rng):
    event = _event(
        programme,
        "Employability Day stand",
        # This academic year, so last year's figures stay those of seed 001.
        datetime.date(2026, 10, 10),
        "careers-fair",
        setting="Gloucester Guildhall",
        participants=220,
    )
    questionnaire = _questionnaire(
        programme, "listening", "Employability Day: what do you think?", event=event
    )
    for n in range(40):
        considered = "yes" if rng.random() < 0.6 else "no"
        data = {
            "q_consent": "yes",
            "q_considered": considered,
            "q_roles_known": rng.sample(
                ["doctor", "nurse", "paramedic", "care_worker", "physio", "admin"],
                rng.randint(1, 4),
            ),
            "q_stoppers": rng.sample(
                ["grades", "dont_know", "pay", "hours", "not_for_me"], rng.randint(1, 2)
            ),
            "q_advice_from": rng.sample(
                ["school", "family", "social", "websites"], rng.randint(1, 2)
            ),
            "q_vacancies_from": rng.sample(
                ["indeed", "social", "word_of_mouth", "jobcentre", "nhs_jobs"], rng.randint(1, 2)
            ),
            "about_age_band": rng.choice(["13_15", "13_15", "16_18", "16_18", "19_24"]),
            "about_year_group": rng.choice(["9", "10", "11", "12"]),
            "about_gender": rng.choice(
                ["girl_woman", "boy_man", "girl_woman", "boy_man", "prefer_not"]
            ),
            "about_ethnic_group": rng.choice(
                [
                    "black_african",
                    "black_caribbean",
                    "white_british",
                    "asian_pakistani",
                    "mixed_white_black_caribbean",
                ]
            ),
            "about_first_language_english": rng.choice(["yes", "yes", "no"]),
        }
        if considered == "yes":
            data["q_why_interested"] = WHY[n % len(WHY)][0]
        if n % 5 == 0:
            data["q_anything_else"] = COMMENTS[n // 5 % len(COMMENTS)]
        _submit(questionnaire, "listening", n, data)
    themes = {
        name: Theme.objects.get_or_create(questionnaire=questionnaire, name=name)[0]
        for name in THEMES
    }
    for answer in Answer.objects.filter(
        response__questionnaire=questionnaire, question__key="why_interested"
    ):
        coded = dict(WHY).get(answer.text, [])
        for name in coded:
            ThemeTag.objects.get_or_create(theme=themes[name], answer=answer)
    return questionnaire.responses.count()


GOAL_KEYS = ("know_jobs", "see_myself", "work_experience", "subjects")


def _scores(rng, base):
    return {f"q_{key}": str(min(5, max(1, base + rng.choice([-1, 0, 0, 1])))) for key in GOAL_KEYS}


def _after(rng, before_scores):
    """After the workshop most move up a point or two; some stay where they were."""
    return {
        name: str(min(5, max(1, int(score) + rng.choice([0, 1, 1, 1, 2, -1]))))
        for name, score in before_scores.items()
    }


def _workshops(programme, rng):
    schools = list(Organisation.objects.filter(name__in=["Cleeve School", "Pittville School"]))
    if not schools:
        return 0
    events = []
    for school, year, day in [
        (schools[0], 8, datetime.date(2025, 11, 5)),
        (schools[-1], 9, datetime.date(2025, 11, 19)),
        (schools[0], 9, datetime.date(2026, 1, 21)),
    ]:
        # Workshops the programmes demo already logged at that school that year, where
        # it did: the questionnaires belong to those events and nothing counts twice.
        logged = (
            EngagementEvent.objects.filter(
                programme=programme,
                school=school,
                academic_year=academic_year.academic_year_of(day),
            )
            .exclude(pk__in=[event.pk for event in events])
            .order_by("date")
            .first()
        )
        events.append(
            logged
            or _event(
                programme,
                f"We Want You workshop, {school.name}, Year {year}",
                day,
                "workshop",
                school=school,
                participants=90,
            )
        )
    before = _questionnaire(programme, "workshop-before", "We Want You workshop: before")
    after = _questionnaire(
        programme, "workshop-after", "We Want You workshop: after", before=before
    )
    for e_index, event in enumerate(events):
        for n in range(25):
            code = f"WW{e_index}{n:02d}" if n % 3 else ""
            scores = _scores(rng, rng.choice([2, 3, 3]))
            year = {"about_year_group": "8" if e_index == 0 else "9"}
            before_data = {"q_consent": "yes", "match_code": code, **year, **scores}
            _submit(before, "before", f"{e_index}:{n}", before_data, at=event.pk)
            if n < 23:
                after_data = {"q_consent": "yes", "match_code": code, **year, **_after(rng, scores)}
                if n % 4 == 0:
                    after_data["q_best_part"] = rng.choice(
                        [
                            "Trying the defibrillator",
                            "Talking to a real paramedic",
                            "Finding out about apprenticeships",
                        ]
                    )
                _submit(after, "after", f"{e_index}:{n}", after_data, at=event.pk)
    return before.responses.count() + after.responses.count()


def seed(out):
    rng = random.Random(6)
    programme = _programme()
    listening = _listening(programme, rng)
    workshops = _workshops(programme, rng)
    out.write(
        f"Questionnaires: listening exercise with {listening} responses; "
        f"before/after workshop pair with {workshops} responses."
    )
