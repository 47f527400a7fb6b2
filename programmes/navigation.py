"""Entries this app adds to the primary navigation (see outreach/navigation.py)."""

from outreach.accounts.roles import Role
from outreach.navigation import NavEntry

EVERYONE = frozenset(Role.values)

ENTRIES = [
    NavEntry("Programmes", "programmes:list", EVERYONE),
    NavEntry("Events", "programmes:events", EVERYONE),
]

# Workshop booking (appended).
ENTRIES += [
    NavEntry("Workshops", "programmes:workshops", EVERYONE),
    NavEntry("My bookings", "programmes:my_bookings", frozenset({Role.CAREERS_LEAD})),
    NavEntry(
        "Diary",
        "programmes:diary",
        frozenset({Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER, Role.ADMINISTRATOR}),
    ),
]
ENTRIES += [NavEntry("Requests", "programmes:requests", EVERYONE)]
ENTRIES += [
    NavEntry("My school’s record", "programmes:school_record", frozenset({Role.CAREERS_LEAD}))
]
# Participant pathways: never for careers leads.
ENTRIES += [
    NavEntry(
        "Cohorts",
        "programmes:cohorts",
        frozenset({Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER, Role.ADMINISTRATOR}),
    ),
]
