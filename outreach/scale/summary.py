"""Row counts and checksums of what the generator made.

A checksum is the md5 of a table's rows in a fixed order, over columns that do not
depend on ids or the clock (ids follow the database's sequences, and created_at is the
time of the build), so the same seed gives the same checksums on any database and on
every rebuild. Participants' references are random by design (`new_reference`) and left
out.
"""

from django.db import connection

from .plan import CODE

# Table → SQL giving the rows of the synthetic set, one text per row, id-free.
_AREAS = f"SELECT id FROM partners_icbarea WHERE code LIKE '{CODE}%'"
_PROGRAMMES = f"SELECT id FROM programmes_programme WHERE area_id IN ({_AREAS})"
_EVENTS = f"SELECT id FROM programmes_engagementevent WHERE programme_id IN ({_PROGRAMMES})"
_QUESTIONNAIRES = f"SELECT id FROM surveys_questionnaire WHERE programme_id IN ({_PROGRAMMES})"
_RESPONSES = f"SELECT id FROM surveys_response WHERE questionnaire_id IN ({_QUESTIONNAIRES})"
_COHORTS = f"SELECT id FROM programmes_cohort WHERE programme_id IN ({_PROGRAMMES})"
_PARTICIPANTS = f"SELECT id FROM programmes_participant WHERE cohort_id IN ({_COHORTS})"

# A participant by what the generator chose for them (their reference is random).
_PERSON = (
    "c.name || c.starts_on || pa.consent_on || pa.furthest_position || pa.age_band"
    " || pa.gender || pa.ethnic_group || coalesce(pa.left_on::text, '')"
)

TABLES = {
    "ICB areas": f"SELECT code || name FROM partners_icbarea WHERE id IN ({_AREAS})",
    "organisations": (
        "SELECT o.name || coalesce(o.urn::text, '') || o.phase || coalesce(o.imd_decile::text, '')"
        f" FROM partners_organisation o WHERE o.area_id IN ({_AREAS})"
    ),
    "target schools": (
        "SELECT p.name || o.name FROM programmes_programme_target_schools t"
        " JOIN programmes_programme p ON p.id = t.programme_id"
        " JOIN partners_organisation o ON o.id = t.organisation_id"
        f" WHERE p.id IN ({_PROGRAMMES})"
    ),
    "programmes": f"SELECT name FROM programmes_programme WHERE id IN ({_PROGRAMMES})",
    "events": (
        "SELECT p.name || e.title || e.date || e.term || coalesce(o.name, '') || e.participants"
        " || e.is_repeat_visit FROM programmes_engagementevent e"
        " JOIN programmes_programme p ON p.id = e.programme_id"
        " LEFT JOIN partners_organisation o ON o.id = e.school_id"
        f" WHERE e.id IN ({_EVENTS})"
    ),
    "event year groups": (
        "SELECT e.date || e.title || coalesce(o.name, '') || y.code"
        " || coalesce(g.participants::text, '')"
        " FROM programmes_eventyeargroup g JOIN programmes_engagementevent e ON e.id = g.event_id"
        " JOIN partners_yeargroup y ON y.id = g.year_group_id"
        " LEFT JOIN partners_organisation o ON o.id = e.school_id"
        f" WHERE g.event_id IN ({_EVENTS})"
    ),
    "questionnaires": (f"SELECT title FROM surveys_questionnaire WHERE id IN ({_QUESTIONNAIRES})"),
    "questionnaire responses": (
        "SELECT q.title || r.client_id || r.match_code || r.submitted_at"
        " FROM surveys_response r JOIN surveys_questionnaire q ON q.id = r.questionnaire_id"
        f" WHERE r.id IN ({_RESPONSES})"
    ),
    "answers": (
        "SELECT r.client_id || qu.key || coalesce(op.value, '')"
        " FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id"
        " JOIN surveys_question qu ON qu.id = a.question_id"
        " LEFT JOIN surveys_option op ON op.id = a.option_id"
        f" WHERE a.response_id IN ({_RESPONSES})"
    ),
    "cohorts": (
        "SELECT c.name || c.starts_on || c.capacity FROM programmes_cohort c"
        f" WHERE c.id IN ({_COHORTS})"
    ),
    "participants": (
        f"SELECT {_PERSON} FROM programmes_participant pa"
        " JOIN programmes_cohort c ON c.id = pa.cohort_id"
        f" WHERE pa.id IN ({_PARTICIPANTS})"
    ),
    "participant stages": (
        f"SELECT {_PERSON} || s.stage || coalesce(s.occurred_on::text, '')"
        " FROM programmes_participantstage s"
        " JOIN programmes_participant pa ON pa.id = s.participant_id"
        " JOIN programmes_cohort c ON c.id = pa.cohort_id"
        f" WHERE s.participant_id IN ({_PARTICIPANTS})"
    ),
    "retention check-ins": (
        f"SELECT {_PERSON} || k.months || k.status FROM programmes_retentioncheckin k"
        " JOIN programmes_participant pa ON pa.id = k.participant_id"
        " JOIN programmes_cohort c ON c.id = pa.cohort_id"
        f" WHERE k.participant_id IN ({_PARTICIPANTS})"
    ),
}


def summary(*, checksums: bool = False) -> dict[str, tuple[int, str]]:
    """{table: (rows, checksum or "")} for the synthetic set now in the database.
    Checksums sort every row of every table, so they are asked for, not always made."""
    found = {}
    digest = "md5(string_agg(x, E'\\n' ORDER BY x))" if checksums else "''"
    with connection.cursor() as cursor:
        for table, rows in TABLES.items():
            cursor.execute(f"SELECT count(*), coalesce({digest}, '') FROM ({rows}) AS t(x)")
            found[table] = cursor.fetchone()
    return found
