"""Participant pathways pages: cohorts and their dashboard (pseudonymised figures, small
numbers suppressed, for workforce leads, administrators and employer partners), and for
the delivering organisation's delivery partners only, the participants themselves (each
view of a name logged), stages, support, retention check-ins and erasure.

Careers leads see nothing of participants: every page here is closed to them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from outreach.accounts.access import access
from outreach.accounts.roles import Role
from outreach.pagination import page_for
from outreach.privacy.rights import erase_person

from ..forms.participants import CheckInForm, CohortForm, ParticipantForm, StageForm, SupportForm
from ..models import (
    PATHWAY,
    CheckInStatus,
    Cohort,
    Participant,
    Programme,
    RetentionCheckIn,
    Stage,
)
from ..selectors.cohorts import cohort_dashboard
from ..services import participants as services
from ._helpers import MANAGERS, PAGE_SIZE, add_errors, can_manage, crumbs, managed_programme

# Who may open participant pages at all: never careers leads.
VIEWERS = frozenset({Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER, Role.ADMINISTRATOR})
# Who may record anything about a participant: the delivering organisation's staff.
DELIVERY = frozenset({Role.DELIVERY_PARTNER})


def visible_cohort(user, pk) -> Cohort:
    return get_object_or_404(
        Cohort.objects.for_user(user).select_related(
            "programme", "programme__area", "delivering_organisation"
        ),
        pk=pk,
    )


def named_cohort(user, pk) -> Cohort:
    """A cohort whose participants the user may name and change: 404 outside their sight,
    403 when they may see it but are not its delivering organisation's staff."""
    cohort = visible_cohort(user, pk)
    if not Cohort.objects.named_for(user).filter(pk=cohort.pk).exists():
        raise PermissionDenied
    return cohort


def visible_participant(user, pk) -> Participant:
    return get_object_or_404(
        Participant.objects.filter(cohort__in=Cohort.objects.for_user(user)).select_related(
            "cohort", "cohort__programme", "cohort__delivering_organisation"
        ),
        pk=pk,
    )


def named_participant(user, pk) -> Participant:
    participant = visible_participant(user, pk)
    if not Cohort.objects.named_for(user).filter(pk=participant.cohort_id).exists():
        raise PermissionDenied
    return participant


def cohort_crumbs(cohort, *more):
    return crumbs(
        ("Cohorts", reverse("programmes:cohorts")),
        (cohort.name, reverse("programmes:cohort", args=[cohort.pk])),
        *more,
    )


def participant_crumbs(participant, *more):
    return cohort_crumbs(
        participant.cohort,
        (participant.reference, reverse("programmes:participant", args=[participant.pk])),
        *more,
    )


# Cohorts ------------------------------------------------------------------------------


@access(VIEWERS)
def cohort_list(request):
    cohorts = (
        Cohort.objects.for_user(request.user)
        .select_related("programme", "delivering_organisation")
        .order_by("-starts_on", "name", "pk")
    )
    page = page_for(request, cohorts, PAGE_SIZE)

    return render(
        request,
        "programmes/participants/cohort_list.html",
        {
            "page_obj": page,
            "managed_programmes": list(
                Programme.objects.manageable_by(request.user).order_by("name")[:50]
            ),
            "breadcrumbs": crumbs(),
        },
    )


@access(MANAGERS)
def cohort_create(request, pk):
    programme = managed_programme(request.user, pk)
    form = CohortForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "employers"}
        try:
            cohort = services.cohort_create(
                programme=programme, data=data, employers=form.cleaned_data["employers"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Cohort “{cohort.name}” added.")
            return redirect("programmes:cohort", cohort.pk)
    return render(
        request,
        "programmes/participants/form.html",
        {
            "form": form,
            "title": "Add a cohort",
            "caption": programme.name,
            "back": reverse("programmes:detail", args=[programme.pk]),
            "breadcrumbs": crumbs(
                ("Cohorts", reverse("programmes:cohorts")),
            ),
        },
    )


@access(MANAGERS)
def cohort_edit(request, pk):
    cohort = visible_cohort(request.user, pk)
    programme = managed_programme(request.user, cohort.programme_id)
    form = CohortForm(request.POST or None, instance=cohort, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "employers"}
        try:
            services.cohort_update(
                cohort=cohort, data=data, employers=form.cleaned_data["employers"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Cohort saved.")
            return redirect("programmes:cohort", cohort.pk)
    return render(
        request,
        "programmes/participants/form.html",
        {
            "form": form,
            "title": f"Change {cohort.name}",
            "caption": programme.name,
            "back": reverse("programmes:cohort", args=[cohort.pk]),
            "breadcrumbs": cohort_crumbs(cohort),
        },
    )


@access(VIEWERS)
def cohort_detail(request, pk):
    cohort = visible_cohort(request.user, pk)
    named = Cohort.objects.named_for(request.user).filter(pk=cohort.pk).exists()
    # Individual records are listed for the delivering organisation only.
    participants = (
        cohort.participants.order_by("reference") if named else Participant.objects.none()
    )
    if request.GET.get("q"):
        q = request.GET["q"].strip()
        match = Q(reference__iexact=q)
        if named:  # the partner's own reference is theirs to search by
            match |= Q(partner_reference__iexact=q)
        participants = participants.filter(match)
    page = page_for(request, participants, PAGE_SIZE)
    return render(
        request,
        "programmes/participants/cohort_detail.html",
        {
            "cohort": cohort,
            "dash": cohort_dashboard(cohort=cohort, named=named),
            "named": named,
            "page_obj": page,
            "q": request.GET.get("q", ""),
            "can_manage": can_manage(request.user, cohort.programme),
            "breadcrumbs": crumbs(("Cohorts", reverse("programmes:cohorts"))),
        },
    )


# Participants -------------------------------------------------------------------------


@access(DELIVERY)
def participant_create(request, pk):
    cohort = named_cohort(request.user, pk)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_create(
                cohort=cohort,
                data=form.participant_data(),
                identity=form.identity_data(),
                user=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{participant.reference} enrolled.")
            return redirect("programmes:participant", participant.pk)
    return render(
        request,
        "programmes/participants/form.html",
        {
            "form": form,
            "title": "Add a participant",
            "caption": cohort.name,
            "intro": "We ask only what funders need. Every equality question is optional "
            "and has a “Prefer not to say” answer. The name and contact details are seen "
            "only by your organisation's delivery staff.",
            "privacy_notice": True,
            "back": reverse("programmes:cohort", args=[cohort.pk]),
            "breadcrumbs": cohort_crumbs(cohort),
        },
    )


@access(DELIVERY)
def participant_detail(request, pk):
    """One person's record: the delivering organisation's staff only. Everyone else sees
    the cohort's figures, never individual records (small numbers would show through)."""
    participant = named_participant(request.user, pk)
    named = True
    identity = None
    if not participant.erased_at:
        identity = services.identity_view(participant=participant, user=request.user)
    stages = {s.stage: s for s in participant.stages.select_related("referred_by", "employer")}
    pathway = [{"stage": stage, "row": stages.get(stage.value)} for stage in Stage]
    return render(
        request,
        "programmes/participants/participant_detail.html",
        {
            "participant": participant,
            "cohort": participant.cohort,
            "named": named,
            "identity": identity,
            "pathway": pathway,
            "support": list(participant.support.all()[:50]),
            "check_ins": list(participant.check_ins.all()),
            "access_log": list(participant.access_log.all()[:10]) if named else [],
            "breadcrumbs": cohort_crumbs(participant.cohort),
        },
    )


@access(DELIVERY)
def participant_edit(request, pk):
    participant = named_participant(request.user, pk)
    if participant.erased_at:
        messages.error(request, "This participant's details have been erased.")
        return redirect("programmes:participant", participant.pk)
    identity = services.identity_view(participant=participant, user=request.user)
    form = ParticipantForm(request.POST or None, instance=participant, identity=identity)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                participant=participant,
                data=form.participant_data(),
                identity=form.identity_data(),
                user=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Details saved.")
            return redirect("programmes:participant", participant.pk)
    return render(
        request,
        "programmes/participants/form.html",
        {
            "form": form,
            "title": f"Change {participant.reference}",
            "privacy_notice": True,
            "caption": participant.cohort.name,
            "back": reverse("programmes:participant", args=[participant.pk]),
            "breadcrumbs": participant_crumbs(participant),
        },
    )


@access(DELIVERY)
def stage_record(request, pk):
    participant = named_participant(request.user, pk)
    initial = {"occurred_on": timezone.localdate()}
    if request.GET.get("stage") in Stage.values:
        initial["stage"] = request.GET["stage"]
    elif participant.furthest_position < len(PATHWAY) and not participant.left_on:
        initial["stage"] = PATHWAY[participant.furthest_position].value  # the next stage
    form = StageForm(request.POST or None, cohort=participant.cohort, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_record(
                participant=participant,
                stage=form.cleaned_data["stage"],
                occurred_on=form.cleaned_data["occurred_on"],
                skip_reason=form.cleaned_data["skip_reason"],
                details=form.details(),
                user=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{Stage(form.cleaned_data['stage']).label} recorded.")
            return redirect("programmes:participant", participant.pk)
    return render(
        request,
        "programmes/participants/form.html",
        {
            "form": form,
            "title": f"Record a stage for {participant.reference}",
            "caption": participant.cohort.name,
            "intro": "Stages go in order. If you skip one, say why. Fill in the details "
            "that match the stage: who referred them, the job offered, or why they left.",
            "back": reverse("programmes:participant", args=[participant.pk]),
            "breadcrumbs": participant_crumbs(participant),
        },
    )


@access(DELIVERY)
def support_add(request, pk):
    participant = named_participant(request.user, pk)
    form = SupportForm(request.POST or None, initial={"occurred_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.support_add(participant=participant, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Support recorded.")
            return redirect("programmes:participant", participant.pk)
    return render(
        request,
        "programmes/participants/form.html",
        {
            "form": form,
            "title": f"Record support for {participant.reference}",
            "caption": participant.cohort.name,
            "back": reverse("programmes:participant", args=[participant.pk]),
            "breadcrumbs": participant_crumbs(participant),
        },
    )


@access(DELIVERY)
def participant_erase(request, pk):
    participant = named_participant(request.user, pk)
    if request.method == "POST":
        # The data protection service: also blanks notes and redacts the audit trail.
        erase_person(kind="participant", person=participant, user=request.user)
        messages.success(
            request,
            f"The name and contact details of {participant.reference} have been erased. "
            "Their pathway stays in the figures.",
        )
        return redirect("programmes:participant", participant.pk)
    return render(
        request,
        "programmes/participants/erase.html",
        {
            "participant": participant,
            "breadcrumbs": participant_crumbs(participant),
        },
    )


# Check-ins ----------------------------------------------------------------------------


def due_check_ins(user, today=None):
    """Unanswered check-ins now due, for cohorts the user's organisation delivers."""
    today = today or timezone.localdate()
    return (
        RetentionCheckIn.objects.filter(
            status=CheckInStatus.DUE,
            due_on__lte=today,
            participant__cohort__in=Cohort.objects.named_for(user),
        )
        .select_related("participant", "participant__cohort")
        .order_by("due_on", "pk")
    )


@access(DELIVERY)
def check_in_list(request):
    page = page_for(request, due_check_ins(request.user), PAGE_SIZE)
    return render(
        request,
        "programmes/participants/check_in_list.html",
        {"page_obj": page, "today": timezone.localdate(), "breadcrumbs": crumbs()},
    )


@access(DELIVERY)
def check_in_answer(request, pk):
    check_in = get_object_or_404(
        RetentionCheckIn.objects.filter(
            participant__cohort__in=Cohort.objects.for_user(request.user)
        ).select_related("participant", "participant__cohort"),
        pk=pk,
    )
    participant = named_participant(request.user, check_in.participant_id)
    form = CheckInForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.check_in_answer(
                check_in=check_in,
                in_post=data["in_post"],
                answered_on=data["answered_on"],
                left_on=data["left_on"],
                left_reason=data["left_reason"],
                user=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Check-in for {participant.reference} recorded.")
            return redirect("programmes:participant", participant.pk)
    return render(
        request,
        "programmes/participants/form.html",
        {
            "form": form,
            "title": f"Still in post? {participant.reference} at {check_in.months} months",
            "caption": participant.cohort.name,
            "back": reverse("programmes:participant", args=[participant.pk]),
            "breadcrumbs": participant_crumbs(participant),
        },
    )
