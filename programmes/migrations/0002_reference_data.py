"""Reference lists from the seeds: the four goals and target groups (002 and 004),
activity types with the goals they usually serve, and the eight Gatsby Benchmarks.
Administrators edit them in the Django admin afterwards."""

from django.db import migrations

GOALS = [
    (
        "awareness",
        "Awareness",
        "Improve perceptions, knowledge and understanding of potential opportunities in "
        "health and care.",
    ),
    (
        "aspiration",
        "Aspiration",
        "Encourage young people to recognise their potential and set ambitious aims, "
        "including specific efforts to inspire disadvantaged and under-represented groups "
        "of young people.",
    ),
    (
        "access",
        "Access",
        "Expand access to work-related experiences and opportunities that support the "
        "progression of young people to further education and training.",
    ),
    (
        "achievement",
        "Achievement",
        "Support young people to increase their academic attainment and reach personal "
        "goals through education, training and preparation for a successful working life.",
    ),
]

TARGET_GROUPS = [
    ("teachers-careers-advisers", "Teachers and careers advisers", "influencers"),
    ("employers", "Employers", "influencers"),
    ("community-groups", "Community groups", "influencers"),
    ("primary-years-7-9", "Primary and Years 7 to 9", "age"),
    ("years-10-11", "Years 10 and 11", "age"),
    ("years-11-13", "Years 11 to 13", "age"),
    ("children-in-care", "Children in care", "under_represented"),
    ("care-leavers", "Care leavers", "under_represented"),
    ("neet-risk", "Young people at risk of NEET", "under_represented"),
    ("young-carers", "Young carers and people with caring responsibilities", "under_represented"),
    ("aged-16-21", "16 to 21 year olds", "under_represented"),
    ("males", "Boys and young men", "under_represented"),
    ("ethnic-minority", "Black, Asian and minority ethnic groups", "under_represented"),
    ("black-heritage", "People of Black, Caribbean or African heritage", "under_represented"),
    ("migrants-refugees", "Migrants, refugees and asylum seekers", "under_represented"),
    ("deaf", "Deaf and hard of hearing people", "under_represented"),
    ("neurodivergent", "Neurodivergent people", "under_represented"),
    ("disabled", "Disabled people", "under_represented"),
    (
        "adults-literacy",
        "Older adults with numeracy and literacy difficulties",
        "under_represented",
    ),
    ("mental-health", "Young people with mental health needs", "under_represented"),
    (
        "criminal-justice",
        "Young people in contact with the criminal justice system",
        "under_represented",
    ),
]

A, S, C, H = "awareness", "aspiration", "access", "achievement"
ACTIVITY_TYPES = [
    ("workshop", "Workshop", [A, S]),
    ("talk", "Talk", [A, S]),
    ("careers-fair", "Careers fair", [A, S]),
    ("event-stand", "Stand at an event", [A]),
    ("taster-day", "Taster day", [S, C]),
    ("work-experience", "Work experience", [C, H]),
    ("job-shadowing", "Job shadowing", [C, H]),
    ("mentoring", "Mentoring", [S, C, H]),
    ("after-school-club", "After-school club", [S, C]),
    ("visit-tour", "Visit or tour", [S, C]),
    ("open-day", "Open day", [A, C]),
    ("webinar", "Webinar", [A]),
    ("network-event", "Network event", [A]),
    ("partnership-meeting", "Partnership meeting", [A]),
    ("pre-employment-course", "Pre-employment course", [C, H]),
    ("competition", "Competition", [A, S]),
    ("other", "Other", [A, S, C, H]),
]

GATSBY = [
    (1, "A stable careers programme", "Every school and college has an embedded programme "
     "of careers education and guidance that is known and understood by students, parents, "
     "teachers and employers."),
    (2, "Learning from career and labour market information", "Every student, and their "
     "parents, have access to good-quality information about future study options and "
     "labour market opportunities."),
    (3, "Addressing the needs of each student", "Students have different career guidance "
     "needs at different stages; opportunities are tailored to the needs of each student."),
    (4, "Linking curriculum learning to careers", "All teachers link curriculum learning "
     "with careers, for example STEM teachers highlighting the relevance of STEM subjects."),
    (5, "Encounters with employers and employees", "Every student has multiple "
     "opportunities to learn from employers about work, employment and the skills valued "
     "in the workplace."),
    (6, "Experiences of workplaces", "Every student has first-hand experience of the "
     "workplace through work visits, work shadowing or work experience."),
    (7, "Encounters with further and higher education", "All students understand the full "
     "range of learning opportunities available to them, academic and vocational."),
    (8, "Personal guidance", "Every student has opportunities for guidance interviews with "
     "a careers adviser, at the right time for them."),
]


def load(apps, schema_editor):
    Goal = apps.get_model("programmes", "Goal")
    TargetGroup = apps.get_model("programmes", "TargetGroup")
    ActivityType = apps.get_model("programmes", "ActivityType")
    GatsbyBenchmark = apps.get_model("programmes", "GatsbyBenchmark")
    goals = {}
    for position, (code, name, description) in enumerate(GOALS):
        goals[code], _ = Goal.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "position": position}
        )
    for position, (code, name, category) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.update_or_create(
            code=code, defaults={"name": name, "category": category, "position": position}
        )
    for position, (code, name, served) in enumerate(ACTIVITY_TYPES):
        activity, _ = ActivityType.objects.update_or_create(
            code=code, defaults={"name": name, "position": position}
        )
        activity.goals.set([goals[c] for c in served])
    for number, name, description in GATSBY:
        GatsbyBenchmark.objects.update_or_create(
            number=number, defaults={"name": name, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
