"""Starting points shipped as data (issue 6): a listening exercise like seed 000, a
before/after workshop pair measuring each of the four goals, event feedback and
careers-lead feedback. Staff copy one to start a questionnaire."""

from django.db import migrations

CONSENT = {
    "key": "consent",
    "kind": "consent",
    "text": "Are you happy to answer these questions?",
    "help": "Your answers are anonymous. You can stop at any time.",
    "required": True,
}
GOAL_STATEMENTS = [
    ("know_jobs", "awareness", "I know what jobs there are in health and care"),
    ("see_myself", "aspiration", "I could see myself working in health and care"),
    ("work_experience", "access", "I know how to get work experience"),
    ("subjects", "achievement", "I know which subjects I need"),
]


def _goal_questions():
    return [
        {
            "key": key,
            "kind": "likert",
            "text": text,
            "help": "Choose the answer closest to what you think.",
            "required": True,
            "goal": goal,
        }
        for key, goal, text in GOAL_STATEMENTS
    ]


LISTENING = {
    "sections": [
        {"title": "Before you start", "questions": [CONSENT]},
        {
            "title": "Jobs in health and care",
            "questions": [
                {
                    "key": "roles_known",
                    "kind": "multiple",
                    "text": "Which health and care jobs have you heard of?",
                    "help": "Choose all that apply.",
                    "options": [
                        ["doctor", "Doctor"],
                        ["nurse", "Nurse"],
                        ["paramedic", "Paramedic"],
                        ["care_worker", "Care worker"],
                        ["physio", "Physiotherapist"],
                        ["admin", "Office and admin jobs"],
                        ["estates", "Building, catering and cleaning jobs"],
                    ],
                    "allow_other": True,
                    "goal": "awareness",
                },
                {
                    "key": "considered",
                    "kind": "yes_no",
                    "text": "Have you ever thought about working in health and care?",
                    "required": True,
                    "goal": "aspiration",
                },
                {
                    "key": "why_interested",
                    "kind": "long_text",
                    "text": "What makes you interested?",
                    "help": "Please do not write your name or anyone else's.",
                    "show_if": ["considered", "yes"],
                },
                {
                    "key": "stoppers",
                    "kind": "multiple",
                    "text": "What might stop you?",
                    "help": "Choose all that apply.",
                    "options": [
                        ["grades", "I don't think I would get the right grades"],
                        ["dont_know", "I don't know what jobs there are"],
                        ["pay", "The pay"],
                        ["hours", "The hours"],
                        ["not_for_me", "It's not for people like me"],
                        ["nothing", "Nothing would stop me"],
                    ],
                    "allow_other": True,
                    "goal": "achievement",
                },
            ],
        },
        {
            "title": "Careers advice and jobs",
            "questions": [
                {
                    "key": "advice_from",
                    "kind": "multiple",
                    "text": "Where do you look for careers advice?",
                    "help": "Choose all that apply.",
                    "options": [
                        ["school", "School or college"],
                        ["family", "Family and friends"],
                        ["social", "Social media"],
                        ["websites", "Websites"],
                        ["youth", "Youth clubs or community groups"],
                    ],
                    "allow_other": True,
                    "goal": "access",
                },
                {
                    "key": "vacancies_from",
                    "kind": "multiple",
                    "text": "Where do you look for job adverts?",
                    "help": "Choose all that apply.",
                    "options": [
                        ["indeed", "Job websites like Indeed"],
                        ["nhs_jobs", "NHS Jobs"],
                        ["social", "Social media"],
                        ["word_of_mouth", "People I know"],
                        ["jobcentre", "Jobcentre"],
                    ],
                    "allow_other": True,
                    "goal": "access",
                },
                {
                    "key": "anything_else",
                    "kind": "long_text",
                    "text": "Is there anything else you want to tell us?",
                    "help": "Please do not write your name or anyone else's.",
                },
            ],
        },
    ]
}

BEFORE = {
    "sections": [
        {"title": "Before you start", "questions": [CONSENT]},
        {"title": "What you think now", "questions": _goal_questions()},
    ]
}
AFTER = {
    "sections": [
        {"title": "Before you start", "questions": [CONSENT]},
        {"title": "What you think now", "questions": _goal_questions()},
        {
            "title": "The workshop",
            "questions": [
                {
                    "key": "best_part",
                    "kind": "long_text",
                    "text": "What was the best part of the workshop?",
                    "help": "Please do not write your name or anyone else's.",
                },
            ],
        },
    ]
}
EVENT_FEEDBACK = {
    "sections": [
        {
            "title": "Your feedback",
            "questions": [
                {
                    "key": "rating",
                    "kind": "single",
                    "text": "How good was the event?",
                    "required": True,
                    "options": [
                        ["5", "Very good"],
                        ["4", "Good"],
                        ["3", "OK"],
                        ["2", "Poor"],
                        ["1", "Very poor"],
                    ],
                },
                {
                    "key": "learned",
                    "kind": "likert",
                    "text": "I learned something new about jobs in health and care",
                    "goal": "awareness",
                },
                {
                    "key": "improve",
                    "kind": "long_text",
                    "text": "How could we make it better?",
                    "help": "Please do not write your name or anyone else's.",
                },
            ],
        }
    ]
}
CAREERS_LEAD = {
    "sections": [
        {
            "title": "Your feedback",
            "questions": [
                {
                    "key": "met_needs",
                    "kind": "likert",
                    "text": "The activity met the needs of our students",
                    "required": True,
                },
                {
                    "key": "gatsby",
                    "kind": "multiple",
                    "text": "Which Gatsby Benchmarks did it help you meet?",
                    "options": [
                        ["5", "5. Encounters with employers and employees"],
                        ["6", "6. Experiences of workplaces"],
                        ["2", "2. Learning from career and labour market information"],
                        ["4", "4. Linking curriculum learning to careers"],
                    ],
                },
                {
                    "key": "book_again",
                    "kind": "yes_no",
                    "text": "Would you book this activity again?",
                    "required": True,
                },
                {"key": "comments", "kind": "long_text", "text": "Any other comments?"},
            ],
        }
    ]
}

TEMPLATES = [
    (
        "listening",
        "Listening exercise: careers in health and care",
        "Like the BLMK Employability Day survey: what young people know of health and care "
        "jobs, whether they have thought about them, what might stop them and where they "
        "look for advice and job adverts.",
        "listening",
        True,
        False,
        LISTENING,
    ),
    (
        "workshop-before",
        "Workshop: before",
        "Four statements, one per goal, answered at the start of a workshop.",
        "before",
        False,
        True,
        BEFORE,
    ),
    (
        "workshop-after",
        "Workshop: after",
        "The same four statements at the end, to measure change per goal.",
        "after",
        False,
        True,
        AFTER,
    ),
    (
        "event-feedback",
        "Event feedback",
        "A short rating and comments from people who came.",
        "event_feedback",
        False,
        False,
        EVENT_FEEDBACK,
    ),
    (
        "careers-lead-feedback",
        "Careers lead feedback",
        "Feedback from a school's careers lead after an activity.",
        "careers_lead_feedback",
        False,
        False,
        CAREERS_LEAD,
    ),
]


def load(apps, schema_editor):
    Template = apps.get_model("surveys", "QuestionnaireTemplate")
    for position, (code, name, description, purpose, about, match, definition) in enumerate(
        TEMPLATES
    ):
        Template.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "purpose": purpose,
                "include_about_you": about,
                "ask_match_code": match,
                "definition": definition,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
