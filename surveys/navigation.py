"""Entries this app adds to the primary navigation (see outreach/navigation.py)."""

from outreach.accounts.roles import ALL_ROLES
from outreach.navigation import NavEntry

ENTRIES = [NavEntry("Questionnaires", "surveys:list", ALL_ROLES)]
