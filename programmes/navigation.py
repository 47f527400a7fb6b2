"""Entries this app adds to the primary navigation (see outreach/navigation.py)."""

from outreach.accounts.roles import Role
from outreach.navigation import NavEntry

EVERYONE = frozenset(Role.values)

ENTRIES = [
    NavEntry("Programmes", "programmes:list", EVERYONE),
    NavEntry("Events", "programmes:events", EVERYONE),
]
