"""Property tests over the main forms: arbitrary text, unicode, numbers, dates and missing
fields posted through the test client as the role that uses each form. Never a 500;
either a redirect (saved) or the form again with errors, and then nothing was saved.

Field names are read from the form's own page (every input, select and textarea), so a
field added to a form is fuzzed without a change here. Bounded for CI: MAX_EXAMPLES per
form, derandomized, no deadline. The number of generated cases is printed (-s).
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partners.models import Organisation
from programmes.models import Booking, EngagementEvent, Participant, WaitlistEntry
from reporting.models import ReportRun
from surveys.models import Response

MAX_EXAMPLES = 25
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.I)
SKIP = {"csrfmiddlewaretoken"}

VALUES = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", " ", "0", "-1", "1e309", "NaN", "2025-02-30", "31/12/2025", "on"]),
    st.lists(st.text(max_size=10), max_size=3),
)

# Refusals other than the form again with errors: a respondent's post without the
# device's id is a bad request (400); an id outside what the user may pick on the report
# form is a crafted request (403, whether or not the record exists).
REFUSED = {"surveys:respond": 400, "reporting:new": 403}

# route name, persona, the record kind its URL names (or None), models it may create
FORMS = [
    ("surveys:respond", None, "questionnaire", [Response]),
    ("partners:organisation_create", "lead", None, [Organisation]),
    ("partners:organisation_edit", "partner", "organisation", [Organisation]),
    ("programmes:event_create", "partner", "programme", [EngagementEvent]),
    ("programmes:book", "careers", "slot", [Booking, WaitlistEntry]),
    ("programmes:participant_create", "partner", "cohort", [Participant]),
    ("reporting:new", "lead", None, [ReportRun]),
]


def _url(name, kind, world):
    if kind is None:
        return reverse(name)
    if name == "surveys:respond":
        return reverse(name, kwargs={"token": world["questionnaire"].token})
    return reverse(name, kwargs={"pk": world[kind].pk})


def _counts(models):
    return [model.objects.count() for model in models]


@pytest.mark.parametrize(("name", "persona", "kind", "models"), FORMS, ids=[f[0] for f in FORMS])
def test_a_form_never_fails_on_arbitrary_input(
    client, request, home_world, name, persona, kind, models
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    url = _url(name, kind, home_world)
    page = client.get(url)
    assert page.status_code == 200
    fields = sorted(set(FIELD.findall(page.content.decode())) - SKIP)
    assert fields, f"no fields found on {url}"
    cases = 0

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(fields, VALUES)))
    def post(data):
        nonlocal cases
        cases += 1
        cache.clear()  # rate limits are tested on their own
        before = _counts(models)
        answer = client.post(url, data)
        refused = (200, REFUSED.get(name, 200))
        assert answer.status_code in (*refused, 302), (answer.status_code, data)
        if answer.status_code in refused:
            assert _counts(models) == before, data  # refused: nothing half-saved

    post()
    print(f"\nhypothesis: {cases} cases on {name}")
