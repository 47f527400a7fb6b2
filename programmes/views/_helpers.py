from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse

from outreach.accounts.roles import Role

from ..models import Programme

EVERYONE = frozenset(Role.values)
MANAGERS = frozenset({Role.WORKFORCE_LEAD, Role.ADMINISTRATOR})
LOGGERS = frozenset({Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER, Role.ADMINISTRATOR})
PAGE_SIZE = 25


def visible_programme(user, pk) -> Programme:
    return get_object_or_404(
        Programme.objects.for_user(user).select_related("area", "lead_organisation"), pk=pk
    )


def managed_programme(user, pk) -> Programme:
    """A programme the user may change: another area's answers 404, a visible one they may
    not change answers 403."""
    programme = visible_programme(user, pk)
    if not can_manage(user, programme):
        raise PermissionDenied
    return programme


def can_manage(user, programme) -> bool:
    return Programme.objects.manageable_by(user).filter(pk=programme.pk).exists()


def can_log(user, programme) -> bool:
    return Programme.objects.loggable_by(user).filter(pk=programme.pk).exists()


def crumbs(*pairs) -> list[tuple[str, str]]:
    return [("Home", reverse("home")), *pairs]


def programme_crumbs(programme, *more) -> list[tuple[str, str]]:
    return crumbs(
        ("Programmes", reverse("programmes:list")),
        (programme.name, reverse("programmes:detail", args=[programme.pk])),
        *more,
    )


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names (others on the form)."""
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)
