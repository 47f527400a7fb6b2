import pytest

from tests.security.world import build_world


@pytest.fixture
def other_world(other_area):
    return build_world(other_area)


@pytest.fixture
def home_world(home_area, icb, vcse, school, lead, partner):
    return build_world(home_area, icb=icb, vcse=vcse, school=school, lead=lead, partner=partner)
