"""Role × page: every page of the site, for every persona.

Routes come from the URL configuration, so a new page without an access rule fails
`test_it_declares_an_access_rule_for_every_page`, and a new page with one is checked
for every role automatically. Routes that need an object in the URL get sample kwargs
from ROUTE_SAMPLES (built from the personas' own records).
"""

from pathlib import Path

import pytest
from django.urls import reverse

from outreach.accounts.access import PUBLIC, SIGNED_IN
from outreach.accounts.roles import ALL_ROLES, Role
from outreach.accounts.scope import scope_for
from tests.conftest import PERSONAS
from tests.routes import site_routes

TESTS_DIR = Path(__file__).parent
THIS_FILE = Path(__file__).name

# Pages whose GET is not a plain "show the page" for permitted users.
NOT_A_PAGE = {
    "accounts:logout": 405,  # sign out is POST only
}
# Routes whose URL needs a token or an object; tested in their own modules.
TESTED_ELSEWHERE = {
    "accounts:password_reset_confirm",
    # The two-factor steps answer by the user's device state, not only their role:
    # tests/accounts/test_two_factor.py covers them for every role.
    "accounts:two_factor_verify",
    "accounts:two_factor_set_up",
    "accounts:two_factor_manage",
}


def expected_status(route, user) -> int:
    rule = route.rule
    if route.name in NOT_A_PAGE:
        return NOT_A_PAGE[route.name]
    if rule == PUBLIC:
        if route.name == "accounts:login" and user is not None:
            return 302  # already signed in: sent home
        return 200
    if user is None:
        return 302
    if rule == SIGNED_IN:
        return 200
    return 200 if scope_for(user).has_any(rule) else 403


ADMIN = frozenset({Role.ADMINISTRATOR})
LEADS = frozenset({Role.WORKFORCE_LEAD, Role.ADMINISTRATOR})
EVERY_ROLE = ALL_ROLES
LOGGERS = frozenset({Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER, Role.ADMINISTRATOR})

# Who may open each page, written out by hand: the views declare their own rule, and
# this table is the independent statement of what the rule must be. Opening a page to
# more people means changing it here too, in review.
EXPECTED_RULES = {
    "home": SIGNED_IN,
    "healthz": PUBLIC,
    "accessibility": PUBLIC,
    "privacy": PUBLIC,
    "privacy_questionnaires": PUBLIC,
    "privacy_participants": PUBLIC,
    "privacy_staff": PUBLIC,
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:account": SIGNED_IN,
    "accounts:password_change": SIGNED_IN,
    "accounts:two_factor_verify": SIGNED_IN,
    "accounts:two_factor_set_up": SIGNED_IN,
    "accounts:two_factor_manage": SIGNED_IN,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "partner_imports:schools": ADMIN,
    "partner_imports:imd": ADMIN,
    "partners:organisation_list": EVERY_ROLE,
    "partners:organisation_create": LEADS,
    # Record pages open to every role; which records each may touch is the scoped
    # querysets' job, tested per role in tests/partners/.
    "partners:organisation_detail": EVERY_ROLE,
    "partners:organisation_edit": EVERY_ROLE,
    "partners:contact_create": EVERY_ROLE,
    "partners:contact_edit": EVERY_ROLE,
    "partners:contact_delete": EVERY_ROLE,
    "partners:contact_make_key": EVERY_ROLE,
    "partners:ambassador_create": EVERY_ROLE,
    "partners:ambassador_edit": EVERY_ROLE,
    "programmes:list": EVERY_ROLE,
    "programmes:create": LEADS,
    "programmes:detail": EVERY_ROLE,
    "programmes:edit": LEADS,
    "programmes:partners": LEADS,
    "programmes:partner_remove": LEADS,
    "programmes:target_schools": LEADS,
    "programmes:targets": LEADS,
    "programmes:target_delete": LEADS,
    "programmes:plan_create": LEADS,
    "programmes:plan": EVERY_ROLE,
    "programmes:activity_create": LEADS,
    "programmes:activity_edit": LEADS,
    "programmes:activity_delete": LEADS,
    "programmes:events": EVERY_ROLE,
    "programmes:event_start": LOGGERS,
    "programmes:event_create": LOGGERS,
    "programmes:event": EVERY_ROLE,
    "programmes:event_edit": LOGGERS,
    "programmes:event_delete": LOGGERS,
    "programmes:quote_add": LOGGERS,
    "programmes:quote_delete": LOGGERS,
    "programmes:board": EVERY_ROLE,
    "programmes:barriers": EVERY_ROLE,
    "programmes:barrier_create": LEADS,
    "programmes:barrier_edit": LEADS,
    "programmes:barrier_delete": LEADS,
    "programmes:action_create": LEADS,
    "programmes:action_edit": LEADS,
    "programmes:action_delete": LEADS,
    "programmes:import_upload": LOGGERS,
    "programmes:import": LOGGERS,
    # Empty spreadsheets with the column headings: no data in them.
    "programmes:import_template_csv": SIGNED_IN,
    "programmes:import_template_xlsx": SIGNED_IN,
    "programmes:calendar": EVERY_ROLE,
    # Calendar apps cannot sign in: the feed checks a signed per-user token in the URL
    # and shows only what that user may see.
    "programmes:programme_ical": PUBLIC,
    "programmes:school_ical": PUBLIC,
    "surveys:list": EVERY_ROLE,
    "surveys:create": LOGGERS,
    "surveys:detail": LOGGERS,
    "surveys:settings": LOGGERS,
    "surveys:question_add": LOGGERS,
    "surveys:question_edit": LOGGERS,
    "surveys:question_move": LOGGERS,
    "surveys:question_delete": LOGGERS,
    "surveys:section_add": LOGGERS,
    "surveys:preview": LOGGERS,
    "surveys:share": LOGGERS,
    "surveys:qr": LOGGERS,
    # Careers leads see results of questionnaires run at their own school's events.
    "surveys:results": EVERY_ROLE,
    "surveys:compare": EVERY_ROLE,
    "surveys:export": EVERY_ROLE,
    "surveys:themes": LOGGERS,
    "surveys:theme_add": LOGGERS,
    "surveys:answer_tag": LOGGERS,
    "surveys:translations": LOGGERS,
    "surveys:translation_edit": LOGGERS,
    # Respondents have no account: the unguessable token in the URL is the key.
    "surveys:respond": PUBLIC,
    "surveys:kiosk": PUBLIC,
    "surveys:thanks": PUBLIC,
    # Workshop booking: everyone browses what they may see; careers leads book for their
    # own school; delivery partners and leads run offers, slots and attendance.
    "programmes:workshops": EVERY_ROLE,
    "programmes:workshop": EVERY_ROLE,
    "programmes:book": frozenset({Role.CAREERS_LEAD}),
    "programmes:my_bookings": frozenset({Role.CAREERS_LEAD}),
    "programmes:booking_cancel": EVERY_ROLE,
    "programmes:waitlist_leave": frozenset({Role.CAREERS_LEAD}),
    "programmes:waitlist_accept": frozenset({Role.CAREERS_LEAD}),
    "programmes:offers": LOGGERS,
    "programmes:offer_create": LOGGERS,
    "programmes:offer_edit": LOGGERS,
    "programmes:slot_create": LOGGERS,
    "programmes:slot": LOGGERS,
    "programmes:booking_attendance": LOGGERS,
    "programmes:waitlist_priority": LOGGERS,
    "programmes:diary": LOGGERS,
    "programmes:requests": EVERY_ROLE,
    "programmes:request_create": frozenset({Role.CAREERS_LEAD}),
    "programmes:request": EVERY_ROLE,
    "programmes:proposal_accept": frozenset({Role.CAREERS_LEAD}),
    "programmes:school_record": frozenset({Role.CAREERS_LEAD}),
    "programmes:school_record_csv": frozenset({Role.CAREERS_LEAD}),
    "programmes:school_record_pdf": frozenset({Role.CAREERS_LEAD}),
    # A signed per-user link, like the event feeds above.
    "programmes:diary_ical": PUBLIC,
}


# Participant pathways: careers leads see nothing of participants; recording anything about
# a participant is the delivering organisation's delivery partners' work.
PARTICIPANT_VIEWERS = LOGGERS
DELIVERY_ONLY = frozenset({Role.DELIVERY_PARTNER})
EXPECTED_RULES |= {
    "programmes:cohorts": PARTICIPANT_VIEWERS,
    "programmes:cohort_create": LEADS,
    "programmes:cohort": PARTICIPANT_VIEWERS,
    "programmes:cohort_edit": LEADS,
    "programmes:participant_create": DELIVERY_ONLY,
    "programmes:participant": DELIVERY_ONLY,
    "programmes:participant_edit": DELIVERY_ONLY,
    "programmes:stage_record": DELIVERY_ONLY,
    "programmes:support_add": DELIVERY_ONLY,
    "programmes:participant_erase": DELIVERY_ONLY,
    "programmes:check_ins": DELIVERY_ONLY,
    "programmes:check_in": DELIVERY_ONLY,
    "programmes:imd_lookup": ADMIN,
    "programmes:participant_upload": DELIVERY_ONLY,
    "programmes:participant_import": DELIVERY_ONLY,
    # Empty spreadsheets with the column headings: no data in them.
    "programmes:participant_template_csv": SIGNED_IN,
    "programmes:participant_template_xlsx": SIGNED_IN,
}

# Reporting: data exports cover every area, so they are the administrators' alone.
EXPECTED_RULES |= {
    "reporting:exports": ADMIN,
    "reporting:export_download": ADMIN,
}


# Data protection: the retention schedule and people's rights are the administrators'.
EXPECTED_RULES |= {
    "privacy:index": ADMIN,
    "privacy:retention": ADMIN,
    "privacy:retention_edit": ADMIN,
    "privacy:dry_run": ADMIN,
    "privacy:person": ADMIN,
    "privacy:export": ADMIN,
    "privacy:erase": ADMIN,
}

# Audit trail: administrators only (every area, every change, who saw what).
EXPECTED_RULES |= {
    "audit:list": ADMIN,
    "audit:export": ADMIN,
}


# Reports: workforce leads (their areas) and administrators (any scope, the nation too).
EXPECTED_RULES |= {
    "reporting:list": LEADS,
    "reporting:new": LEADS,
    "reporting:run_detail": LEADS,
    "reporting:run_status": LEADS,
    "reporting:run_retry": LEADS,
    "reporting:run_download": LEADS,
    "reporting:schedule_new": LEADS,
    "reporting:schedule_stop": LEADS,
}


def test_it_declares_an_access_rule_for_every_page():
    missing = [r.name for r in site_routes() if r.rule is None]
    assert missing == [], f"routes without an access rule: {missing}"


def test_every_page_has_the_rule_this_table_expects():
    declared = {r.name: r.rule for r in site_routes()}
    assert set(declared) == set(EXPECTED_RULES), (
        f"routes not in EXPECTED_RULES: {sorted(set(declared) - set(EXPECTED_RULES))}; "
        f"gone: {sorted(set(EXPECTED_RULES) - set(declared))}"
    )
    wrong = {name: rule for name, rule in declared.items() if rule != EXPECTED_RULES[name]}
    assert wrong == {}


ROUTES = [r for r in site_routes() if not r.needs_kwargs and r.name not in TESTED_ELSEWHERE]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("persona", [None, *PERSONAS], ids=lambda p: p or "anonymous")
def test_each_role_gets_the_right_answer_on_each_page(client, db, request, route, persona):
    user = request.getfixturevalue(persona) if persona else None
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(route.name))
    assert response.status_code == expected_status(route, user), route.name
    if response.status_code == 302 and user is None:
        assert response["Location"].startswith(reverse("accounts:login"))
    if response.status_code == 403:
        assert b"You do not have permission" in response.content


def test_every_route_with_kwargs_is_covered_by_a_role_test():
    # Routes that need an object in the URL are tested per role in their app's tests;
    # this fails when no test file under tests/ names such a route.
    test_sources = "\n".join(
        path.read_text() for path in TESTS_DIR.rglob("test_*.py") if path.name != THIS_FILE
    )
    uncovered = sorted(
        r.name for r in site_routes() if r.needs_kwargs and f'"{r.name}"' not in test_sources
    )
    assert uncovered == [], f"routes with no role test naming them: {uncovered}"


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("lead", 302), ("partner", 302), ("careers", 302), ("administrator", 200)],
)
def test_the_django_admin_is_for_administrators_only(client, request, persona, status):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get("/admin/")
    assert response.status_code == status
    if status == 302:
        assert "/admin/login/" in response["Location"]
