"""Events: the list with filters, logging one (fast, with "log another like this"),
its page, changing and deleting it, and its quotes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outreach.accounts.access import access
from outreach.pagination import page_for
from partners.models import Organisation

from .. import services
from ..filters import EventFilter
from ..forms.events import EventForm, initial_for, initial_from_event
from ..models import EngagementEvent, FeedbackQuote, Programme
from ._helpers import EVERYONE, LOGGERS, PAGE_SIZE, crumbs, programme_crumbs, visible_programme


def list_queryset(events):
    """What every event list shows, in a fixed number of queries."""
    return events.select_related("programme", "activity_type", "school").prefetch_related(
        Prefetch("delivering_organisations", queryset=Organisation.objects.only("pk", "name"))
    )


@access(EVERYONE)
def event_list(request):
    events = EngagementEvent.objects.for_user(request.user)
    filterset = EventFilter(request.GET or None, queryset=events, request=request)
    page = page_for(request, list_queryset(filterset.qs), PAGE_SIZE)
    return render(
        request,
        "programmes/event_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "may_log": Programme.objects.loggable_by(request.user).exists(),
            "breadcrumbs": crumbs(),
        },
    )


@access(LOGGERS)
def event_start(request):
    """Log an event: choose the programme first (skipped when there is only one)."""
    programmes = (
        Programme.objects.loggable_by(request.user).select_related("area").order_by("name", "pk")
    )
    page = page_for(request, programmes, PAGE_SIZE)
    if page.paginator.count == 1:
        return redirect("programmes:event_create", page[0].pk)
    return render(
        request,
        "programmes/event_start.html",
        {
            "page_obj": page,
            "breadcrumbs": crumbs(("Events", reverse("programmes:events"))),
        },
    )


def _loggable_programme(user, pk) -> Programme:
    programme = visible_programme(user, pk)
    if not Programme.objects.loggable_by(user).filter(pk=programme.pk).exists():
        raise PermissionDenied
    return programme


@access(LOGGERS)
def event_create(request, pk):
    programme = _loggable_programme(request.user, pk)
    like = None
    if request.GET.get("like", "").isdigit():
        like = (
            EngagementEvent.objects.for_user(request.user)
            .filter(programme=programme, pk=request.GET["like"])
            .first()
        )
    form = EventForm(
        request.POST or None,
        programme=programme,
        user=request.user,
        initial=initial_for(programme, request.user, like=like),
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(user=request.user, data=form.to_input())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            if "another" in request.POST:
                messages.success(request, f"Event logged: {event.title}. This form starts from it.")
                url = reverse("programmes:event_create", args=[programme.pk])
                return redirect(f"{url}?like={event.pk}")
            messages.success(request, f"Event logged: {event.title}")
            return redirect("programmes:event", event.pk)
    return render(
        request,
        "programmes/event_form.html",
        {
            "form": form,
            "programme": programme,
            "like": like,
            "title": f"Log an event for {programme.name}",
            "breadcrumbs": programme_crumbs(programme),
        },
    )


def _visible_event(user, pk) -> EngagementEvent:
    return get_object_or_404(
        EngagementEvent.objects.for_user(user).select_related(
            "programme", "programme__area", "activity_type", "school", "created_by"
        ),
        pk=pk,
    )


def _editable_event(user, pk) -> EngagementEvent:
    event = _visible_event(user, pk)
    if not EngagementEvent.objects.editable_by(user).filter(pk=event.pk).exists():
        raise PermissionDenied
    return event


@access(EVERYONE)
def event_detail(request, pk):
    event = _visible_event(request.user, pk)
    may_edit = EngagementEvent.objects.editable_by(request.user).filter(pk=event.pk).exists()
    return render(
        request,
        "programmes/event_detail.html",
        {
            "event": event,
            "may_edit": may_edit,
            "may_log": may_edit
            and Programme.objects.loggable_by(request.user).filter(pk=event.programme_id).exists(),
            "year_groups": list(event.year_groups.select_related("year_group")),
            "demographics": list(event.demographics.all()),
            "ambassadors": list(
                event.ambassador_hours.select_related("ambassador", "ambassador__organisation")
            ),
            "quotes": list(event.quotes.all()),
            "breadcrumbs": crumbs(("Events", reverse("programmes:events"))),
        },
    )


@access(LOGGERS)
def event_edit(request, pk):
    event = _editable_event(request.user, pk)
    form = EventForm(
        request.POST or None,
        programme=event.programme,
        user=request.user,
        editing=True,
        initial=initial_from_event(event),
    )
    if request.method == "POST" and form.is_valid():
        data = form.to_input()
        data.external_reference = event.external_reference
        try:
            services.event_update(user=request.user, event=event, data=data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Event saved")
            return redirect("programmes:event", event.pk)
    return render(
        request,
        "programmes/event_form.html",
        {
            "form": form,
            "programme": event.programme,
            "event": event,
            "title": f"Change {event.title}",
            "breadcrumbs": crumbs(
                ("Events", reverse("programmes:events")),
                (event.title, reverse("programmes:event", args=[event.pk])),
            ),
        },
    )


@access(LOGGERS)
def event_delete(request, pk):
    event = _editable_event(request.user, pk)
    if request.method == "POST":
        services.event_delete(event=event)
        messages.success(request, f"Event deleted: {event.title}")
        return redirect("programmes:events")
    return render(
        request,
        "programmes/event_delete.html",
        {
            "event": event,
            "breadcrumbs": crumbs(
                ("Events", reverse("programmes:events")),
                (event.title, reverse("programmes:event", args=[event.pk])),
            ),
        },
    )


@require_POST
@access(LOGGERS)
def quote_add(request, pk):
    event = _editable_event(request.user, pk)
    try:
        services.quote_add(
            event=event,
            text=request.POST.get("text", ""),
            attribution=request.POST.get("attribution", ""),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Quote added")
    return redirect(reverse("programmes:event", args=[event.pk]) + "#quotes")


@require_POST
@access(LOGGERS)
def quote_delete(request, pk):
    quote = get_object_or_404(
        FeedbackQuote.objects.filter(event__in=EngagementEvent.objects.for_user(request.user)),
        pk=pk,
    )
    event = _editable_event(request.user, quote.event_id)
    services.quote_delete(quote=quote)
    messages.success(request, "Quote removed")
    return redirect(reverse("programmes:event", args=[event.pk]) + "#quotes")
