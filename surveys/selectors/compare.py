"""Before and after, per goal: the distribution on the 5-point agree scale for each side
(as groups), and for respondents who gave the same self-made code on both sides, the
change per person (matched pairs). Counts are grouped in the database."""

from collections import defaultdict

from django.db.models import Avg, Count, IntegerField
from django.db.models.functions import Cast

from programmes.models import Goal

from ..models import LIKERT_OPTIONS, Answer
from .results import MIN_CELL, suppress, suppress_exclusive

AGREE = {"4", "5"}


def _goal_answers(questionnaire):
    return Answer.objects.filter(
        response__questionnaire=questionnaire,
        question__kind="likert",
        question__goal__isnull=False,
        option__isnull=False,
    )


def _distribution(questionnaire):
    """{goal_id: {value: count}} in one grouped query."""
    found = defaultdict(dict)
    for goal_id, value, n in (
        _goal_answers(questionnaire)
        .values_list("question__goal_id", "option__value")
        .annotate(n=Count("id"))
    ):
        found[goal_id][value] = found[goal_id].get(value, 0) + n
    return found


def _scores_by_code(questionnaire):
    """{(code, goal_id): mean score} for responses with a match code (grouped query)."""
    rows = (
        _goal_answers(questionnaire)
        .exclude(response__match_code="")
        .values_list("response__match_code", "question__goal_id")
        .annotate(score=Avg(Cast("option__value", IntegerField())))
    )
    return {(code, goal): float(score) for code, goal, score in rows}


def _side(counts):
    total = sum(counts.values())
    shown = total >= MIN_CELL
    cells = []
    visible = suppress_exclusive([counts.get(value, 0) for value, _ in LIKERT_OPTIONS])
    for (_value, label), count in zip(LIKERT_OPTIONS, visible, strict=True):
        count = count if shown else None
        cells.append(
            {
                "label": label,
                "count": count,
                "percent": round(100 * count / total) if count is not None and total else None,
            }
        )
    agree = sum(n for v, n in counts.items() if v in AGREE)
    mean = sum(int(v) * n for v, n in counts.items()) / total if total else None
    return {
        "respondents": total if shown else None,
        "cells": cells,
        "agree_percent": round(100 * agree / total) if shown else None,
        "mean": round(mean, 2) if shown and mean is not None else None,
    }


def goal_comparison(after):
    """Per goal measured on both sides of the pair `after.before` → `after`."""
    before = after.before
    if before is None:
        return []
    before_counts, after_counts = _distribution(before), _distribution(after)
    before_scores, after_scores = _scores_by_code(before), _scores_by_code(after)
    rows = []
    for goal in Goal.objects.filter(pk__in=set(before_counts) & set(after_counts)):
        changes = [
            after_scores[key] - score
            for key, score in before_scores.items()
            if key[1] == goal.pk and key in after_scores
        ]
        pairs = len(changes)
        matched = None
        if pairs >= MIN_CELL:
            matched = {
                "pairs": pairs,
                "improved": suppress(sum(1 for c in changes if c > 0)),
                "same": suppress(sum(1 for c in changes if c == 0)),
                "worse": suppress(sum(1 for c in changes if c < 0)),
                "mean_change": round(sum(changes) / pairs, 2),
            }
        before_side, after_side = _side(before_counts[goal.pk]), _side(after_counts[goal.pk])
        shift = None
        if before_side["agree_percent"] is not None and after_side["agree_percent"] is not None:
            shift = after_side["agree_percent"] - before_side["agree_percent"]
        rows.append(
            {
                "goal": goal,
                "before": before_side,
                "after": after_side,
                "agree_shift": shift,
                "matched": matched,
                "too_few_pairs": 0 < pairs < MIN_CELL,
            }
        )
    return rows
