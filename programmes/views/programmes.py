"""Programme pages: the list, a programme's page, and the settings workforce leads
manage (details, partners, target schools, targets)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outreach.accounts.access import access
from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from outreach.pagination import page_for
from partners.models import ICBArea

from .. import academic_year, services
from ..forms.programmes import PartnerForm, ProgrammeForm, TargetForm, TargetSchoolsForm
from ..models import (
    EngagementEvent,
    GatsbyBenchmark,
    Programme,
    ProgrammePartner,
    ProgrammeTarget,
)
from ..selectors.reach import programme_figures, target_progress
from ._helpers import (
    EVERYONE,
    MANAGERS,
    PAGE_SIZE,
    add_errors,
    can_log,
    can_manage,
    crumbs,
    managed_programme,
    programme_crumbs,
    visible_programme,
)


@access(EVERYONE)
def programme_list(request):
    programmes = (
        Programme.objects.for_user(request.user)
        .select_related("area", "lead_organisation")
        .prefetch_related("goals")
        .order_by("name", "pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        programmes = programmes.filter(name__icontains=query)
    page = page_for(request, programmes, PAGE_SIZE)
    return render(
        request,
        "programmes/programme_list.html",
        {
            "page_obj": page,
            "query": query,
            "can_create": ICBArea.objects.managed_by(request.user).exists(),
            "breadcrumbs": crumbs(),
        },
    )


@access(MANAGERS)
def programme_create(request):
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(**form.service_data())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Programme created: {programme.name}")
            return redirect("programmes:detail", programme.pk)
    return render(
        request,
        "programmes/programme_form.html",
        {
            "form": form,
            "title": "Create a programme",
            "breadcrumbs": crumbs(("Programmes", reverse("programmes:list"))),
        },
    )


@access(EVERYONE)
def programme_detail(request, pk):
    programme = visible_programme(request.user, pk)
    partners = list(
        programme.partners.select_related("organisation").order_by("organisation__name", "role")
    )
    targets = list(programme.targets.all())
    figures = programme_figures(programme)
    total, by_year = figures
    not_reached = []
    if total.target_schools_not_reached:
        not_reached = list(
            programme.target_schools.filter(pk__in=total.target_schools_not_reached)
            .order_by("name")
            .values_list("name", flat=True)
        )
    recent = (
        EngagementEvent.objects.for_user(request.user)
        .filter(programme=programme)
        .select_related("activity_type", "school")[:5]
    )
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "goals": list(programme.goals.all()),
            "target_groups": list(programme.target_groups.all()),
            "partners": partners,
            "progress": target_progress(programme, targets, figures),
            "figures": total,
            "years": [
                (academic_year.label(year), by_year[year]) for year in sorted(by_year, reverse=True)
            ],
            "at_school": _at_school(request.user, programme),
            "not_reached": not_reached,
            "plans": list(programme.plans.all()),
            "recent_events": list(recent),
            "can_manage": can_manage(request.user, programme),
            "can_log": can_log(request.user, programme),
            "year_label": academic_year.label,
            "breadcrumbs": crumbs(("Programmes", reverse("programmes:list"))),
        },
    )


def _at_school(user, programme) -> dict | None:
    """For a careers lead: the programme at their school, as evidence for Gatsby
    Benchmarks."""
    schools = scope_for(user).organisation_ids(Role.CAREERS_LEAD)
    if not schools:
        return None
    events = EngagementEvent.objects.for_user(user).filter(
        programme=programme, school_id__in=schools
    )
    summary = events.aggregate(events=Count("pk"), participants=Sum("participants"))
    summary["benchmarks"] = list(
        GatsbyBenchmark.objects.filter(events__in=events).distinct().order_by("number")
    )
    return summary


@access(MANAGERS)
def programme_edit(request, pk):
    programme = managed_programme(request.user, pk)
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(programme=programme, **form.service_data())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Programme details saved")
            return redirect("programmes:detail", programme.pk)
    return render(
        request,
        "programmes/programme_form.html",
        {
            "form": form,
            "title": f"Change {programme.name}",
            "programme": programme,
            "breadcrumbs": programme_crumbs(programme),
        },
    )


@access(MANAGERS)
def programme_partners(request, pk):
    programme = managed_programme(request.user, pk)
    form = PartnerForm(request.POST or None, programme=programme, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_partner_add(programme=programme, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, f"{form.cleaned_data['organisation'].name} added as a partner"
            )
            return redirect("programmes:partners", programme.pk)
    partners = programme.partners.select_related("organisation").order_by(
        "organisation__name", "role"
    )
    return render(
        request,
        "programmes/programme_partners.html",
        {
            "programme": programme,
            "partners": partners,
            "form": form,
            "breadcrumbs": programme_crumbs(programme),
        },
    )


@require_POST
@access(MANAGERS)
def partner_remove(request, pk):
    partner = get_object_or_404(
        ProgrammePartner.objects.filter(programme__in=Programme.objects.for_user(request.user)),
        pk=pk,
    )
    programme = managed_programme(request.user, partner.programme_id)
    try:
        services.programme_partner_remove(partner=partner)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"{partner.organisation.name} removed as {partner.role} partner")
    return redirect("programmes:partners", programme.pk)


@access(MANAGERS)
def target_schools(request, pk):
    programme = managed_programme(request.user, pk)
    form = TargetSchoolsForm(
        request.POST or None,
        programme=programme,
        initial={"schools": list(programme.target_schools.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_target_schools_set(
                programme=programme, schools=form.cleaned_data["schools"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            count = len(form.cleaned_data["schools"])
            messages.success(request, f"{count} target school{'s' if count != 1 else ''} saved")
            return redirect("programmes:detail", programme.pk)
    return render(
        request,
        "programmes/target_schools.html",
        {"programme": programme, "form": form, "breadcrumbs": programme_crumbs(programme)},
    )


@access(MANAGERS)
def targets(request, pk):
    programme = managed_programme(request.user, pk)
    form = TargetForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_create(programme=programme, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Target added")
            return redirect("programmes:targets", programme.pk)
    rows = target_progress(programme, list(programme.targets.all()))
    return render(
        request,
        "programmes/targets.html",
        {
            "programme": programme,
            "form": form,
            "progress": rows,
            "year_label": academic_year.label,
            "breadcrumbs": programme_crumbs(programme),
        },
    )


@require_POST
@access(MANAGERS)
def target_delete(request, pk):
    target = get_object_or_404(
        ProgrammeTarget.objects.filter(programme__in=Programme.objects.for_user(request.user)),
        pk=pk,
    )
    programme = managed_programme(request.user, target.programme_id)
    services.target_delete(target=target)
    messages.success(request, f"Target removed: {target.get_measure_display()}")
    return redirect("programmes:targets", programme.pk)
