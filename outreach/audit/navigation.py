from outreach.accounts.access import ADMIN
from outreach.navigation import NavEntry

ENTRIES = [NavEntry("Audit trail", "audit:list", ADMIN)]
