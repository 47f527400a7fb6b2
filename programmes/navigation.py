"""Entries this app adds to the primary navigation (see outreach/navigation.py)."""

from outreach.accounts.roles import Role
from outreach.navigation import NavEntry

EVERYONE = frozenset(Role.values)

ENTRIES = [
    NavEntry("Programmes", "programmes:list", EVERYONE),
    NavEntry("Events", "programmes:events", EVERYONE),
]

# Participant pathways: never for careers leads.
ENTRIES += [
    NavEntry(
        "Cohorts",
        "programmes:cohorts",
        frozenset({Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER, Role.ADMINISTRATOR}),
    ),
]
