"""Entries this app adds to the primary navigation (see outreach/navigation.py)."""

from outreach.accounts.roles import Role
from outreach.navigation import NavEntry

ENTRIES = [NavEntry("Data protection", "privacy:index", frozenset({Role.ADMINISTRATOR}))]
