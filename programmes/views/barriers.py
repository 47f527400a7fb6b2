"""Barriers and co-created actions (seed 004): the IDEAS board by category and status,
the barriers list, and the forms workforce leads use to keep them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outreach.accounts.access import access
from outreach.pagination import page_for

from .. import services
from ..forms.barriers import ActionFilterForm, ActionForm, BarrierForm
from ..models import (
    IDEAS_DESCRIPTIONS,
    ActionStatus,
    Barrier,
    BarrierAction,
    IdeasCategory,
)
from ._helpers import (
    EVERYONE,
    MANAGERS,
    PAGE_SIZE,
    add_errors,
    can_manage,
    managed_programme,
    programme_crumbs,
    visible_programme,
)


@access(EVERYONE)
def board(request, pk):
    programme = visible_programme(request.user, pk)
    actions = BarrierAction.objects.filter(barrier__programme=programme)
    filters = ActionFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    if chosen.get("group"):
        actions = actions.filter(barrier__group=chosen["group"])
    counts = {
        (row["category"], row["status"]): row["n"]
        for row in actions.order_by().values("category", "status").annotate(n=Count("pk"))
    }
    if chosen.get("category"):
        actions = actions.filter(category=chosen["category"])
    if chosen.get("status"):
        actions = actions.filter(status=chosen["status"])
    page = page_for(
        request,
        actions.select_related("barrier", "barrier__group", "owner").order_by(
            "category", "status", "pk"
        ),
        PAGE_SIZE,
    )
    rows = [
        {
            "category": category,
            "description": IDEAS_DESCRIPTIONS[category],
            "cells": [
                (status, counts.get((category.value, status.value), 0)) for status in ActionStatus
            ],
        }
        for category in IdeasCategory
    ]
    return render(
        request,
        "programmes/barrier_board.html",
        {
            "programme": programme,
            "rows": rows,
            "statuses": list(ActionStatus),
            "filters": filters,
            "page_obj": page,
            "barrier_count": programme.barriers.count(),
            "can_manage": can_manage(request.user, programme),
            "breadcrumbs": programme_crumbs(programme),
        },
    )


@access(EVERYONE)
def barrier_list(request, pk):
    programme = visible_programme(request.user, pk)
    barriers = (
        programme.barriers.select_related("group")
        .annotate(action_count=Count("actions"))
        .order_by("group__position", "title", "pk")
    )
    page = page_for(request, barriers, PAGE_SIZE)
    return render(
        request,
        "programmes/barrier_list.html",
        {
            "programme": programme,
            "page_obj": page,
            "can_manage": can_manage(request.user, programme),
            "breadcrumbs": programme_crumbs(
                programme, ("Barriers and actions", reverse("programmes:board", args=[pk]))
            ),
        },
    )


def _form_page(request, template_context):
    return render(request, "programmes/barrier_form.html", template_context)


def _board_crumbs(programme):
    return programme_crumbs(
        programme, ("Barriers and actions", reverse("programmes:board", args=[programme.pk]))
    )


@access(MANAGERS)
def barrier_create(request, pk):
    programme = managed_programme(request.user, pk)
    form = BarrierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            barrier = services.barrier_create(programme=programme, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Barrier added: {barrier.title}")
            return redirect("programmes:barriers", programme.pk)
    return _form_page(
        request,
        {
            "form": form,
            "title": "Add a barrier",
            "programme": programme,
            "breadcrumbs": _board_crumbs(programme),
        },
    )


def _managed_barrier(user, pk) -> Barrier:
    barrier = get_object_or_404(Barrier.objects.for_user(user).select_related("programme"), pk=pk)
    managed_programme(user, barrier.programme_id)
    return barrier


@access(MANAGERS)
def barrier_edit(request, pk):
    barrier = _managed_barrier(request.user, pk)
    form = BarrierForm(request.POST or None, instance=barrier)
    if request.method == "POST" and form.is_valid():
        try:
            services.barrier_update(barrier=barrier, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Barrier saved")
            return redirect("programmes:barriers", barrier.programme_id)
    return _form_page(
        request,
        {
            "form": form,
            "title": "Change a barrier",
            "programme": barrier.programme,
            "delete_url": reverse("programmes:barrier_delete", args=[barrier.pk]),
            "breadcrumbs": _board_crumbs(barrier.programme),
        },
    )


@require_POST
@access(MANAGERS)
def barrier_delete(request, pk):
    barrier = _managed_barrier(request.user, pk)
    services.barrier_delete(barrier=barrier)
    messages.success(request, f"Barrier removed, with its actions: {barrier.title}")
    return redirect("programmes:barriers", barrier.programme_id)


@access(MANAGERS)
def action_create(request, pk):
    programme = managed_programme(request.user, pk)
    initial = {"status": ActionStatus.PROPOSED}
    if request.GET.get("barrier", "").isdigit():
        initial["barrier"] = int(request.GET["barrier"])
    form = ActionForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        barrier = data.pop("barrier")
        try:
            services.action_create(barrier=barrier, data=data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Action added")
            return redirect("programmes:board", programme.pk)
    return _form_page(
        request,
        {
            "form": form,
            "title": "Add an action",
            "programme": programme,
            "breadcrumbs": _board_crumbs(programme),
        },
    )


def _managed_action(user, pk) -> BarrierAction:
    action = get_object_or_404(
        BarrierAction.objects.for_user(user).select_related("barrier__programme"), pk=pk
    )
    managed_programme(user, action.barrier.programme_id)
    return action


@access(MANAGERS)
def action_edit(request, pk):
    action = _managed_action(request.user, pk)
    programme = action.barrier.programme
    form = ActionForm(request.POST or None, instance=action, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("barrier")
        try:
            services.action_update(action=action, data=data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Action saved")
            return redirect("programmes:board", programme.pk)
    return _form_page(
        request,
        {
            "form": form,
            "title": "Change an action",
            "programme": programme,
            "delete_url": reverse("programmes:action_delete", args=[action.pk]),
            "breadcrumbs": _board_crumbs(programme),
        },
    )


@require_POST
@access(MANAGERS)
def action_delete(request, pk):
    action = _managed_action(request.user, pk)
    services.action_delete(action=action)
    messages.success(request, "Action removed")
    return redirect("programmes:board", action.barrier.programme_id)
