"""The primary navigation, by role. Each app lists its entries in its own navigation.py,
so the header never links to a page a user may not open."""

from dataclasses import dataclass
from importlib import import_module

from django.urls import reverse

from outreach.accounts.access import SIGNED_IN, allows
from outreach.accounts.roles import Role


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    rule: object  # an access rule, as in outreach.accounts.access


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


APP_NAVIGATION = [
    "partners",
    "programmes",
    "surveys",
    "reporting",
    "outreach.audit",
    "outreach.privacy",
]


def entries() -> list[NavEntry]:
    found = [NavEntry("Home", "home", SIGNED_IN)]
    for app in APP_NAVIGATION:
        found.extend(import_module(f"{app}.navigation").ENTRIES)
    found.append(NavEntry("Administration", "admin:index", frozenset({Role.ADMINISTRATOR})))
    return found


def items_for(request) -> list[NavItem]:
    user = getattr(request, "user", None)  # absent on a 400 raised before authentication
    if user is None or not user.is_authenticated:
        return []
    if getattr(request, "two_factor_pending", None):
        return []  # no page is open to them until they give their code
    path = request.path
    items = []
    for entry in entries():
        if not allows(entry.rule, user):
            continue
        url = reverse(entry.url_name)
        active = path == url if url == "/" else path.startswith(url)
        items.append(NavItem(entry.label, url, active))
    # Only the most specific match is current: /programmes/workshops/ is "Workshops",
    # not also "Programmes".
    longest = max((len(item.url) for item in items if item.active), default=0)
    return [
        NavItem(item.label, item.url, item.active and len(item.url) == longest) for item in items
    ]
