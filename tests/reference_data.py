"""Reference rows the data migrations ship (year groups, goals, activity types, Gatsby
Benchmarks, questionnaire templates). Transactional tests — browser and concurrency tests
— flush the database between tests, which removes them; this loads them again the way
the migrations do."""

from importlib import import_module

from django.apps import apps

LOADERS = [
    ("partners.migrations.0002_reference_data", "load"),
    ("programmes.migrations.0002_reference_data", "load"),
    ("surveys.migrations.0002_templates", "load"),
    ("surveys.migrations.0004_ask_year_group", "ask_year_group_in_workshop_templates"),
]


def ensure_reference_data() -> None:
    from partners.models import YearGroup
    from programmes.models import Goal
    from surveys.models import QuestionnaireTemplate

    if (
        YearGroup.objects.exists()
        and Goal.objects.exists()
        and QuestionnaireTemplate.objects.exists()
    ):
        return
    for module, function in LOADERS:
        getattr(import_module(module), function)(apps, None)
