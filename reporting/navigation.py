"""Entries this app adds to the primary navigation (see outreach/navigation.py)."""

from outreach.accounts.roles import Role
from outreach.navigation import NavEntry

ENTRIES = [
    NavEntry("Reports", "reporting:list", frozenset({Role.WORKFORCE_LEAD, Role.ADMINISTRATOR})),
    NavEntry("Exports", "reporting:exports", frozenset({Role.ADMINISTRATOR})),
]
