"""Workshop booking pages: the careers lead's catalogue, booking form, My bookings and
cancellation; the delivery partner's offers, slots (one or a weekly series), slot page
with bookings and waiting list, attendance, and diary. Reads start from `for_user`,
writes go through services.bookings."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from outreach.accounts.access import access
from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from partners.models import Organisation

from ..forms.bookings import (
    AttendanceForm,
    BookingForm,
    CancelForm,
    CatalogueFilterForm,
    OfferForm,
    PriorityForm,
    SlotForm,
    programmes_for_offers,
)
from ..models import (
    Booking,
    BookingStatus,
    OfferFormat,
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
    page = Paginator(slots, PAGE_SIZE).get_page(request.GET.get("page"))
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
    page = Paginator(slots, PAGE_SIZE).get_page(request.GET.get("page"))
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
    page = Paginator(bookings, PAGE_SIZE).get_page(request.GET.get("page"))
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
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
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


@access(LOGGERS)
def diary(request):
    """Upcoming slots of the offers the user manages, with bookings and waiting lists."""
    slots = (
        WorkshopSlot.objects.filter(
            offer__in=WorkshopOffer.objects.manageable_by(request.user),
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
    page = Paginator(slots, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/bookings/diary.html",
        {"page_obj": page, "breadcrumbs": crumbs(("Diary", ""))},
    )
