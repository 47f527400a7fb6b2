"""Who is acting, and from where, for whatever the audit trail records meanwhile.

The middleware opens a context per request; tasks, commands and imports open their own:

    with audit_context(actor=user, source="import"):
        events_import_confirm(...)

Contexts nest: an inner one overrides only what it names. `actor` may be a user, a
callable returning one (the middleware passes the request's user lazily, because the
API authenticates tokens inside the view), or None.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class AuditContext:
    actor: object = None
    source: str = "system"
    request_id: str = ""
    ip_address: str | None = None

    def resolved_actor(self):
        actor = self.actor() if callable(self.actor) else self.actor
        if actor is None or not getattr(actor, "is_authenticated", False):
            return None
        return actor


# AuditContext is frozen, so sharing one default is safe.
_current: contextvars.ContextVar[AuditContext] = contextvars.ContextVar(
    "outreach_audit_context",
    default=AuditContext(),  # noqa: B039
)


def current() -> AuditContext:
    return _current.get()


@contextmanager
def audit_context(*, actor=None, source=None, request_id=None, ip_address=None):
    outer = _current.get()
    changes = {}
    if actor is not None:
        changes["actor"] = actor
    if source is not None:
        changes["source"] = str(source)
    if request_id is not None:
        changes["request_id"] = str(request_id)[:64]
    if ip_address is not None:
        changes["ip_address"] = ip_address
    token = _current.set(replace(outer, **changes))
    try:
        yield _current.get()
    finally:
        _current.reset(token)
