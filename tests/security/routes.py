"""Every route of the project, pages and API alike, read from the URL configuration, and
for each route that names a record in its URL the kind of record it names.

A route with URL kwargs and no entry in RECORD_OF fails `test_every_kwarg_route_is_mapped`,
so the other-area test cannot silently skip a new detail, edit, delete or export route.
"""

from dataclasses import dataclass

from django.urls import get_resolver

from tests.routes import _walk


@dataclass(frozen=True)
class ApiRoute:
    name: str
    pattern: str
    view: object
    actions: dict  # method -> action

    @property
    def needs_pk(self):
        return "(?P<pk>" in self.pattern


def api_routes() -> list[ApiRoute]:
    """The router's routes without their `.json` format-suffix twins, plus the function
    views (me, schema, docs)."""
    routes = {}
    for r in _walk(get_resolver().url_patterns):
        if not r.pattern.startswith("api/") or "(?P<format>" in r.pattern:
            continue
        if "<drf_format_suffix" in r.pattern:
            continue
        actions = getattr(r.view, "actions", None)
        if actions is None:
            cls = getattr(r.view, "cls", None) or getattr(r.view, "view_class", None)
            methods = getattr(cls, "http_method_names", ["get"]) if cls else ["get"]
            allowed = getattr(getattr(r.view, "cls", None), "http_method_names", None)
            actions = {m: m for m in (allowed or methods) if m in ("get", "post")}
            if r.name in ("api-me", "api-schema", "api-docs", "api-root"):
                actions = {"get": "get"}
        routes[r.name] = ApiRoute(r.name, r.pattern, r.view, dict(actions))
    return list(routes.values())


def admin_routes():
    return [r for r in _walk(get_resolver().url_patterns) if r.pattern.startswith("admin/")]


# Page routes: record kind named by `pk`, and the other kwargs a world supplies.
RECORD_OF = {
    "partners:organisation_detail": "organisation",
    "partners:organisation_edit": "organisation",
    "partners:contact_create": "organisation",
    "partners:contact_edit": "contact",
    "partners:contact_delete": "contact",
    "partners:contact_make_key": "contact",
    "partners:ambassador_create": "organisation",
    "partners:ambassador_edit": "ambassador",
    "programmes:detail": "programme",
    "programmes:edit": "programme",
    "programmes:partners": "programme",
    "programmes:partner_remove": "programme_partner",
    "programmes:target_schools": "programme",
    "programmes:targets": "programme",
    "programmes:target_delete": "target",
    "programmes:plan_create": "programme",
    "programmes:plan": "plan",
    "programmes:activity_create": "plan",
    "programmes:activity_edit": "activity",
    "programmes:activity_delete": "activity",
    "programmes:event_create": "programme",
    "programmes:event": "event",
    "programmes:event_edit": "event",
    "programmes:event_delete": "event",
    "programmes:quote_add": "event",
    "programmes:quote_delete": "quote",
    "programmes:board": "programme",
    "programmes:barriers": "programme",
    "programmes:barrier_create": "programme",
    "programmes:barrier_edit": "barrier",
    "programmes:barrier_delete": "barrier",
    "programmes:action_create": "barrier",
    "programmes:action_edit": "barrier_action",
    "programmes:action_delete": "barrier_action",
    "programmes:import_upload": "programme",
    "programmes:import": "event_import",
    "programmes:programme_ical": "programme",
    "programmes:school_ical": "school",
    "programmes:workshop": "offer",
    "programmes:book": "slot",
    "programmes:booking_cancel": "booking",
    "programmes:waitlist_leave": "waitlist",
    "programmes:waitlist_accept": "waitlist",
    "programmes:offer_edit": "offer",
    "programmes:slot_create": "offer",
    "programmes:slot": "slot",
    "programmes:booking_attendance": "booking",
    "programmes:waitlist_priority": "waitlist",
    "programmes:request": "school_request",
    "programmes:proposal_accept": "proposal",
    "programmes:cohort_create": "programme",
    "programmes:cohort": "cohort",
    "programmes:cohort_edit": "cohort",
    "programmes:participant_create": "cohort",
    "programmes:participant": "participant",
    "programmes:participant_edit": "participant",
    "programmes:stage_record": "participant",
    "programmes:support_add": "participant",
    "programmes:participant_erase": "participant",
    "programmes:check_in": "check_in",
    "programmes:participant_upload": "cohort",
    "programmes:participant_import": "participant_import",
    "surveys:detail": "questionnaire",
    "surveys:settings": "questionnaire",
    "surveys:question_add": "questionnaire",
    "surveys:question_edit": "questionnaire",
    "surveys:question_move": "questionnaire",
    "surveys:question_delete": "questionnaire",
    "surveys:section_add": "questionnaire",
    "surveys:preview": "questionnaire",
    "surveys:share": "questionnaire",
    "surveys:qr": "questionnaire",
    "surveys:results": "questionnaire",
    "surveys:compare": "questionnaire",
    "surveys:export": "questionnaire",
    "surveys:themes": "questionnaire",
    "surveys:theme_add": "questionnaire",
    "surveys:answer_tag": "questionnaire",
    "surveys:translations": "questionnaire",
    "surveys:translation_edit": "questionnaire",
    "reporting:run_detail": "report_run",
    "reporting:run_status": "report_run",
    "reporting:run_retry": "report_run",
    "reporting:run_download": "report_run",
    "reporting:schedule_stop": "report_schedule",
}

# Administrators' data-protection pages name a person by kind and id; the other-area test
# tries a contact from the other area there (administrators see every area by design, so
# for everyone else the answer must be the one a missing id gets).
RECORD_OF |= {"privacy:person": "contact", "privacy:export": "contact", "privacy:erase": "contact"}

# Routes whose kwargs name no record of an area: a fixed list (the retention schedule's
# kinds of data), the same for everyone who may open it.
NAMES_NO_RECORD = {"privacy:retention_edit": {"kind": "audit"}}

# Routes keyed by a secret rather than a record id: whoever holds the link is meant to
# reach them (respondents, calendar apps, a password-reset email).
KEYED_BY_SECRET = {
    "accounts:password_reset_confirm",
    "programmes:diary_ical",
    "surveys:respond",
    "surveys:kiosk",
    "surveys:thanks",
}

# API detail routes: record kind named by `pk`.
API_RECORD_OF = {
    "area-detail": None,  # areas are reference data every signed-in user may read
    "goal-detail": None,
    "target-group-detail": None,
    "activity-type-detail": None,
    "gatsby-benchmark-detail": None,
    "organisation-detail": "organisation",
    "school-detail": "school",
    "contact-detail": "contact",
    "ambassador-detail": "ambassador",
    "programme-detail": "programme",
    "target-detail": "target",
    "annual-plan-detail": "plan",
    "annual-plan-grid": "plan",
    "planned-activity-detail": "activity",
    "event-detail": "event",
    "barrier-detail": "barrier",
    "barrier-action-detail": "barrier_action",
    "workshop-offer-detail": "offer",
    "workshop-slot-detail": "slot",
    "booking-detail": "booking",
    "booking-cancel": "booking",
    "waiting-list-detail": "waitlist",
    "waiting-list-accept": "waitlist",
    "waiting-list-leave": "waitlist",
    "school-request-detail": "school_request",
    "school-request-accept": "school_request",
    "school-request-propose": "school_request",
    "cohort-detail": "cohort",
    "cohort-dashboard": "cohort",
    "participant-detail": "participant",
    "participant-stage-detail": "participant_stage",
    "participant-support-detail": "support",
    "check-in-detail": "check_in",
    "check-in-answer": "check_in",
    "questionnaire-detail": "questionnaire",
    "questionnaire-results": "questionnaire",
    "response-detail": "response",
    "report-run-detail": "report_run",
    "report-run-file": "report_run",
    "report-run-retry": "report_run",
}


def page_kwargs(name, world):
    """URL kwargs for page route `name` naming the world's record of the right kind."""
    if name in NAMES_NO_RECORD:
        return dict(NAMES_NO_RECORD[name])
    record = world[RECORD_OF[name]]
    kwargs = {"pk": record.pk}
    if name in ("surveys:question_edit", "surveys:question_move", "surveys:question_delete"):
        kwargs["key"] = world["question"].key
    elif name == "surveys:qr":
        kwargs["fmt"] = "png"
    elif name == "surveys:export":
        kwargs["fmt"] = "csv"
    elif name == "surveys:answer_tag":
        kwargs["answer_id"] = world["answer"].pk
    elif name == "surveys:translation_edit":
        kwargs["language"] = "cy"
    elif name == "reporting:run_download":
        kwargs["fmt"] = "pdf"
    if name.startswith("privacy:"):
        kwargs["kind"] = "contact"
        if name == "privacy:export":
            kwargs["fmt"] = "json"
    return kwargs


def api_path(route, pk=None, fmt="pdf"):
    """The URL of an API route (router patterns are regexes: fill the groups)."""
    path = route.pattern.replace("(?P<pk>[^/.]+)", str(pk)).replace("(?P<fmt>[a-z_]+)", fmt)
    return "/" + path.replace("^", "").replace("$", "")
