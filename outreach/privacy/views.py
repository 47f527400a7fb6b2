"""The data protection pages, for administrators: the retention schedule, what the next
run will remove, and each person's export and erasure. Thin: services do the work."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from outreach.accounts.access import access
from outreach.accounts.roles import Role

from . import selectors, services
from .forms import EraseConfirmForm, PersonSearchForm, RetentionRuleForm
from .models import Kind, RetentionRun
from .rights import (
    PERSON_KINDS,
    ErasureRefused,
    erase_person,
    export_csv_zip,
    export_json,
    export_person,
    person_get,
    person_label,
    person_search,
)

ADMIN = {Role.ADMINISTRATOR}
HISTORY_LENGTH = 30


def _crumbs(*extra):
    return [("Home", reverse("home")), ("Data protection", reverse("privacy:index")), *extra]


@access(ADMIN)
def index(request):
    form = PersonSearchForm(request.GET or None)
    results = None
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        results = [
            (person_label(kind, person), reverse("privacy:person", args=[kind, person.pk]))
            for person in person_search(kind, form.cleaned_data["text"], request.user)
        ]
    return render(
        request,
        "privacy/index.html",
        {"form": form, "results": results, "breadcrumbs": [("Home", reverse("home"))]},
    )


@access(ADMIN)
def retention(request):
    return render(
        request,
        "privacy/retention.html",
        {"rules": selectors.rules(), "breadcrumbs": _crumbs()},
    )


@access(ADMIN)
@require_http_methods(["GET", "POST"])
def retention_edit(request, kind):
    if kind not in Kind.values:
        raise Http404
    rule = selectors.rule_for(kind)
    initial = {"period": rule.period, "unit": rule.unit, "action": rule.action}
    form = RetentionRuleForm(request.POST or None, kind=kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        rule = services.retention_rule_update(kind=kind, user=request.user, **form.cleaned_data)
        messages.success(request, f"{rule.get_kind_display()}: now kept {rule.label}.")
        return redirect("privacy:retention")
    return render(
        request,
        "privacy/retention_edit.html",
        {
            "form": form,
            "rule": rule,
            "breadcrumbs": _crumbs(("Retention schedule", reverse("privacy:retention"))),
        },
        status=400 if form.errors else 200,
    )


@access(ADMIN)
def dry_run(request):
    forecast = services.apply_retention(dry_run=True)
    labels = dict(Kind.choices)
    rows = [{"label": labels[kind], **item} for kind, item in forecast.counts.items()]
    return render(
        request,
        "privacy/dry_run.html",
        {
            "forecast": forecast,
            "rows": rows,
            "history": [
                (
                    run,
                    [
                        (labels.get(kind, kind), item["count"], item["action"])
                        for kind, item in run.counts.items()
                        if item.get("count")
                    ],
                )
                for run in RetentionRun.objects.all()[:HISTORY_LENGTH]
            ],
            "breadcrumbs": _crumbs(),
        },
    )


def _person(request, kind, pk):
    if kind not in PERSON_KINDS:
        raise Http404
    return person_get(kind, pk, request.user)


@access(ADMIN)
def person(request, kind, pk):
    found = _person(request, kind, pk)
    return render(
        request,
        "privacy/person.html",
        {
            "kind": kind,
            "kind_label": PERSON_KINDS[kind],
            "person": found,
            "label": person_label(kind, found),
            "breadcrumbs": _crumbs(),
        },
    )


@access(ADMIN)
def export(request, kind, pk, fmt):
    found = _person(request, kind, pk)
    sections = export_person(kind=kind, person=found, user=request.user)
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        response = HttpResponse(export_json(sections), content_type="application/json")
        name = f"outreach-{kind}-{found.pk}-{stamp}.json"
    else:
        response = HttpResponse(export_csv_zip(sections), content_type="application/zip")
        name = f"outreach-{kind}-{found.pk}-{stamp}-csv.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@access(ADMIN)
@require_http_methods(["GET", "POST"])
def erase(request, kind, pk):
    found = _person(request, kind, pk)
    label = person_label(kind, found)
    form = EraseConfirmForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                erase_person(kind=kind, person=found, user=request.user)
            except ErasureRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request,
                    f"The {PERSON_KINDS[kind].lower()} has been erased. Their figures stay.",
                )
                return redirect("privacy:index")
        status = 400
    return render(
        request,
        "privacy/erase.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": PERSON_KINDS[kind],
            "person": found,
            "label": label,
            "breadcrumbs": _crumbs((label, reverse("privacy:person", args=[kind, found.pk]))),
        },
        status=status,
    )
