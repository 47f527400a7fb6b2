"""Every page each role can open keeps the Content-Security-Policy: the browser refuses
nothing on any of them.

The pages come from the URL configuration (tests/routes.py), so a new page is visited
without a change here; objects in URLs are the first the role may see in the demo data
(`seed_demo`), plus a compiled report with charts. One browser context per role, signed in
once. The Django admin (every changelist, add and change page) and the API's own pages are
visited by the administrator. A refused script, style, image, font or connection fails the
test, with the page and what was refused."""

import re
from io import StringIO

import pytest
from django.contrib.admin.sites import site as admin_site
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from outreach.accounts.demo import DEMO_PASSWORD
from outreach.accounts.models import User
from partners.models import Ambassador, Contact, Organisation
from programmes.models import (
    AnnualPlan,
    Barrier,
    BarrierAction,
    Booking,
    Cohort,
    EngagementEvent,
    EventImport,
    FeedbackQuote,
    Participant,
    ParticipantImport,
    PlannedActivity,
    Programme,
    ProgrammePartner,
    ProgrammeTarget,
    RequestProposal,
    RetentionCheckIn,
    SchoolRequest,
    WaitlistEntry,
    WorkshopOffer,
    WorkshopSlot,
)
from reporting import services as reporting_services
from reporting.models import ReportKind, ReportRun, ReportSchedule, RunStatus
from reporting.periods import Period
from reporting.scope import ReportScope
from surveys.models import Answer, Question, Questionnaire
from tests.routes import site_routes

from . import csp
from .conftest import DEFAULT_TIMEOUT_MS, VIEWPORT
from .helpers import sign_in

DEMO_USERS = {
    "careers": "careers@outreach.example",
    "partner": "partner@outreach.example",
    "lead": "lead@outreach.example",
    "administrator": "admin@outreach.example",
}


def _visible(model, user):
    return model.objects.for_user(user)


def _cohorts(user):
    """Cohorts whose participants the user works with by name, else those they see."""
    named = Cohort.objects.named_for(user)
    return named if named.exists() else _visible(Cohort, user)


# The object behind `<int:pk>` in a route, by the part of the URL before it.
PK_SOURCES = {
    "partners/": lambda u: Organisation.objects.for_user(u).filter(memberships__user=u),
    "partners/contacts/": lambda u: _visible(Contact, u),
    "partners/ambassadors/": lambda u: _visible(Ambassador, u),
    "programmes/": lambda u: _visible(Programme, u),
    "programmes/partners/": lambda u: ProgrammePartner.objects.filter(
        programme__in=_visible(Programme, u)
    ),
    "programmes/targets/": lambda u: ProgrammeTarget.objects.filter(
        programme__in=_visible(Programme, u)
    ),
    "programmes/plans/": lambda u: _visible(AnnualPlan, u),
    "programmes/activities/": lambda u: _visible(PlannedActivity, u),
    "programmes/events/": lambda u: _visible(EngagementEvent, u),
    "programmes/quotes/": lambda u: FeedbackQuote.objects.filter(
        event__in=_visible(EngagementEvent, u)
    ),
    "programmes/barriers/": lambda u: _visible(Barrier, u),
    "programmes/actions/": lambda u: _visible(BarrierAction, u),
    "programmes/uploads/": lambda u: _visible(EventImport, u),
    "programmes/schools/": lambda u: Organisation.objects.for_user(u),
    "programmes/workshops/": lambda u: _visible(WorkshopOffer, u),
    "programmes/offers/": lambda u: _visible(WorkshopOffer, u),
    "programmes/slots/": lambda u: _visible(WorkshopSlot, u),
    "programmes/bookings/": lambda u: _visible(Booking, u),
    "programmes/waiting-list/": lambda u: _visible(WaitlistEntry, u),
    "programmes/requests/": lambda u: _visible(SchoolRequest, u),
    "programmes/proposals/": lambda u: RequestProposal.objects.filter(
        request__in=_visible(SchoolRequest, u)
    ),
    "programmes/cohorts/": _cohorts,
    "programmes/participants/": lambda u: Participant.objects.filter(cohort__in=_cohorts(u)),
    "programmes/check-ins/": lambda u: RetentionCheckIn.objects.filter(
        participant__cohort__in=_cohorts(u)
    ),
    "programmes/participant-uploads/": lambda u: ParticipantImport.objects.filter(
        cohort__in=_cohorts(u)
    ),
    # Paired questionnaires first, so the before/after comparison has something to show.
    # (By the column: ordering by the relation would follow Questionnaire's own ordering,
    # which is descending and so puts the unpaired first on PostgreSQL.)
    "questionnaires/": lambda u: _visible(Questionnaire, u).order_by(
        F("before_id").asc(nulls_last=True), "pk"
    ),
    # Administrators' data-protection pages about a person: a contact from the demo data.
    "data-protection/people/": lambda u: _visible(Contact, u),
    "reports/runs/": lambda u: _visible(ReportRun, u).filter(status=RunStatus.DONE),
    "reports/schedules/": lambda u: _visible(ReportSchedule, u),
}

# Routes no browser opens as a page: sign out is POST only; the rest answer files
# (calendars, spreadsheets, QR images), which carry no script or style to refuse.
NOT_PAGES = re.compile(r"logout|ical|_csv$|_xlsx$|_pdf$|export|download|:qr$|healthz")
# Pages about an uploaded spreadsheet: the demo data has no upload to show (their own
# browser tests upload one and check the page).
NO_DEMO_SAMPLE = {"programmes:import", "programmes:participant_import"}
# The reset link redirects to its own form, which the anonymous visit then shows.
NO_DEMO_SAMPLE |= {"accounts:password_reset_confirm"}
# Stopping a term-end schedule is a POST; the demo data has no schedule to stop.
NO_DEMO_SAMPLE |= {"reporting:schedule_stop"}
# The two-factor code step is shown at every sign-in of this walk (each role signs in
# through it, and the shared page fixture fails on any refusal there); once the code is
# given it sends a verified user on, so it is never reached as a page of its own.
NO_DEMO_SAMPLE |= {"accounts:two_factor_verify"}


def _kwargs(route, user, questionnaire_token):
    """URL kwargs for the route as `user` would reach it, or None without a sample."""
    prefix = route.pattern.split("<", 1)[0]
    names = re.findall(r"<(?:\w+:)?(\w+)>", route.pattern)
    kwargs = {}
    for name in names:
        if name == "pk":
            source = PK_SOURCES.get(prefix)
            queryset = source(user) if source and user else None
            if queryset is not None and not queryset.ordered:
                queryset = queryset.order_by("pk")
            obj = queryset.first() if queryset is not None else None
            if obj is None:
                return None
            kwargs["pk"] = obj.pk
        elif name == "token":
            kwargs["token"] = questionnaire_token
        elif name == "key":
            question = Question.objects.filter(version__questionnaire_id=kwargs["pk"]).first()
            if question is None:
                return None
            kwargs["key"] = question.key
        elif name == "answer_id":
            answer = Answer.objects.filter(response__questionnaire_id=kwargs["pk"]).first()
            if answer is None:
                return None
            kwargs["answer_id"] = answer.pk
        elif name == "language":
            kwargs["language"] = "cy"
        elif name == "kind":
            # The retention schedule's kinds of data, or the kind of person asked about.
            kwargs["kind"] = "audit" if "retention" in route.pattern else "contact"
        elif name in ("uidb64",):
            target = User.objects.get(email=DEMO_USERS["careers"])
            kwargs["uidb64"] = urlsafe_base64_encode(force_bytes(target.pk))
            kwargs["token"] = default_token_generator.make_token(target)
        else:
            return None
    return kwargs


def _admin_paths():
    """Every admin changelist and add page, and the change page of each first object."""
    paths = ["/admin/"]
    for model in admin_site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths.append(reverse(f"{name}_changelist"))
        paths.append(reverse(f"{name}_add"))
        # A change page only where the admin adds to the shared template: the add page
        # already shows the same form.
        model_admin = admin_site._registry[model]
        if model_admin.change_form_template or model_admin.inlines:
            first = model._default_manager.order_by("pk").first()
            if first is not None:
                paths.append(reverse(f"{name}_change", args=[first.pk]))
    return paths


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())
    lead = User.objects.get(email=DEMO_USERS["lead"])
    programme = Programme.objects.for_user(lead).order_by("pk").first()
    year = programme.events.order_by("date").values_list("date__year", flat=True).first()
    # The annual-cycle report of the programme's busiest year, compiled in-process: its
    # page shows the charts (SVG written by reporting/render/charts.py).
    for academic in (year - 1, year):
        run, _ = reporting_services.report_run_start(
            user=lead,
            kind=ReportKind.ANNUAL_CYCLE,
            scope=ReportScope.programme(programme),
            period=Period.academic(academic),
        )
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.message
    return run


def _open_questionnaire_token(client_get):
    for token in Questionnaire.objects.order_by("pk").values_list("token", flat=True):
        if client_get(reverse("surveys:respond", args=[token])).status == 200:
            return token
    raise AssertionError("the demo data has no questionnaire open for answers")


def _visit(page, path):
    """Open `path` as a person would. Returns the status of the page shown; a route that
    redirects elsewhere gives None (the page it lands on is checked all the same), and
    one that shows no page (a POST-only route's empty 405, a file) gives its status
    without the browser opening it: Chromium would show an error page or a download."""
    answer = page.context.request.get(path, max_redirects=0)
    shows_page = "text/html" in answer.headers.get("content-type", "") and answer.body()
    if not shows_page and answer.status not in (301, 302):
        return answer.status
    response = page.goto(path)
    csp.settle(page)
    if response is None or response.request.redirected_from is not None:
        return None
    return response.status


def test_no_page_any_role_can_open_breaks_the_content_security_policy(browser, live_server, demo):
    report_run = demo
    statuses = {route.name: set() for route in site_routes() if not NOT_PAGES.search(route.name)}
    pages_by_role = {}
    violations = []
    for role in [None, *DEMO_USERS]:
        context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        violations_here = csp.watch(context)
        page = context.new_page()
        user = None
        if role:
            user = User.objects.get(email=DEMO_USERS[role])
            sign_in(page, user.email, DEMO_PASSWORD)
            assert not page.url.endswith("/sign-in/"), f"{role} could not sign in"
        token = _open_questionnaire_token(context.request.get)
        visited = 0
        for route in site_routes():
            if route.name not in statuses:
                continue
            if route.name == "accounts:password_reset_confirm" and user is not None:
                continue
            kwargs = _kwargs(route, user, token) if route.needs_kwargs else {}
            if kwargs is None:
                continue
            statuses[route.name].add(_visit(page, reverse(route.name, kwargs=kwargs)))
            visited += 1
        extra = []
        if role == "lead":
            # The compiled report with its charts (SVG drawn by reporting/render/charts.py).
            assert _visit(page, reverse("reporting:run_detail", args=[report_run.pk])) == 200
            assert page.locator("svg.outreach-chart").count() > 0, "the report shows no chart"
        if role == "administrator":
            extra = [*_admin_paths(), "/api/docs/", "/api/v1/", "/api/v1/me/"]
        if role is None:
            assert _visit(page, "/no-such-page/") == 404
            extra = ["/admin/login/"]
        for path in extra:
            # 403: an admin that allows no adding (axes' records) shows its own refusal.
            assert _visit(page, path) in (200, 403, None), path
        if role == "administrator":
            # Swagger UI draws itself after loading the schema: wait for it, and open an
            # operation, so whatever it adds to the page is under the policy too.
            _visit(page, "/api/docs/")
            page.locator(".swagger-ui .opblock-summary").first.click(timeout=60_000)
            page.locator(".swagger-ui .opblock-body").first.wait_for()
            csp.settle(page)
        pages_by_role[role or "anonymous"] = visited + len(extra)
        context.close()
        violations.extend(violations_here)

    assert not violations, csp.describe(violations)
    # The samples really reached the pages: each route showed a page to someone, or is
    # POST only (405 to a GET), or is the reset link (which redirects to its form).
    unreached = sorted(
        name
        for name, seen in statuses.items()
        if not seen & {200, 405} and name not in NO_DEMO_SAMPLE
    )
    assert unreached == [], f"never shown: {unreached}; pages per role: {pages_by_role}"
