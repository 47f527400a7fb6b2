"""The live figures on each role's home page, one function per role. Each starts from
the apps' own `for_user` querysets (so nothing is seen that the pages would not show)
and takes a fixed number of queries, however many programmes, events or schools."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.db.models import Count, Sum
from django.utils import timezone

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from partners.models import Organisation
from programmes import academic_year
from programmes.models import EngagementEvent, EventYearGroup, Measure, Programme, ProgrammeTarget
from programmes.selectors.reach import TargetProgress, figures_by_year

UPCOMING = 5


def _today(today):
    return today or timezone.localdate()


def lead_dashboard(user, today: datetime.date | None = None) -> dict | None:
    """This academic year across the programmes of the areas the user leads: students
    reached against the sum of those programmes' students-reached targets for the year,
    target schools reached, and the next events. Ten queries.

    Reach is worked out over all the programmes' events together (figures_by_year), so
    a follow-up visit by a second programme is not counted twice. Whole-programme
    targets are left out: they do not say how much of them falls in this year."""
    lead_areas = scope_for(user).lead_area_ids
    if not lead_areas:
        return None
    today = _today(today)
    year = academic_year.academic_year_of(today)
    programmes = Programme.objects.for_user(user).filter(area_id__in=lead_areas).values("pk")
    events = EngagementEvent.objects.for_user(user).filter(programme__in=programmes)
    target_schools = set(
        Programme.target_schools.through.objects.filter(programme__in=programmes).values_list(
            "organisation_id", flat=True
        )
    )
    # Reached means delivered: events logged ahead for later this year wait their turn.
    delivered = events.filter(academic_year=year, date__lte=today)
    figures, _ = figures_by_year(delivered, target_schools)
    target = ProgrammeTarget.objects.filter(
        programme__in=programmes, measure=Measure.STUDENTS_REACHED, academic_year=year
    ).aggregate(total=Sum("value"))["total"]
    reach = TargetProgress(SimpleNamespace(value=target), figures.students_reached)
    upcoming = (
        events.filter(date__gte=today)
        .select_related("programme", "school", "activity_type")
        .order_by("date", "start_time", "pk")[:UPCOMING]
    )
    return {
        "year_label": academic_year.label(year),
        "figures": figures,
        "target": target,
        "reach": reach if target else None,
        "upcoming": list(upcoming),
    }


def partner_dashboard(user, today: datetime.date | None = None) -> dict | None:
    """Events the user's organisations delivered this term, and the students at them,
    organisation by organisation (those with none included). Two queries."""
    orgs = scope_for(user).organisation_ids(Role.DELIVERY_PARTNER)
    if not orgs:
        return None
    today = _today(today)
    year, term = academic_year.academic_year_of(today), academic_year.term_of(today)
    this_term = EngagementEvent.objects.for_user(user).filter(academic_year=year, term=term)
    delivered = {
        row["organisation_id"]: row
        for row in EngagementEvent.delivering_organisations.through.objects.filter(
            organisation_id__in=orgs, engagementevent__in=this_term.values("pk")
        )
        .values("organisation_id")
        .annotate(events=Count("engagementevent_id"), students=Sum("engagementevent__participants"))
        .order_by()
    }
    rows = [
        {
            "organisation": organisation,
            "events": delivered.get(organisation.pk, {}).get("events", 0),
            "students": delivered.get(organisation.pk, {}).get("students") or 0,
        }
        for organisation in Organisation.objects.filter(pk__in=orgs).order_by("name")
    ]
    return {
        "term_label": f"{academic_year.Term(term).label} term {academic_year.label(year)}",
        "rows": rows,
    }


def careers_dashboard(user, today: datetime.date | None = None) -> dict | None:
    """Encounters (events) and students by year group this academic year, for each
    school the user is careers lead at. Two queries."""
    schools = scope_for(user).organisation_ids(Role.CAREERS_LEAD)
    if not schools:
        return None
    year = academic_year.academic_year_of(_today(today))
    events = EngagementEvent.objects.for_user(user).filter(
        school_id__in=schools, academic_year=year
    )
    by_school: dict[int, list] = {}
    for row in (
        EventYearGroup.objects.filter(event__in=events.values("pk"))
        .values("event__school_id", "year_group__name", "year_group__position")
        .annotate(encounters=Count("event_id", distinct=True), students=Sum("participants"))
        .order_by("event__school_id", "year_group__position")
    ):
        by_school.setdefault(row["event__school_id"], []).append(row)
    return {
        "year_label": academic_year.label(year),
        "schools": [
            {"school": school, "rows": by_school.get(school.pk, [])}
            for school in Organisation.objects.filter(pk__in=schools).order_by("name")
        ],
    }
