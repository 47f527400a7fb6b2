"""Page access rules. Every view declares one; tests/test_access_matrix.py fails on a
route that does not, so a new page can never be reachable by accident.

Rules say which roles may open a page; *which records* they then see is the job of the
scoped querysets (`for_user`), so another area's id answers 404, not someone's data.
"""

from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import ALL_ROLES, Role
from .scope import scope_for

PUBLIC = "public"
SIGNED_IN = "signed_in"


def allows(rule, user) -> bool:
    if rule == PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if rule == SIGNED_IN:
        return True
    return scope_for(user).has_any(rule)


class RoleRequiredMixin(AccessMixin):
    """Class-based views set `allowed_roles`; anonymous users go to sign-in, others 403."""

    allowed_roles: frozenset[str] = frozenset()

    @classmethod
    def access_rule(cls):
        return frozenset(cls.allowed_roles)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not scope_for(request.user).has_any(self.allowed_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def access(rule):
    """Decorator for function views and for marking third-party views with their rule."""
    if rule not in (PUBLIC, SIGNED_IN):
        rule = frozenset(rule)
        assert rule <= ALL_ROLES, f"unknown roles: {rule - ALL_ROLES}"

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if rule == PUBLIC:  # no user needed (and none yet, before authentication)
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allows(rule, request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule
        return wrapped

    return decorate


def rule_of(view) -> object | None:
    """The access rule a resolved view declares, or None when it declares none."""
    rule = getattr(view, "access_rule", None)
    if rule is not None:
        return rule
    view_class = getattr(view, "view_class", None)
    if view_class is not None and hasattr(view_class, "access_rule"):
        rule = view_class.access_rule
        return rule() if callable(rule) else rule
    return None


# The audit trail (outreach/audit/) is the administrators' alone.
ADMIN = frozenset({Role.ADMINISTRATOR})
