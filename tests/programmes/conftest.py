"""Programme fixtures built on the shared personas (tests/conftest.py).

programme        shared, in tests/conftest.py
other_programme  in other_area, led by `other_icb`
"""

import pytest

from programmes.factories import ProgrammeFactory
from programmes.models import Goal


@pytest.fixture
def goals(db):
    return {goal.code: goal for goal in Goal.objects.all()}


@pytest.fixture
def other_programme(other_icb):
    return ProgrammeFactory(name="Kent Careers", area=other_icb.area, lead_organisation=other_icb)
