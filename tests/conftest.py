"""Shared fixtures: one persona per role in one area, and an outsider in another.

lead        workforce lead of area "home_area"
partner     delivery partner at a VCSE organisation in home_area
careers     careers lead at a school in home_area
administrator
outsider    workforce lead of "other_area"
no_role     signed-up but not yet linked to any organisation
programme   in home_area, led by `icb`; `vcse` delivers; `school` is a target school
            (folders with programmes of their own shape define their own)
"""

import datetime

import pytest

from outreach import celery_app
from outreach.accounts.factories import PASSWORD, MembershipFactory, UserFactory
from outreach.accounts.roles import Role
from partners.factories import ICBAreaFactory, OrganisationFactory, SchoolFactory
from partners.models import OrganisationKind
from programmes.factories import ProgrammeFactory, ProgrammePartnerFactory
from programmes.models import PartnerRole


@pytest.fixture(autouse=True)
def _tasks_run_in_process(request):
    """Tasks run eagerly in tests unless a test asks for the real broker."""
    if request.node.get_closest_marker("redis"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def home_area(db):
    return ICBAreaFactory(name="NHS Gloucestershire ICB")


@pytest.fixture
def other_area(db):
    return ICBAreaFactory(name="NHS Kent and Medway ICB")


@pytest.fixture
def icb(home_area):
    return OrganisationFactory(
        name="Gloucestershire ICB team", kind=OrganisationKind.ICB, area=home_area
    )


@pytest.fixture
def vcse(home_area):
    return OrganisationFactory(name="Reach Out VCSE", kind=OrganisationKind.VCSE, area=home_area)


@pytest.fixture
def school(home_area):
    return SchoolFactory(name="Cleeve School", area=home_area)


@pytest.fixture
def other_icb(other_area):
    return OrganisationFactory(name="Kent ICB team", kind=OrganisationKind.ICB, area=other_area)


@pytest.fixture
def other_school(other_area):
    return SchoolFactory(name="Dover Grammar", area=other_area)


def _member(email, role, organisation):
    return MembershipFactory(
        user=UserFactory(email=email), organisation=organisation, role=role
    ).user


@pytest.fixture
def lead(icb):
    return _member("lead@example.org", Role.WORKFORCE_LEAD, icb)


@pytest.fixture
def partner(vcse):
    return _member("partner@example.org", Role.DELIVERY_PARTNER, vcse)


@pytest.fixture
def careers(school):
    return _member("careers@example.org", Role.CAREERS_LEAD, school)


@pytest.fixture
def administrator(icb):
    return _member("admin@example.org", Role.ADMINISTRATOR, icb)


@pytest.fixture
def outsider(other_icb):
    return _member("outsider@example.org", Role.WORKFORCE_LEAD, other_icb)


@pytest.fixture
def no_role(db):
    return UserFactory(email="newcomer@example.org")


PERSONAS = ["lead", "partner", "careers", "administrator", "outsider", "no_role"]


@pytest.fixture
def personas(request):
    """All personas by name, for matrix tests."""
    return {name: request.getfixturevalue(name) for name in PERSONAS}


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    has_redis = bool(settings.REDIS_URL)
    for item in items:
        if item.get_closest_marker("postgres") and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL (CI does)"))
        if item.get_closest_marker("redis") and not has_redis:
            item.add_marker(
                pytest.mark.skip(reason="needs a Redis broker: set REDIS_URL (CI does)")
            )


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests start from a flushed database: put the shipped reference rows
    back before the test's own fixtures use them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        from tests.reference_data import ensure_reference_data

        request.getfixturevalue("transactional_db")
        ensure_reference_data()


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    # Rate-limit counters live in the cache; CI's Redis would carry them across tests
    # (and runs), so each test gets an empty in-process cache.
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.3 s a user; tests check behaviour, not hash strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _force_login_counts_as_two_factor(request, monkeypatch):
    """force_login'd sessions of users who need two-factor count as verified (see
    tests/two_factor.py); tests of two-factor itself mark themselves real_two_factor."""
    if request.node.get_closest_marker("real_two_factor"):
        return
    from django.test.client import ClientMixin

    from tests.two_factor import mark_session_verified

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        mark_session_verified(self, user)

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


@pytest.fixture
def programme(icb, vcse, school):
    programme = ProgrammeFactory(
        name="We Want You",
        area=icb.area,
        lead_organisation=icb,
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 8, 31),
    )
    ProgrammePartnerFactory(programme=programme, organisation=vcse, role=PartnerRole.DELIVERY)
    programme.target_schools.set([school])
    return programme
