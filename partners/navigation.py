"""Entries this app adds to the primary navigation (see outreach/navigation.py)."""

from outreach.accounts.roles import ALL_ROLES
from outreach.navigation import NavEntry

# Every role may open the directory (what each sees is scoped); someone signed in with no
# role yet would only meet a 403 there, so they get no link to it.
ENTRIES = [NavEntry("Directory", "partners:organisation_list", ALL_ROLES)]
