"""Reading the trail: entries as people read them (field labels, before and after)."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from .models import Action, AuditEntry

ACTION_LABELS = dict(Action.choices)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _model(label: str):
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def _shown(field, value) -> str:
    if value is None:
        return ""
    if field is not None and getattr(field, "flatchoices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, dict)):
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return str(value)


def readable_changes(entry: AuditEntry) -> list[Change]:
    model = _model(entry.model)
    rows = []
    for name, pair in (entry.changes or {}).items():
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = str(getattr(field, "verbose_name", name)).capitalize()
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        rows.append(Change(label, _shown(field, before), _shown(field, after)))
    return rows


def record_type(entry: AuditEntry) -> str:
    model = _model(entry.model)
    return str(model._meta.verbose_name).capitalize() if model else entry.model


def action_label(entry: AuditEntry) -> str:
    return ACTION_LABELS.get(entry.action, entry.action.replace("_", " ").capitalize())


def entries_for_admin(filterset) -> object:
    """Newest first; no joins (the actor's label is on the entry), so a page costs the
    same whatever its entries are about."""
    return filterset.qs.order_by("-at", "-pk")
