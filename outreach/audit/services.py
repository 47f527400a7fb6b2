"""Writing to the audit trail, and the two maintenance operations (redaction on erasure,
purging by age) that alone may alter it."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connection, models, transaction

from . import registry
from .context import current
from .models import Action, AuditEntry, Kind, Source

REPR_LENGTH = 255

_buffer: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "outreach_audit_buffer", default=None
)


@contextmanager
def buffered():
    """Collect the entries written inside the block and insert them at its end in one
    bulk insert: for bulk operations whose deletes and saves each fire a signal."""
    if _buffer.get() is not None:  # already collecting: the outer block inserts
        yield
        return
    entries: list[AuditEntry] = []
    token = _buffer.set(entries)
    try:
        yield
    finally:
        _buffer.reset(token)
    AuditEntry.objects.bulk_create(entries, batch_size=1000)


def _write(entries: list[AuditEntry]) -> None:
    collecting = _buffer.get()
    if collecting is not None:
        collecting.extend(entries)
    elif len(entries) == 1:
        entries[0].save()
    elif entries:
        AuditEntry.objects.bulk_create(entries, batch_size=1000)


def _label(user) -> str:
    return (getattr(user, "email", "") or str(user))[:254]


def _subject(subject) -> tuple[str, str, str]:
    """(model label, pk, repr) of an instance, a (model, pk) pair, or None."""
    if subject is None:
        return "", "", ""
    if isinstance(subject, tuple):
        model, pk = subject
        label = model if isinstance(model, str) else registry.label_of(model)
        return label, str(pk), ""
    label = registry.label_of(type(subject))
    masked = registry.MASKED_MODELS.get(label)
    shown = masked(subject) if masked else str(subject)
    if not shown.strip():  # an instance built from a key alone, for a bulk write
        shown = f"{type(subject)._meta.verbose_name} {subject.pk}"
    return label, str(subject.pk), shown[:REPR_LENGTH]


def _entry(kind, action, subject=None, **fields) -> AuditEntry:
    ctx = current()
    actor = ctx.resolved_actor()
    model, pk, shown = _subject(subject)
    return AuditEntry(
        kind=kind,
        action=action,
        source=ctx.source or Source.SYSTEM,
        actor=actor,
        actor_label=_label(actor) if actor is not None else "",
        ip_address=ctx.ip_address,
        request_id=ctx.request_id,
        model=model,
        object_pk=pk,
        object_repr=fields.pop("object_repr", shown),
        **fields,
    )


def record_change(action: str, obj, *, changes: dict | None = None) -> AuditEntry:
    """One create, update or delete of `obj`; the signals call this for every save."""
    entry = _entry(Kind.CHANGE, action, obj, changes=changes or {})
    _write([entry])
    return entry


def record_changes(action: str, objects: Iterable, *, changes=None) -> int:
    """Entries for a bulk write that fired no signals (bulk_create, update(), COPY), in
    one insert. `changes` is a dict shared by every row or a callable(obj) -> dict."""
    entries = [
        _entry(
            Kind.CHANGE,
            action,
            obj,
            changes=(changes(obj) if callable(changes) else changes) or {},
        )
        for obj in objects
    ]
    _write(entries)
    return len(entries)


def record_bulk_create(objects: Iterable) -> int:
    """Create entries, with each row's values, for objects saved by bulk_create."""
    from .tracking import creation_changes, snapshot

    objects = list(objects)
    count = record_changes("create", objects, changes=creation_changes)
    for obj in objects:
        snapshot(obj)
    return count


def record_bulk_update(objects: Iterable, fields: Iterable[str]) -> int:
    """Update entries for objects saved by bulk_update (or a queryset update after the
    instances were changed in memory): before is what each had when loaded."""
    from .tracking import snapshot, update_changes

    fields = set(fields)
    pairs = [(obj, update_changes(obj, fields)) for obj in objects]
    changed = [(obj, changes) for obj, changes in pairs if changes]
    by_obj = {id(obj): changes for obj, changes in changed}
    count = record_changes("update", [obj for obj, _ in changed], changes=lambda o: by_obj[id(o)])
    for obj, _ in pairs:
        snapshot(obj)
    return count


def update_recorded(queryset, **values) -> int:
    """queryset.update(**values) with an entry per row changed, before and after: one
    read of the rows (locked), the update, one insert. For plain values, not
    expressions."""
    with transaction.atomic():
        rows = list(queryset.select_for_update())
        if not rows:
            return 0
        count = queryset.model._base_manager.filter(pk__in=[row.pk for row in rows]).update(
            **values
        )
        for row in rows:
            for name, value in values.items():
                setattr(row, name, value)
        record_bulk_update(rows, values)
    return count


def record_access(
    subject, *, kind: str = Action.VIEW, detail: str = "", rows: int | None = None
) -> AuditEntry:
    """A view or export of named personal data: one record, or a bulk export described
    by `detail` and its row count."""
    entry = _entry(Kind.ACCESS, str(kind), subject, detail=detail, rows=rows)
    entry.save()
    return entry


def record_event(
    action: str, *, subject=None, summary: str = "", data: dict | None = None
) -> AuditEntry:
    """A data-protection event such as "erase", "rights_export" or "retention_run"."""
    entry = _entry(Kind.EVENT, action, subject, detail=summary, data=data)
    entry.save()
    return entry


def _raw():
    # The plain queryset, without the append-only guard of AuditEntry.objects.
    return models.QuerySet(model=AuditEntry)


@contextmanager
def _maintenance():
    """Inside one transaction, lets this connection change the trail past the
    PostgreSQL trigger, and only until the block ends."""
    with transaction.atomic():
        postgres = connection.vendor == "postgresql"
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('outreach.audit_maintenance', 'on', true)")
        try:
            yield
        finally:
            if postgres:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('outreach.audit_maintenance', 'off', true)")


def _blank_changes(changes: dict, replacement: str) -> dict:
    def blank(value):
        return value if value is None else replacement

    return {
        field: [blank(pair[0]), blank(pair[1])] if isinstance(pair, list) else replacement
        for field, pair in (changes or {}).items()
    }


def redact_subject(model, pk, *, replacement: str = "[erased]") -> int:
    """Blank what identifies a record in the entries about it (its repr, the values in
    their changes, their detail and data), keeping each entry, its action, time and
    actor; and, for a user, blank their name where they are the actor. Returns the
    number of entries touched."""
    label = model if isinstance(model, str) else registry.label_of(model)
    pk = str(pk)
    touched: set[int] = set()
    with _maintenance():
        about = list(_raw().filter(model=label, object_pk=pk))
        original_reprs = [entry.object_repr for entry in about]
        for entry in about:
            entry.object_repr = replacement
            entry.changes = _blank_changes(entry.changes, replacement)
            entry.detail = replacement if entry.detail else ""
            entry.data = None
        _raw().bulk_update(about, ["object_repr", "changes", "detail", "data"], batch_size=500)
        touched.update(entry.pk for entry in about)

        user_label = registry.label_of(AuditEntry._meta.get_field("actor").related_model)
        if label == user_label:
            as_actor = _raw().filter(actor_id=pk).exclude(actor_label=replacement)
            emails = set(as_actor.values_list("actor_label", flat=True).distinct())
            touched.update(as_actor.values_list("pk", flat=True))
            as_actor.update(actor_label=replacement)
            # Records named after the user (a membership "Alice Smith – … at …") name them too.
            emails.update(shown for shown in original_reprs if len(shown) >= 3)
            for email in emails - {"", replacement}:
                naming = _raw().filter(object_repr__contains=email)
                touched.update(naming.values_list("pk", flat=True))
                for entry in naming:
                    _raw().filter(pk=entry.pk).update(
                        object_repr=entry.object_repr.replace(email, replacement)
                    )
    record_event("audit_redact", data={"model": label, "pk": pk, "entries": len(touched)})
    return len(touched)


def purge_before(when) -> int:
    """Delete entries older than `when`: the retention of the trail itself, and the only
    path that deletes entries."""
    with _maintenance():
        deleted, _ = _raw().filter(at__lt=when).delete()
    record_event(
        "audit_purge",
        summary=f"Entries before {when:%Y-%m-%d %H:%M} UTC deleted",
        data={
            "before": when.isoformat(),
            "entries": deleted,
        },
    )
    return deleted
