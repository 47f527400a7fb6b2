"""The month calendar of events, and iCalendar feeds per programme and per school."""

import calendar as month_calendar
import datetime

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from outreach.accounts.access import PUBLIC, access
from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from partners.models import Organisation

from .. import ical
from ..filters import EventFilter
from ..models import EngagementEvent, Programme
from ._helpers import EVERYONE, crumbs

PER_DAY = 4
FEED_LIMIT = 5000


def _month(value: str | None) -> datetime.date:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


@access(EVERYONE)
def month(request):
    first = _month(request.GET.get("month"))
    last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
    params = request.GET.copy()
    params.pop("month", None)
    filterset = EventFilter(
        params or None, queryset=EngagementEvent.objects.for_user(request.user), request=request
    )
    events = filterset.qs.filter(date__gte=first, date__lte=last)
    counts = dict(events.order_by().values_list("date").annotate(n=Count("pk")))
    shown = (
        events.annotate(
            rank=Window(
                RowNumber(), partition_by=[F("date")], order_by=[F("start_time").asc(), F("pk")]
            )
        )
        .filter(rank__lte=PER_DAY)
        .select_related("school")
        .only(
            "pk",
            "title",
            "date",
            "start_time",
            "school__name",
            "setting_name",
            "setting_postcode",
            "delivery_mode",
        )
        .order_by("date", "rank")
    )
    by_day: dict[datetime.date, list] = {}
    for event in shown:
        by_day.setdefault(event.date, []).append(event)
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == first.month,
                "events": by_day.get(day, []),
                "more": counts.get(day, 0) - len(by_day.get(day, [])),
            }
            for day in week
        ]
        for week in month_calendar.Calendar().monthdatescalendar(first.year, first.month)
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = last + datetime.timedelta(days=1)
    query = params.urlencode()
    chosen = filterset.form.cleaned_data if filterset.is_bound and filterset.form.is_valid() else {}
    feeds = []
    if chosen.get("programme"):
        feeds.append(_programme_feed(request, chosen["programme"]))
    for school in Organisation.objects.filter(
        pk__in=scope_for(request.user).organisation_ids(Role.CAREERS_LEAD)
    ):
        feeds.append(_school_feed(request, school))
    return render(
        request,
        "programmes/calendar.html",
        {
            "filter": filterset,
            "first": first,
            "weeks": weeks,
            "total": sum(counts.values()),
            "previous": previous,
            "following": following,
            "query": query,
            "feeds": feeds,
            "breadcrumbs": crumbs(("Events", reverse("programmes:events"))),
        },
    )


def _programme_feed(request, programme):
    url = reverse("programmes:programme_ical", args=[programme.pk])
    token = ical.feed_token(request.user, f"programme:{programme.pk}")
    return {"label": programme.name, "url": request.build_absolute_uri(f"{url}?token={token}")}


def _school_feed(request, school):
    url = reverse("programmes:school_ical", args=[school.pk])
    token = ical.feed_token(request.user, f"school:{school.pk}")
    return {"label": school.name, "url": request.build_absolute_uri(f"{url}?token={token}")}


def _feed_user(request, feed: str):
    """The signed-in user, or the user a subscription link was made for."""
    token = request.GET.get("token")
    if token:
        user = ical.user_for_token(token, feed)
        if user is None:
            raise Http404
        return user
    if request.user.is_authenticated:
        return request.user
    raise Http404


def _feed_response(request, name: str, events) -> HttpResponse:
    # The newest events only: a calendar app has no use for years of history, and the
    # feed stays small whatever the programme's size.
    events = events.select_related("programme", "activity_type", "school").order_by("-date", "-pk")[
        :FEED_LIMIT
    ]
    body = ical.calendar(
        name,
        events,
        lambda event: request.build_absolute_uri(reverse("programmes:event", args=[event.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


@access(PUBLIC)
def programme_ical(request, pk):
    """Public URL, private content: a signed subscription link or a session is needed,
    and it shows only the events that user may see."""
    user = _feed_user(request, f"programme:{pk}")
    programme = get_object_or_404(Programme.objects.for_user(user), pk=pk)
    events = EngagementEvent.objects.for_user(user).filter(programme=programme)
    return _feed_response(request, f"{programme.name} – Outreach events", events)


@access(PUBLIC)
def school_ical(request, pk):
    user = _feed_user(request, f"school:{pk}")
    school = get_object_or_404(Organisation.objects.for_user(user).schools(), pk=pk)
    events = EngagementEvent.objects.for_user(user).filter(school=school)
    return _feed_response(request, f"{school.name} – Outreach events", events)
