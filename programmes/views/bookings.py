"""Workshop booking pages: the careers lead's catalogue, booking form, My bookings and
cancellation; the delivery partner's offers, slots (one or a weekly series), slot page
with bookings and waiting list, attendance, and diary. Reads start from `for_user`,
writes go through services.bookings."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from outreach.accounts.access import PUBLIC, access
from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from outreach.pagination import page_for
from partners.models import Organisation

from ..forms.bookings import (
    AcceptProposalForm,
    AttendanceForm,
    BookingForm,
    CancelForm,
    CatalogueFilterForm,
    OfferForm,
    PriorityForm,
    ProposalForm,
    SchoolRequestForm,
    SlotForm,
    programmes_for_offers,
)
from ..models import (
    Booking,
    BookingStatus,
    OfferFormat,
    PartnerRole,
    Programme,
    RequestProposal,
    RequestStatus,
    SchoolRequest,
    WaitlistEntry,
    WaitlistStatus,
    WorkshopOffer,
    WorkshopSlot,
)
from ..services import bookings as svc
from ._helpers import EVERYONE, LOGGERS, PAGE_SIZE, add_errors, crumbs

CAREERS = frozenset({Role.CAREERS_LEAD})


def _busy(request):
    return render(request, "programmes/bookings/busy.html", {}, status=409)


def _own_school(user) -> Organisation | None:
    """The careers lead's school (the first, if they lead careers at several)."""
    schools = scope_for(user).organisation_ids(Role.CAREERS_LEAD)
    return Organisation.objects.filter(pk__in=schools).order_by("name").first()


def _postcode_area(postcode: str) -> str:
    outward = (postcode or "").upper().split(" ")[0]
    return "".join(ch for ch in outward if ch.isalpha())


def _catalogue_crumbs(*more):
    return crumbs(("Workshops", reverse("programmes:workshops")), *more)


# ------------------------------------------------------------------ careers leads


@access(EVERYONE)
def workshops(request):
    """Open slots of published offers the user may see, soonest first."""
    now = timezone.now()
    slots = WorkshopSlot.objects.filter(
        offer__in=WorkshopOffer.objects.for_user(request.user).filter(published=True),
        cancelled=False,
        booking_deadline__gt=now,
    )
    filters = CatalogueFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    if chosen.get("year_group"):
        slots = slots.filter(offer__year_groups=chosen["year_group"])
    if chosen.get("goal"):
        slots = slots.filter(offer__goals=chosen["goal"])
    if chosen.get("format"):
        slots = slots.filter(offer__format=chosen["format"])
    if chosen.get("date_from"):
        slots = slots.filter(date__gte=chosen["date_from"])
    if chosen.get("date_to"):
        slots = slots.filter(date__lte=chosen["date_to"])
    school = _own_school(request.user)
    if chosen.get("near") and school is not None:
        area = _postcode_area(school.postcode)
        slots = slots.filter(
            Q(offer__format__in=[OfferFormat.IN_SCHOOL, OfferFormat.ONLINE])
            | Q(offer__partner__postcode__istartswith=area)
        )
    slots = (
        slots.distinct()
        .select_related("offer", "offer__partner")
        .annotate(left=F("capacity") - F("places_taken"))
        .order_by("date", "start_time", "pk")
    )
    page = page_for(request, slots, PAGE_SIZE)
    return render(
        request,
        "programmes/bookings/catalogue.html",
        {
            "page_obj": page,
            "filters": filters,
            "may_book": school is not None,
            "breadcrumbs": crumbs(("Workshops", "")),
        },
    )


@access(EVERYONE)
def workshop(request, pk):
    offer = get_object_or_404(
        WorkshopOffer.objects.for_user(request.user).select_related(
            "programme", "partner", "activity_type"
        ),
        pk=pk,
    )
    slots = offer.slots.filter(cancelled=False, booking_deadline__gt=timezone.now()).order_by(
        "date", "start_time"
    )
    page = page_for(request, slots, PAGE_SIZE)
    return render(
        request,
        "programmes/bookings/offer_detail.html",
        {
            "offer": offer,
            "page_obj": page,
            "may_book": offer.published and _own_school(request.user) is not None,
            "may_manage": WorkshopOffer.objects.manageable_by(request.user)
            .filter(pk=offer.pk)
            .exists(),
            "breadcrumbs": _catalogue_crumbs((offer.title, "")),
        },
    )


@access(CAREERS)
def book(request, pk):
    slot = get_object_or_404(
        WorkshopSlot.objects.for_user(request.user).select_related("offer", "offer__partner"),
        pk=pk,
    )
    school = _own_school(request.user)
    form = BookingForm(
        request.POST or None,
        offer=slot.offer,
        initial={"contact_name": request.user.get_full_name(), "contact_email": request.user.email},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        booking_request = svc.BookingRequest(school=school, **data)
        try:
            if request.POST.get("waitlist"):
                svc.waitlist_join(user=request.user, slot=slot, request=booking_request)
                outcome = None
            else:
                outcome = svc.booking_create(user=request.user, slot=slot, request=booking_request)
        except svc.SlotBusy:
            return _busy(request)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if outcome is not None and outcome.confirmed:
                messages.success(request, f"Booked: {slot.offer.title} on {slot.date:%-d %B %Y}.")
            else:
                messages.info(
                    request,
                    "There were not enough places, so your group is on the waiting list. "
                    "We will email you if places are offered.",
                )
            return redirect("programmes:my_bookings")
    slot.refresh_from_db()
    return render(
        request,
        "programmes/bookings/book.html",
        {
            "slot": slot,
            "offer": slot.offer,
            "school": school,
            "form": form,
            "breadcrumbs": _catalogue_crumbs(
                (slot.offer.title, reverse("programmes:workshop", args=[slot.offer_id])),
                ("Book", ""),
            ),
        },
    )


@access(CAREERS)
def my_bookings(request):
    bookings = (
        Booking.objects.for_user(request.user)
        .filter(school_id__in=scope_for(request.user).organisation_ids(Role.CAREERS_LEAD))
        .select_related("slot", "slot__offer", "slot__offer__partner", "year_group", "school")
        .order_by("-slot__date", "-slot__start_time", "-pk")
    )
    waiting = (
        WaitlistEntry.objects.for_user(request.user)
        .filter(
            school_id__in=scope_for(request.user).organisation_ids(Role.CAREERS_LEAD),
            status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED],
        )
        .select_related("slot", "slot__offer", "year_group")
        .order_by("slot__date", "pk")
    )
    page = page_for(request, bookings, PAGE_SIZE)
    now = timezone.now()
    return render(
        request,
        "programmes/bookings/my_bookings.html",
        {
            "page_obj": page,
            "waiting": waiting[:PAGE_SIZE],
            "now": now,
            "breadcrumbs": crumbs(("My bookings", "")),
        },
    )


_staff_for = svc.is_staff_for


@access(EVERYONE)
def booking_cancel(request, pk):
    booking = get_object_or_404(
        Booking.objects.for_user(request.user).select_related(
            "slot", "slot__offer", "slot__offer__programme", "school", "year_group"
        ),
        pk=pk,
    )
    staff = _staff_for(request.user, booking.slot)
    if not staff and booking.school_id not in scope_for(request.user).organisation_ids(
        Role.CAREERS_LEAD
    ):
        raise PermissionDenied
    form = CancelForm(request.POST or None)
    if not staff:
        del form.fields["late"]
        form.fields["reason"].help_text = "Optional: it helps the delivery partner."
    if request.method == "POST" and form.is_valid():
        try:
            if staff and form.cleaned_data.get("late"):
                svc.booking_mark_late_cancellation(
                    user=request.user, booking=booking, reason=form.cleaned_data["reason"]
                )
            else:
                svc.booking_cancel(
                    user=request.user, booking=booking, reason=form.cleaned_data["reason"]
                )
        except svc.SlotBusy:
            return _busy(request)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Booking cancelled: {booking.slot.offer.title}.")
            if staff:
                return redirect("programmes:slot", booking.slot_id)
            return redirect("programmes:my_bookings")
    return render(
        request,
        "programmes/bookings/cancel.html",
        {
            "booking": booking,
            "form": form,
            "staff": staff,
            "breadcrumbs": crumbs(
                ("My bookings", reverse("programmes:my_bookings"))
                if not staff
                else ("Diary", reverse("programmes:diary")),
                ("Cancel a booking", ""),
            ),
        },
    )


def _own_entry(user, pk) -> WaitlistEntry:
    return get_object_or_404(
        WaitlistEntry.objects.filter(
            school_id__in=scope_for(user).organisation_ids(Role.CAREERS_LEAD)
        ),
        pk=pk,
    )


@require_POST
@access(CAREERS)
def waitlist_leave(request, pk):
    entry = _own_entry(request.user, pk)
    try:
        svc.waitlist_leave(user=request.user, entry=entry)
    except svc.SlotBusy:
        return _busy(request)
    messages.success(request, "You have left the waiting list.")
    return redirect("programmes:my_bookings")


@require_POST
@access(CAREERS)
def waitlist_accept(request, pk):
    entry = _own_entry(request.user, pk)
    try:
        svc.waitlist_accept(user=request.user, entry=entry)
    except svc.SlotBusy:
        return _busy(request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Place accepted: your booking is confirmed.")
    return redirect("programmes:my_bookings")


# ------------------------------------------------------------- delivery partners


def _managed_offer(user, pk) -> WorkshopOffer:
    offer = get_object_or_404(
        WorkshopOffer.objects.for_user(user).select_related("programme", "partner"), pk=pk
    )
    if not WorkshopOffer.objects.manageable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return offer


def _managed_slot(user, pk) -> WorkshopSlot:
    slot = get_object_or_404(
        WorkshopSlot.objects.for_user(user).select_related(
            "offer", "offer__programme", "offer__partner"
        ),
        pk=pk,
    )
    if not _staff_for(user, slot):
        raise PermissionDenied
    return slot


def _partner_orgs(user):
    scope = scope_for(user)
    if scope.is_admin:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        Q(pk__in=scope.organisation_ids(Role.DELIVERY_PARTNER)) | Q(area_id__in=scope.lead_area_ids)
    ).order_by("name")


@access(LOGGERS)
def offers(request):
    rows = (
        WorkshopOffer.objects.manageable_by(request.user)
        .select_related("programme", "partner")
        .annotate(slot_count=Count("slots", filter=Q(slots__date__gte=timezone.localdate())))
        .order_by("title", "pk")
    )
    page = page_for(request, rows, PAGE_SIZE)
    return render(
        request,
        "programmes/bookings/offers.html",
        {"page_obj": page, "breadcrumbs": crumbs(("Workshop offers", ""))},
    )


def _offer_values(form):
    data = dict(form.cleaned_data)
    relations = {
        "goals": list(data.pop("goals")),
        "year_groups": list(data.pop("year_groups")),
        "open_to_schools": list(data.pop("open_to_schools")),
    }
    data.pop("programme", None)
    data.pop("partner", None)
    return data, relations


@access(LOGGERS)
def offer_create(request):
    form = OfferForm(
        request.POST or None,
        programmes=programmes_for_offers(request.user),
        partners=_partner_orgs(request.user),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        values, relations = _offer_values(form)
        try:
            offer = svc.offer_create(
                programme=form.cleaned_data["programme"],
                partner=form.cleaned_data["partner"],
                **relations,
                **values,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Offer saved: {offer.title}. Now add its slots.")
            return redirect("programmes:slot_create", offer.pk)
    return render(
        request,
        "programmes/bookings/form.html",
        {
            "form": form,
            "title": "Publish a workshop offer",
            "breadcrumbs": crumbs(
                ("Workshop offers", reverse("programmes:offers")), ("New offer", "")
            ),
        },
    )


@access(LOGGERS)
def offer_edit(request, pk):
    offer = _managed_offer(request.user, pk)
    form = OfferForm(
        request.POST or None,
        instance=offer,
        programmes=programmes_for_offers(request.user),
        partners=_partner_orgs(request.user),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        values, relations = _offer_values(form)
        offer.refresh_from_db()
        try:
            svc.offer_update(offer=offer, **relations, **values)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Offer saved: {offer.title}.")
            return redirect("programmes:workshop", offer.pk)
    return render(
        request,
        "programmes/bookings/form.html",
        {
            "form": form,
            "title": f"Change “{offer.title}”",
            "breadcrumbs": crumbs(
                ("Workshop offers", reverse("programmes:offers")), (offer.title, "")
            ),
        },
    )


@access(LOGGERS)
def slot_create(request, pk):
    offer = _managed_offer(request.user, pk)
    form = SlotForm(request.POST or None, initial={"capacity": offer.max_students})
    if request.method == "POST" and form.is_valid():
        data = form.slot_input()
        until = form.cleaned_data.get("repeat_until")
        try:
            if until:
                created = svc.slot_series_create(offer=offer, first=data, until=until)
            else:
                created = [svc.slot_create(offer=offer, data=data)]
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, f"{len(created)} slot{'s' if len(created) != 1 else ''} added."
            )
            return redirect("programmes:workshop", offer.pk)
    return render(
        request,
        "programmes/bookings/form.html",
        {
            "form": form,
            "title": f"Add slots to “{offer.title}”",
            "breadcrumbs": crumbs(
                ("Workshop offers", reverse("programmes:offers")),
                (offer.title, reverse("programmes:workshop", args=[offer.pk])),
                ("Add slots", ""),
            ),
        },
    )


@access(LOGGERS)
def slot_detail(request, pk):
    slot = _managed_slot(request.user, pk)
    bookings = slot.bookings.select_related("school", "year_group").order_by("status", "pk")
    waiting = slot.waitlist.select_related("school", "year_group").in_order()
    return render(
        request,
        "programmes/bookings/slot_detail.html",
        {
            "slot": slot,
            "offer": slot.offer,
            "bookings": bookings,
            "waiting": waiting,
            "started": timezone.make_aware(datetime.datetime.combine(slot.date, slot.start_time))
            <= timezone.now(),
            "priority_form": PriorityForm(),
            "breadcrumbs": crumbs(("Diary", reverse("programmes:diary")), (str(slot), "")),
        },
    )


@access(LOGGERS)
def booking_attendance(request, pk):
    booking = get_object_or_404(
        Booking.objects.for_user(request.user).select_related("slot", "slot__offer", "school"),
        pk=pk,
    )
    if not _staff_for(request.user, booking.slot):
        raise PermissionDenied
    form = AttendanceForm(request.POST or None, initial={"attended": booking.students})
    if request.method == "POST" and form.is_valid():
        attended = form.cleaned_data["attended"]
        try:
            if attended == 0:
                svc.booking_mark_no_show(user=request.user, booking=booking)
            else:
                svc.booking_deliver(user=request.user, booking=booking, attended=attended)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                "Recorded as a no-show."
                if attended == 0
                else "Attendance recorded and the event logged.",
            )
            return redirect("programmes:slot", booking.slot_id)
    return render(
        request,
        "programmes/bookings/form.html",
        {
            "form": form,
            "title": f"Attendance: {booking.school}, {booking.slot}",
            "hint": "Enter 0 if the group did not come: it is recorded as a no-show.",
            "breadcrumbs": crumbs(
                ("Diary", reverse("programmes:diary")),
                (str(booking.slot), reverse("programmes:slot", args=[booking.slot_id])),
                ("Attendance", ""),
            ),
        },
    )


@require_POST
@access(LOGGERS)
def waitlist_priority(request, pk):
    entry = get_object_or_404(
        WaitlistEntry.objects.for_user(request.user).select_related("slot__offer__programme"),
        pk=pk,
    )
    if not _staff_for(request.user, entry.slot):
        raise PermissionDenied
    form = PriorityForm(request.POST)
    if form.is_valid():
        svc.waitlist_set_priority(user=request.user, entry=entry, **form.cleaned_data)
        messages.success(request, f"Priority changed for {entry.school}.")
    else:
        messages.error(request, "Choose a priority group and say why you are changing it.")
    return redirect("programmes:slot", entry.slot_id)


def _diary_slots(user):
    return (
        WorkshopSlot.objects.filter(
            offer__in=WorkshopOffer.objects.manageable_by(user),
            date__gte=timezone.localdate(),
        )
        .select_related("offer")
        .annotate(
            booked=Count(
                "bookings",
                filter=Q(bookings__status=BookingStatus.CONFIRMED),
                distinct=True,
            ),
            waiting_count=Count(
                "waitlist",
                filter=Q(waitlist__status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED]),
                distinct=True,
            ),
        )
        .order_by("date", "start_time", "pk")
    )


@access(LOGGERS)
def diary(request):
    """Upcoming slots of the offers the user manages, with bookings and waiting lists,
    the open requests from schools in their areas, and a calendar subscription link."""
    from .. import ical

    page = page_for(request, _diary_slots(request.user), PAGE_SIZE)
    open_requests = SchoolRequest.objects.for_user(request.user).filter(status=RequestStatus.OPEN)
    token = ical.feed_token(request.user, "diary")
    feed = request.build_absolute_uri(reverse("programmes:diary_ical", args=[token]))
    return render(
        request,
        "programmes/bookings/diary.html",
        {
            "page_obj": page,
            "open_requests": open_requests.count(),
            "feed_url": feed,
            "breadcrumbs": crumbs(("Diary", "")),
        },
    )


@access(PUBLIC)
def diary_ical(request, token):
    """Public URL, private content: the signed subscription link names the user, and the
    feed shows only the slots that user manages today."""
    from django.http import Http404, HttpResponse

    from .. import ical
    from ..booking_ical import diary_calendar

    user = ical.user_for_token(token, "diary")
    if user is None:
        raise Http404
    if not scope_for(user).has_any(LOGGERS):
        raise Http404
    slots = _diary_slots(user)[:500]
    body = diary_calendar(
        "Outreach workshop diary",
        slots,
        lambda slot: request.build_absolute_uri(reverse("programmes:slot", args=[slot.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="diary.ics"'
    return response


# ------------------------------------------------------------ requests from schools


@access(EVERYONE)
def requests(request):
    """Careers leads: their school's requests. Partners and leads: open requests from
    schools in their areas."""
    scope = scope_for(request.user)
    rows = SchoolRequest.objects.for_user(request.user).select_related("school", "year_group")
    own = scope.organisation_ids(Role.CAREERS_LEAD)
    if own and not (
        scope.is_admin or scope.organisation_ids(Role.DELIVERY_PARTNER) or scope.lead_area_ids
    ):
        rows = rows.filter(school_id__in=own)
    else:
        rows = rows.filter(Q(status=RequestStatus.OPEN) | Q(school_id__in=own))
    page = page_for(
        request,
        rows.annotate(proposal_count=Count("proposals")).order_by("-created_at", "-pk"),
        PAGE_SIZE,
    )
    return render(
        request,
        "programmes/bookings/requests.html",
        {"page_obj": page, "may_ask": bool(own), "breadcrumbs": crumbs(("Requests", ""))},
    )


@access(CAREERS)
def request_create(request):
    school = _own_school(request.user)
    form = SchoolRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = svc.school_request_create(user=request.user, school=school, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, "Request sent. Delivery partners in your area can now offer to take it."
            )
            return redirect("programmes:request", made.pk)
    return render(
        request,
        "programmes/bookings/form.html",
        {
            "form": form,
            "title": "Ask for something the catalogue does not cover",
            "breadcrumbs": crumbs(
                ("Requests", reverse("programmes:requests")), ("New request", "")
            ),
        },
    )


@access(EVERYONE)
def request_detail(request, pk):
    school_request = get_object_or_404(
        SchoolRequest.objects.for_user(request.user).select_related("school", "year_group"),
        pk=pk,
    )
    scope = scope_for(request.user)
    is_own = school_request.school_id in scope.organisation_ids(Role.CAREERS_LEAD)
    partners = Organisation.objects.filter(
        pk__in=scope.organisation_ids(Role.DELIVERY_PARTNER)
    ).order_by("name")
    may_propose = school_request.status == RequestStatus.OPEN and partners.exists()
    form = None
    if may_propose:
        programmes = (
            Programme.objects.filter(
                area_id=school_request.school.area_id,
                partners__organisation__in=partners,
                partners__role__in=[PartnerRole.DELIVERY, PartnerRole.LEAD],
            )
            .distinct()
            .order_by("name")
        )
        form = ProposalForm(request.POST or None, programmes=programmes, partners=partners)
        if request.method == "POST" and form.is_valid():
            try:
                svc.request_proposal_create(
                    user=request.user, school_request=school_request, **form.cleaned_data
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, "Your offer has been sent to the school.")
                return redirect("programmes:request", school_request.pk)
    elif request.method == "POST":
        raise PermissionDenied
    proposals = school_request.proposals.select_related("partner", "ambassador", "programme")
    if not (is_own or scope.is_admin or school_request.school.area_id in scope.lead_area_ids):
        proposals = proposals.filter(partner__in=partners)
    return render(
        request,
        "programmes/bookings/request_detail.html",
        {
            "school_request": school_request,
            "proposals": proposals,
            "is_own": is_own,
            "form": form,
            "accept_form": AcceptProposalForm(
                initial={
                    "contact_name": request.user.get_full_name(),
                    "contact_email": request.user.email,
                }
            ),
            "breadcrumbs": crumbs(
                ("Requests", reverse("programmes:requests")), (school_request.topic, "")
            ),
        },
    )


@require_POST
@access(CAREERS)
def proposal_accept(request, pk):
    proposal = get_object_or_404(
        RequestProposal.objects.filter(
            request__school_id__in=scope_for(request.user).organisation_ids(Role.CAREERS_LEAD)
        ),
        pk=pk,
    )
    form = AcceptProposalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter the name and email address of the teacher to contact.")
        return redirect("programmes:request", proposal.request_id)
    try:
        svc.request_proposal_accept(user=request.user, proposal=proposal, **form.cleaned_data)
    except svc.SlotBusy:
        return _busy(request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programmes:request", proposal.request_id)
    messages.success(request, f"Booked: {proposal.request.topic} on {proposal.date:%-d %B %Y}.")
    return redirect("programmes:my_bookings")


# ------------------------------------------------------------ my school's record


def _record_school(request):
    school = _own_school(request.user)
    if school is None:
        raise PermissionDenied
    return school


@access(CAREERS)
def school_record(request):
    from ..selectors import school_record as record

    school = _record_school(request)
    table, benchmarks, totals = record.summary(school)
    page = page_for(request, record.encounters(school), PAGE_SIZE)
    rows = [
        {"name": name, "total": totals[name], "cells": [cells.get(b.number, 0) for b in benchmarks]}
        for name, cells in table.items()
    ]
    return render(
        request,
        "programmes/bookings/school_record.html",
        {
            "school": school,
            "rows": rows,
            "benchmarks": benchmarks,
            "page_obj": page,
            "breadcrumbs": crumbs(("My school’s record", "")),
        },
    )


@access(CAREERS)
def school_record_csv(request):
    import csv

    from django.http import StreamingHttpResponse

    from ..selectors import school_record as record

    school = _record_school(request)

    class Echo:
        def write(self, value):
            return value

    from reporting.render.safe import neutralise

    writer = csv.writer(Echo())

    def rows():
        yield writer.writerow(record.HEADER)
        for event in record.encounters(school).iterator(chunk_size=500):
            # Titles and names are typed by people: never let a spreadsheet run them.
            yield writer.writerow([neutralise(cell) for cell in record.row_of(event)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="encounters-{school.urn or school.pk}.csv"'
    )
    return response


@access(CAREERS)
def school_record_pdf(request):
    from django.http import HttpResponse

    from .. import simple_pdf
    from ..selectors import school_record as record

    school = _record_school(request)
    table, benchmarks, totals = record.summary(school)
    lines = [
        (f"{school.name}: encounters with health and care employers", 15, True),
        (f"Evidence for the careers programme review, {timezone.localdate():%-d %B %Y}", 10, False),
        ("", 6, False),
        ("Encounters by year group and Gatsby Benchmark", 12, True),
        ("Year group      All   " + "  ".join(f"GB{b.number}" for b in benchmarks), 9, True),
    ]
    for name, cells in table.items():
        numbers = "  ".join(f"{cells.get(b.number, 0):>3}" for b in benchmarks)
        lines.append((f"{name:<14} {totals[name]:>4}   {numbers}", 9, False))
    if not table:
        lines.append(("No encounters recorded yet.", 9, False))
    lines += [("", 6, False), ("Benchmarks", 10, True)]
    lines += [(simple_pdf.fit(f"GB{b.number}: {b.name}", 8), 8, False) for b in benchmarks]
    lines += [("", 6, False), ("Encounters, most recent first", 12, True)]
    events = list(record.encounters(school)[:41])
    more = len(events) > 40
    events = events[:40]
    for event in events:
        row = record.row_of(event)
        lines.append(
            (
                simple_pdf.fit(f"{row[0]}  {row[1]} – {row[3]} – {row[4]} – GB {row[6] or '–'}", 8),
                8,
                False,
            )
        )
    pdf, left_off = simple_pdf.one_page(lines)
    if left_off or more:
        lines = lines[: len(lines) - left_off - 1] + [
            ("More encounters are in the CSV download.", 8, True)
        ]
        pdf, _ = simple_pdf.one_page(lines)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="encounters-{school.urn or school.pk}.pdf"'
    )
    return response
