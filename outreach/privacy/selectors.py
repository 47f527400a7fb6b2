"""Reads of the retention schedule, shared by the pages, the run and other apps."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Min

from .kinds import HANDLERS, as_date
from .models import DEFAULTS, Kind, RetentionRule, period_delta


def rules() -> list[RetentionRule]:
    """Every kind's rule, in schedule order; a kind with no row yet gets its default
    (unsaved), so the schedule is never silently empty."""
    stored = {rule.kind: rule for rule in RetentionRule.objects.select_related("updated_by")}
    found = []
    for kind in Kind:
        rule = stored.get(kind.value)
        if rule is None:
            period, unit, action = DEFAULTS[kind]
            rule = RetentionRule(kind=kind.value, period=period, unit=unit, action=action)
        found.append(rule)
    return found


def rule_for(kind: str) -> RetentionRule:
    return next(rule for rule in rules() if rule.kind == kind)


def keep_until(kind: str, start: datetime.datetime) -> datetime.datetime:
    rule = rule_for(kind)
    return start + period_delta(rule.period, rule.unit)


@dataclass(frozen=True)
class Pending:
    rule: RetentionRule
    cutoff: datetime.date
    count: int
    oldest: datetime.date | None


def pending(rule: RetentionRule, today: datetime.date) -> Pending:
    """How many rows the rule would act on today, and the oldest date among them."""
    handler = HANDLERS[rule.kind]
    cutoff = rule.cutoff(today)
    if handler.count is not None:
        count, oldest = handler.count(cutoff)
    else:
        due = handler.due(cutoff, rule.action, today)
        count = due.queryset.count()
        oldest = due.queryset.aggregate(oldest=Min(due.dated_by))["oldest"] if count else None
    return Pending(rule=rule, cutoff=cutoff, count=count, oldest=as_date(oldest))


def preview(today: datetime.date) -> list[Pending]:
    """What the next run would remove, kind by kind: counts and dates, never names."""
    return [pending(rule, today) for rule in rules()]
