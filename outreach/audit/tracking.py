"""Signals that turn saves and deletes of tracked models into audit entries.

The values a row had when loaded are kept on the instance (`from_db` is wrapped), so an
update is compared with them without reading the row again."""

from __future__ import annotations

import copy

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import registry
from .values import json_value

SNAPSHOT = "_audit_snapshot"


def tracked_fields(model):
    """(name, attname, secret) of the concrete fields whose changes are recorded."""
    cached = model.__dict__.get("_audit_fields")
    if cached is not None:
        return cached
    label = registry.label_of(model)
    skip = registry.skipped(label)
    masked = label in registry.MASKED_MODELS
    fields = []
    for field in model._meta.concrete_fields:
        if field.name in skip or field.attname in skip or getattr(field, "auto_now", False):
            continue
        secret = registry.is_secret(field.name) or (masked and not field.primary_key)
        fields.append((field.name, field.attname, secret))
    model._audit_fields = tuple(fields)
    return model._audit_fields


def _copy(value):
    # JSON fields are mutable: keep a copy, or an edit in place would not show.
    return copy.deepcopy(value) if isinstance(value, (dict, list)) else value


def snapshot(instance, attnames=None) -> None:
    values = instance.__dict__
    taken = instance.__dict__.setdefault(SNAPSHOT, {})
    for _name, attname, _secret in tracked_fields(type(instance)):
        if attnames is not None and attname not in attnames:
            continue
        if attname in values:
            taken[attname] = _copy(values[attname])


def _wrap_loading(model) -> None:
    if model.__dict__.get("_audit_wrapped"):
        return
    original_from_db = model.from_db.__func__
    original_refresh = model.refresh_from_db

    def from_db(cls, db, field_names, values):
        instance = original_from_db(cls, db, field_names, values)
        snapshot(instance)
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        original_refresh(self, using=using, fields=fields, from_queryset=from_queryset)
        snapshot(self, None if fields is None else _attnames(type(self), fields))

    model.from_db = classmethod(from_db)
    model.refresh_from_db = refresh_from_db
    model._audit_wrapped = True


def _attnames(model, fields) -> set[str]:
    names = set()
    for name in fields:
        try:
            names.add(model._meta.get_field(name).attname)
        except Exception:
            names.add(name)
    return names


def creation_changes(instance) -> dict:
    changes = {}
    for name, attname, secret in tracked_fields(type(instance)):
        value = instance.__dict__.get(attname)
        if value in (None, "", [], {}):
            continue
        changes[name] = [None, registry.CHANGED if secret else json_value(value)]
    return changes


def update_changes(instance, update_fields=None) -> dict:
    before = instance.__dict__.get(SNAPSHOT)
    changes = {}
    for name, attname, secret in tracked_fields(type(instance)):
        if update_fields is not None and name not in update_fields and attname not in update_fields:
            continue
        if attname not in instance.__dict__:
            continue  # deferred and never loaded: not changed by this save
        new = instance.__dict__[attname]
        if before is None or attname not in before:
            changes[name] = [None, registry.CHANGED if secret else json_value(new)]
            continue
        old = before[attname]
        if old == new:
            continue
        changes[name] = (
            [registry.CHANGED, registry.CHANGED] if secret else [json_value(old), json_value(new)]
        )
    return changes


def deletion_changes(instance) -> dict:
    before = instance.__dict__.get(SNAPSHOT) or {}
    changes = {}
    for name, attname, secret in tracked_fields(type(instance)):
        value = before.get(attname, instance.__dict__.get(attname))
        if value in (None, "", [], {}):
            continue
        changes[name] = [registry.CHANGED if secret else json_value(value), None]
    return changes


def _on_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    from .services import record_change

    if created:
        record_change("create", instance, changes=creation_changes(instance))
    else:
        changes = update_changes(instance, update_fields)
        if changes:
            record_change("update", instance, changes=changes)
    snapshot(instance)


def _on_delete(sender, instance, **kwargs):
    from .services import record_change

    record_change("delete", instance, changes=deletion_changes(instance))


def _on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not registry.is_tracked(type(instance)):
        return
    from .services import record_change

    field = _m2m_name(type(instance), sender, reverse)
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    ids = ", ".join(str(pk) for pk in sorted(pk_set or [], key=str))
    if action != "post_clear" and not ids:
        return
    record_change("update", instance, changes={field: [None, f"{verb} {ids}".strip()]})


def _m2m_name(model, through, reverse) -> str:
    for field in model._meta.get_fields():
        if getattr(field, "many_to_many", False):
            remote = getattr(field, "remote_field", None)
            field_through = getattr(field, "through", None) or getattr(remote, "through", None)
            if field_through is through:
                return field.name
    return through._meta.model_name


def connect() -> None:
    for model in apps.get_models():
        if not registry.is_tracked(model) or model._meta.proxy:
            continue
        _wrap_loading(model)
        post_save.connect(_on_save, sender=model, dispatch_uid=f"audit-save-{model._meta.label}")
        post_delete.connect(
            _on_delete, sender=model, dispatch_uid=f"audit-delete-{model._meta.label}"
        )
        for field in model._meta.local_many_to_many:
            if not field.remote_field.through._meta.auto_created:
                continue  # an explicit through model is followed as a model of its own
            m2m_changed.connect(
                _on_m2m,
                sender=field.remote_field.through,
                dispatch_uid=f"audit-m2m-{field.remote_field.through._meta.label}",
            )
