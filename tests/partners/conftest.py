"""Fixtures for the directory pages: people at the personas' organisations."""

import pytest

from partners.factories import AmbassadorFactory, ContactFactory, YearGroupFactory


@pytest.fixture
def vcse_contact(vcse):
    return ContactFactory(organisation=vcse, name="Vera Vcse-Contact", is_key_contact=True)


@pytest.fixture
def school_contact(school):
    return ContactFactory(organisation=school, name="Sally School-Contact", is_key_contact=True)


@pytest.fixture
def vcse_ambassador(vcse):
    return AmbassadorFactory(organisation=vcse, name="Andy Vcse-Ambassador")


@pytest.fixture
def year_groups(db):
    """Year 7 to Year 11 (get-or-create: browser tests flush the migration's rows)."""
    return [YearGroupFactory(code=f"year-{n}", name=f"Year {n}", position=n) for n in range(7, 12)]


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client
