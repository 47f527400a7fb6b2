import uuid

import factory

from programmes.factories import ProgrammeFactory

from .models import Questionnaire, QuestionnaireTemplate, Version
from .services.building import _load_definition
from .services.collecting import response_submit


def ensure_shipped_templates():
    """Transactional tests (browser, concurrency) flush the rows the data migrations
    shipped; load them again the way the migrations do."""
    if QuestionnaireTemplate.objects.exists():
        return
    from importlib import import_module

    from django.apps import apps

    import_module("surveys.migrations.0002_templates").load(apps, None)
    import_module("surveys.migrations.0004_ask_year_group").ask_year_group_in_workshop_templates(
        apps, None
    )


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    """A questionnaire with version 1 loaded from a shipped template (listening by default;
    template=None for an empty one)."""

    class Meta:
        model = Questionnaire
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Questionnaire {n}")

    @factory.post_generation
    def template(obj, create, extracted, **kwargs):
        if not create:
            return
        version = Version.objects.create(questionnaire=obj, number=1)
        code = "listening" if extracted is None else extracted
        if code:
            ensure_shipped_templates()
            template = QuestionnaireTemplate.objects.get(code=code)
            _load_definition(version, template.definition)
            obj.purpose = template.purpose
            obj.include_about_you = template.include_about_you
            obj.ask_match_code = template.ask_match_code
            obj.ask_year_group = template.ask_year_group
            obj.save(
                update_fields=["purpose", "include_about_you", "ask_match_code", "ask_year_group"]
            )


def answer(questionnaire, client_id=None, **answers):
    """Submit a response: answers as key=value (lists for multiple choice); about_x and
    match_code keys pass through as they are."""
    data = {}
    for key, value in answers.items():
        name = key if key.startswith(("about_", "match_code")) else f"q_{key}"
        data[name] = value
    response, _ = response_submit(
        questionnaire=questionnaire, data=data, client_id=client_id or uuid.uuid4()
    )
    return response
