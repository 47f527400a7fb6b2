"""Results for staff of the programme (and careers leads, for events at their school):
counts grouped in the database, small numbers suppressed, before/after per goal."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from outreach.accounts.access import access
from outreach.audit.services import record_access
from partners.models import Organisation
from programmes.models import EngagementEvent

from ..models import ABOUT_YOU_FIELDS, Questionnaire, Response
from ..selectors import (
    MIN_CELL,
    ResultFilters,
    filtered_responses,
    goal_comparison,
    question_results,
    theme_counts,
)
from . import exports
from .common import SEE, crumbs, visible

EXPORT_FORMATS = {"csv", "xlsx", "summary"}


# A select of thousands of events is no use to anyone (one questionnaire can be answered
# at every event of an area's year): past this many, the list is of the chosen school's
# events, or the most recent, and the page says so.
EVENT_CHOICES = 50


def _filter_choices(questionnaire, filters):
    answered_at = EngagementEvent.objects.filter(
        pk__in=Response.objects.filter(questionnaire=questionnaire).values("event_id")
    )
    schools = Organisation.objects.filter(
        pk__in=answered_at.exclude(school=None).values("school_id")
    ).order_by("name")
    events = answered_at.only("pk", "title", "date", "school_id").order_by("-date", "-pk")
    if filters.school_id:
        events = events.filter(school_id=filters.school_id)
    shown = list(events[: EVENT_CHOICES + 1])
    more = len(shown) > EVENT_CHOICES
    shown = shown[:EVENT_CHOICES]
    if filters.event_id and filters.event_id not in {e.pk for e in shown}:
        chosen = answered_at.filter(pk=filters.event_id).only("pk", "title", "date")
        shown = shown[: EVENT_CHOICES - 1] + list(chosen)
    return {
        "events": shown,
        "more_events": more,
        "schools": list(schools.only("pk", "name")),
        "about": [
            (name, label, choices)
            for name, label, choices in ABOUT_YOU_FIELDS
            if questionnaire.include_about_you
            or (questionnaire.ask_year_group and name == "year_group")
        ],
    }


def _version(questionnaire, number):
    versions = list(questionnaire.versions.all())
    chosen = next((v for v in versions if str(v.number) == str(number)), None)
    return chosen or versions[-1], versions


@access(SEE)
def results(request, pk):
    questionnaire = visible(request.user, pk)
    filters = ResultFilters.from_query(request.GET)
    version, versions = _version(questionnaire, request.GET.get("version"))
    total = filtered_responses(questionnaire, filters, version).count()
    return render(
        request,
        "surveys/results.html",
        {
            "questionnaire": questionnaire,
            "version": version,
            "versions": versions,
            "filters": filters,
            "choices": _filter_choices(questionnaire, filters),
            "total": total,
            "total_shown": total if total == 0 or total >= MIN_CELL else None,
            "results": question_results(questionnaire, version, filters),
            "themes": theme_counts(questionnaire, filters),
            "can_code": Questionnaire.objects.buildable_by(request.user).filter(pk=pk).exists(),
            "breadcrumbs": crumbs(),
        },
    )


@access(SEE)
def compare(request, pk):
    questionnaire = visible(request.user, pk)
    if questionnaire.before_id is None:
        messages.info(
            request,
            "Pair this questionnaire with a 'before' questionnaire in its settings "
            "to compare them.",
        )
        return redirect("surveys:results", pk=pk)
    return render(
        request,
        "surveys/compare.html",
        {
            "questionnaire": questionnaire,
            "rows": goal_comparison(questionnaire),
            "min_cell": MIN_CELL,
            "breadcrumbs": crumbs(questionnaire, builder=False),
        },
    )


@access(SEE)
def export(request, pk, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404("No such export.")
    questionnaire = visible(request.user, pk)
    filters = ResultFilters.from_query(request.GET)
    if fmt == "summary":
        version, _ = _version(questionnaire, request.GET.get("version"))
        return exports.summary_csv(questionnaire, question_results(questionnaire, version, filters))
    responses = filtered_responses(questionnaire, filters)
    count = responses.count()
    if count < MIN_CELL:
        messages.error(
            request, f"There are fewer than {MIN_CELL} responses here, so they cannot be exported."
        )
        return redirect("surveys:results", pk=pk)
    record_access(
        questionnaire,
        kind="export",
        detail=f"Responses to {questionnaire} as {fmt.upper()}",
        rows=count,
    )
    if fmt == "xlsx":
        return exports.responses_xlsx(questionnaire, responses)
    return exports.responses_csv(questionnaire, responses)
