"""Every named route of the site, read from the URL configuration, with its access rule."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from outreach.accounts.access import rule_of

# Routes served by libraries whose own access control applies (the Django admin checks
# the administrator role itself; the API has its own tests in test_api.py).
EXTERNAL_PREFIXES = ("admin/", "api/")


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    view: object
    needs_kwargs: bool

    @property
    def rule(self):
        return rule_of(self.view)


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            route = prefix + str(entry.pattern)
            yield Route(
                name=namespace + entry.name,
                pattern=route,
                view=entry.callback,
                needs_kwargs=bool(entry.pattern.regex.groupindex),
            )


def site_routes() -> list[Route]:
    return [
        r for r in _walk(get_resolver().url_patterns) if not r.pattern.startswith(EXTERNAL_PREFIXES)
    ]
