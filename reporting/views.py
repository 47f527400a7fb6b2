"""Report pages: ask for a report, watch it compile, read it, download it. Thin: reads
start from `ReportRun.objects.for_user`, writes go through reporting.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outreach.accounts.access import access
from outreach.accounts.roles import Role
from outreach.pagination import page_for

from . import services
from .compilers.impact import quote_choices
from .document import Report
from .downloads import report_file_response
from .forms import QuoteChoiceForm, ReportRequestForm, ScheduleForm
from .models import ReportKind, ReportRun, ReportSchedule
from .periods import PeriodError

REPORTERS = frozenset({Role.WORKFORCE_LEAD, Role.ADMINISTRATOR})
POLL_SECONDS = 2


def _crumbs(*extra):
    return [("Home", reverse("home")), ("Reports", reverse("reporting:list")), *extra]


def _run(request, pk):
    return get_object_or_404(
        ReportRun.objects.for_user(request.user).select_related("programme", "requested_by"),
        pk=pk,
    )


@access(REPORTERS)
def report_list(request):
    runs = (
        ReportRun.objects.for_user(request.user)
        .select_related("programme")
        .prefetch_related("areas")
    )
    page = page_for(request, runs, 20)
    schedules = (
        ReportSchedule.objects.for_user(request.user)
        .filter(active=True)
        .select_related("programme")
        .prefetch_related("areas")
    )
    return render(
        request,
        "reporting/list.html",
        {
            "page_obj": page,
            "schedules": schedules,
            "breadcrumbs": [("Home", reverse("home"))],
        },
    )


def _start(request, form, quote_ids=()):
    try:
        run, created = services.report_run_start(
            user=request.user,
            kind=form.cleaned_data["kind"],
            scope=form.report_scope(),
            period=form.period,
            options={"quote_ids": list(quote_ids)} if quote_ids else {},
        )
    except services.ScopeNotAllowed:
        raise PermissionDenied from None
    if not created:
        messages.info(request, "This report was already being put together: here it is.")
    return redirect("reporting:run_detail", run.pk)


@access(REPORTERS)
def report_new(request):
    form = ReportRequestForm(request.POST or None, user=request.user)
    context = {"form": form, "breadcrumbs": _crumbs()}
    if request.method != "POST":
        return render(request, "reporting/new.html", context)
    if not form.is_valid():
        if form.out_of_scope:
            raise PermissionDenied
        return render(request, "reporting/new.html", context)
    if form.cleaned_data["kind"] != ReportKind.IMPACT:
        return _start(request, form)
    quotes = quote_choices(scope=form.report_scope(), period=form.period)
    if "choose_quotes" not in request.POST:
        if not quotes.exists():
            return _start(request, form)
        quote_form = QuoteChoiceForm(quotes=quotes, limit=services.MAX_QUOTES)
    else:
        quote_form = QuoteChoiceForm(request.POST, quotes=quotes, limit=services.MAX_QUOTES)
        if quote_form.is_valid():
            return _start(request, form, [q.pk for q in quote_form.cleaned_data["quotes"]])
    return render(
        request,
        "reporting/choose_quotes.html",
        {**context, "quote_form": quote_form, "carried": _carried(request.POST)},
    )


NOT_CARRIED = {"csrfmiddlewaretoken", "choose_quotes", "quotes"}


def _carried(data):
    """The first step's answers, carried through the quotes step as hidden fields."""
    return [(k, v) for k in data if k not in NOT_CARRIED for v in data.getlist(k)]


def _run_context(run):
    document = Report.from_dict(run.result) if run.result else None
    return {"run": run, "document": document, "poll_seconds": POLL_SECONDS}


@access(REPORTERS)
def run_detail(request, pk):
    run = _run(request, pk)
    context = {
        **_run_context(run),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "reporting/run_detail.html", context)


@access(REPORTERS)
def run_status(request, pk):
    """The part of the run page that changes: polled by htmx while the run is in flight."""
    run = _run(request, pk)
    return render(request, "reporting/includes/run_status.html", _run_context(run))


@require_POST
@access(REPORTERS)
def run_retry(request, pk):
    run = _run(request, pk)
    try:
        run = services.report_run_retry(user=request.user, run=run)
    except (services.ScopeNotAllowed, PeriodError):
        raise PermissionDenied from None
    messages.success(request, "The report is being put together again.")
    return redirect("reporting:run_detail", run.pk)


@access(REPORTERS)
def run_download(request, pk, fmt):
    return report_file_response(_run(request, pk), fmt)


@access(REPORTERS)
def schedule_new(request):
    form = ScheduleForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_schedule_create(
                    user=request.user, kind=form.cleaned_data["kind"], scope=form.report_scope()
                )
            except services.ScopeNotAllowed:
                raise PermissionDenied from None
            messages.success(
                request,
                "Done. At the end of each term we will email you a link to the report.",
            )
            return redirect("reporting:list")
        if form.out_of_scope:
            raise PermissionDenied
    return render(request, "reporting/schedule_form.html", {"form": form, "breadcrumbs": _crumbs()})


@require_POST
@access(REPORTERS)
def schedule_stop(request, pk):
    schedule = get_object_or_404(ReportSchedule.objects.for_user(request.user), pk=pk)
    services.report_schedule_stop(schedule=schedule)
    messages.success(request, "Stopped. No more reports will be sent for that schedule.")
    return redirect("reporting:list")
