"""Stored script injection: every free-text field of the domain models (found by
introspection) holds a script payload, and no page that shows those records sends it
raw; the escaped form is what appears.

Fields come from the models, not a hand list: a new CharField or TextField on a model the
world builds is filled automatically, and a new model with free text that the world does
not build fails `test_every_model_with_free_text_is_covered`.
"""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from tests.routes import site_routes
from tests.security.routes import KEYED_BY_SECRET, page_kwargs

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>"\''
RAW = ("<script>a", "<img src=x")
ESCAPED = "&lt;script&gt;"
DOMAIN_APPS = ["partners", "programmes", "surveys", "reporting", "accounts"]
# Not free text a person types: identifiers, keys and codes the application makes.
NOT_FREE_TEXT = {
    "token", "reference", "params_key", "claimed_by", "key", "language", "password",
    "last_term", "file_name", "stage", "urn", "postcode", "code", "client_id",
}  # fmt: skip
# Models with free text that the world does not build, and why they need no page test.
NOT_IN_WORLD = {
    "accounts.User": "names shown escaped like any other text; built by the personas",
    "partners.ICBArea": "reference data loaded by administrators",
    "partners.LocalAuthority": "reference data",
    "partners.YearGroup": "reference data",
    "partners.CommunityGroup": "reference data",
    "partners.RenewalReminder": "holds no text a person types",
    "programmes.Goal": "reference data",
    "programmes.TargetGroup": "reference data",
    "programmes.ActivityType": "reference data",
    "programmes.GatsbyBenchmark": "reference data",
    "programmes.ImdPostcode": "reference data",
    "programmes.BookingEmail": "email log, shown on no page",
    "programmes.CheckInReminder": "holds no text a person types",
    "programmes.NamedRecordAccess": "access log, admin only",
    "programmes.EventDemographic": "codes only",
    "programmes.EventYearGroup": "codes only",
    "programmes.EventAmbassador": "codes only",
    "surveys.Version": "numbers only",
    "surveys.Section": "shipped with the questionnaire templates; see Question",
    "surveys.Option": "shipped with the questionnaire templates; see Question",
    "surveys.QuestionnaireTemplate": "shipped templates",
    "surveys.AboutYou": "codes only",
    "surveys.ThemeTag": "links only",
    "reporting.ReportFile": "files, not text",
    "accounts.Membership": "codes only",
}


def free_text_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not isinstance(f, models.SlugField)
        and not f.choices
        and f.name not in NOT_FREE_TEXT
        and not f.primary_key
    ]


def _domain_models():
    for label in DOMAIN_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        yield from config.get_models()


def test_every_model_with_free_text_is_covered(home_world):
    in_world = {type(r)._meta.label for r in home_world.records.values()}
    uncovered = sorted(
        m._meta.label
        for m in _domain_models()
        if free_text_fields(m) and m._meta.label not in in_world | set(NOT_IN_WORLD)
    )
    assert uncovered == [], "models with free text neither built nor exempted"


def _fill(world):
    filled = []
    for record in world.records.values():
        values = {}
        for field in free_text_fields(type(record)):
            limit = field.max_length or len(PAYLOAD)
            values[field.attname] = PAYLOAD[:limit]
            filled.append(f"{type(record).__name__}.{field.name}")
        if values:
            type(record).objects.filter(pk=record.pk).update(**values)
    return filled


def _pages(world):
    for route in site_routes():
        if route.name in KEYED_BY_SECRET and route.name != "surveys:respond":
            continue
        if route.name == "surveys:respond":
            yield route.name, reverse(route.name, kwargs={"token": world["questionnaire"].token})
        elif route.needs_kwargs:
            yield route.name, reverse(route.name, kwargs=page_kwargs(route.name, world))
        else:
            yield route.name, reverse(route.name)


@pytest.mark.parametrize("persona", ["lead", "partner", "careers", "administrator"])
def test_no_page_sends_a_stored_script(client, request, home_world, persona):
    filled = _fill(home_world)
    assert len(filled) > 40
    client.force_login(request.getfixturevalue(persona))
    raw, errors, escaped = [], [], 0
    for name, url in _pages(home_world):
        answer = client.get(url)
        if answer.status_code >= 500:
            errors.append(f"{name}: {answer.status_code}")
        if answer.streaming or "html" not in answer.get("Content-Type", ""):
            continue
        body = answer.content.decode()
        if any(marker in body for marker in RAW):
            raw.append(name)
        escaped += ESCAPED in body
    assert errors == []
    assert raw == [], "pages sending the payload unescaped"
    assert escaped > 5  # the payload was shown (escaped) on the record pages
    print(f"\nstored script: {len(filled)} fields, {escaped} pages showed it as {persona}")
