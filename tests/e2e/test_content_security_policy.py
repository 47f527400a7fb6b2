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
    "programmes/cohorts/": lambda u: _visible(Cohort, u),
    "programmes/participants/": lambda u: Participant.objects.filter(
        cohort__in=_visible(Cohort, u)
    ),
    "programmes/check-ins/": lambda u: RetentionCheckIn.objects.filter(
        participant__cohort__in=_visible(Cohort, u)
    ),
    "programmes/participant-uploads/": lambda u: ParticipantImport.objects.filter(
        cohort__in=_visible(Cohort, u)
    ),
    "questionnaires/": lambda u: _visible(Questionnaire, u),
    "reports/runs/": lambda u: _visible(ReportRun, u).filter(status=RunStatus.DONE),
    "reports/schedules/": lambda u: _visible(ReportSchedule, u),
}

# Routes no browser opens as a page: sign out is POST only; the rest answer files
# (calendars, spreadsheets, QR images), which carry no script or style to refuse.
NOT_PAGES = re.compile(r"logout|ical|_csv$|_xlsx$|_pdf$|export|download|:qr$")


def _kwargs(route, user, questionnaire_token):
    """URL kwargs for the route as `user` would reach it, or None without a sample."""
    prefix = route.pattern.split("<", 1)[0]
    names = re.findall(r"<(?:\w+:)?(\w+)>", route.pattern)
    kwargs = {}
    for name in names:
        if name == "pk":
            source = PK_SOURCES.get(prefix)
            obj = source(user).order_by("pk").first() if source and user else None
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
        info = (model._meta.app_label, model._meta.model_name)
        paths.append(reverse("admin:%s_%s_changelist" % info))
        paths.append(reverse("admin:%s_%s_add" % info))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse("admin:%s_%s_change" % info, args=[first.pk]))
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


def _visit(context, page, path, seen):
    """Open `path` if it answers an HTML page (200, or the 403 and 404 pages); returns its
    status, or None if skipped (a redirect, a POST-only route, a file)."""
    answer = context.request.get(path, max_redirects=0)
    if answer.status not in (200, 403, 404):
        return None
    if "text/html" not in answer.headers.get("content-type", ""):
        return None
    page.goto(path)
    csp.settle(page)
    seen.append((answer.status, path))
    return answer.status


def test_no_page_any_role_can_open_breaks_the_content_security_policy(
    browser, live_server, demo
):
    report_run = demo
    pages_by_role = {}
    opened_routes = set()
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
        seen = []
        for route in site_routes():
            if NOT_PAGES.search(route.name):
                continue
            kwargs = _kwargs(route, user, token) if route.needs_kwargs else {}
            if kwargs is None:
                continue
            if route.name == "accounts:password_reset_confirm" and user is not None:
                continue
            status = _visit(context, page, reverse(route.name, kwargs=kwargs), seen)
            if status == 200:
                opened_routes.add(route.name)
        if role == "lead":
            # The compiled report with its charts, and the questionnaire as answered.
            _visit(context, page, reverse("reporting:run_detail", args=[report_run.pk]), seen)
            assert page.locator("svg.outreach-chart").count() > 0, "the report shows no chart"
        if role == "administrator":
            for path in [*_admin_paths(), "/api/docs/", "/api/v1/", "/api/v1/me/"]:
                _visit(context, page, path, seen)
        if role is None:
            for path in ["/no-such-page/", "/admin/login/"]:
                _visit(context, page, path, seen)
        pages_by_role[role or "anonymous"] = seen
        context.close()
        violations.extend(violations_here)

    assert not violations, csp.describe(violations)
    # The sample really reached the pages: every route that is a page opened for someone.
    never_opened = sorted(
        r.name
        for r in site_routes()
        if not NOT_PAGES.search(r.name) and r.name not in opened_routes
    )
    summary = {role: len(seen) for role, seen in pages_by_role.items()}
    assert never_opened == [], f"never opened with 200: {never_opened}; pages per role: {summary}"
