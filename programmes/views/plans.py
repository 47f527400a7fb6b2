"""The annual plan: the grid of planned against delivered, and its planned activities."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from outreach.accounts.access import access

from .. import services
from ..forms.plans import PlanForm, PlannedActivityForm
from ..models import AnnualPlan, PlannedActivity
from ..selectors.plans import plan_grid
from ._helpers import (
    EVERYONE,
    MANAGERS,
    add_errors,
    can_log,
    can_manage,
    managed_programme,
    programme_crumbs,
)


def _visible_plan(user, pk) -> AnnualPlan:
    return get_object_or_404(
        AnnualPlan.objects.for_user(user).select_related(
            "programme", "programme__area", "programme__lead_organisation"
        ),
        pk=pk,
    )


def _managed_plan(user, pk) -> AnnualPlan:
    plan = _visible_plan(user, pk)
    managed_programme(user, plan.programme_id)
    return plan


@access(MANAGERS)
def plan_create(request, pk):
    programme = managed_programme(request.user, pk)
    form = PlanForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                programme=programme,
                academic_year_start=form.cleaned_data["academic_year"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Plan for {plan.year_label} started")
            return redirect("programmes:plan", plan.pk)
    return render(
        request,
        "programmes/plan_form.html",
        {"programme": programme, "form": form, "breadcrumbs": programme_crumbs(programme)},
    )


@access(EVERYONE)
def plan_detail(request, pk):
    plan = _visible_plan(request.user, pk)
    programme = plan.programme
    return render(
        request,
        "programmes/plan_detail.html",
        {
            "plan": plan,
            "programme": programme,
            "grid": plan_grid(plan),
            "can_manage": can_manage(request.user, programme),
            "can_log": can_log(request.user, programme),
            "breadcrumbs": programme_crumbs(programme),
        },
    )


def _activity_page(request, plan, form, title):
    return render(
        request,
        "programmes/activity_form.html",
        {
            "plan": plan,
            "form": form,
            "title": title,
            "breadcrumbs": programme_crumbs(
                plan.programme, (f"Plan {plan.year_label}", plan_url(plan))
            ),
        },
    )


def plan_url(plan):
    from django.urls import reverse

    return reverse("programmes:plan", args=[plan.pk])


@access(MANAGERS)
def activity_create(request, pk):
    plan = _managed_plan(request.user, pk)
    form = PlannedActivityForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.planned_activity_create(plan=plan, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Planned activity added")
            if "add_another" in request.POST:
                return redirect("programmes:activity_create", plan.pk)
            return redirect("programmes:plan", plan.pk)
    return _activity_page(request, plan, form, "Plan an activity")


def _managed_activity(user, pk) -> PlannedActivity:
    activity = get_object_or_404(
        PlannedActivity.objects.for_user(user).select_related("plan", "plan__programme"), pk=pk
    )
    managed_programme(user, activity.plan.programme_id)
    return activity


@access(MANAGERS)
def activity_edit(request, pk):
    activity = _managed_activity(request.user, pk)
    plan = activity.plan
    form = PlannedActivityForm(request.POST or None, instance=activity, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.planned_activity_update(activity=activity, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Planned activity saved")
            return redirect("programmes:plan", plan.pk)
    return _activity_page(request, plan, form, "Change a planned activity")


@require_POST
@access(MANAGERS)
def activity_delete(request, pk):
    activity = _managed_activity(request.user, pk)
    services.planned_activity_delete(activity=activity)
    messages.success(request, f"Planned activity removed: {activity}")
    return redirect("programmes:plan", activity.plan_id)
