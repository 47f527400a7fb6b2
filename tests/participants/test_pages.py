"""Role × page for participant pathways: a workforce lead sees pseudonymised figures only,
a careers lead nothing, only the delivering organisation's delivery partners see names,
and every view of a named record is logged."""

import datetime

import pytest
from django.urls import reverse

from programmes.factories import ParticipantFactory
from programmes.models import AccessAction, NamedRecordAccess, Participant, Stage
from programmes.services import participants as svc

pytestmark = pytest.mark.django_db
D = datetime.date

# persona → status, for each kind of page
VIEW = {
    "lead": 200,
    "partner": 200,
    "careers": 403,
    "administrator": 200,
    "outsider": 404,
    "no_role": 403,
    "employer_staff": 200,
    "other_partner": 404,
}
MANAGE = {
    "lead": 200,
    "partner": 403,
    "careers": 403,
    "administrator": 200,
    "outsider": 404,
    "no_role": 403,
    "employer_staff": 403,
    "other_partner": 403,
}
DELIVER = {
    "lead": 403,
    "partner": 200,
    "careers": 403,
    "administrator": 403,
    "outsider": 403,
    "no_role": 403,
    "employer_staff": 403,  # sees the cohort as an employer, may not name or record
    "other_partner": 404,
}


def _url(name, started):
    pk = {
        "programmes:cohort": started.cohort_id,
        "programmes:cohort_edit": started.cohort_id,
        "programmes:cohort_create": started.cohort.programme_id,
        "programmes:participant_create": started.cohort_id,
        "programmes:participant": started.pk,
        "programmes:participant_edit": started.pk,
        "programmes:stage_record": started.pk,
        "programmes:support_add": started.pk,
        "programmes:participant_erase": started.pk,
        "programmes:check_in": None,
    }[name]
    if name == "programmes:check_in":
        pk = started.check_ins.get(months=3).pk
    return reverse(name, args=[pk])


PAGES = [
    ("programmes:cohort", VIEW),
    ("programmes:participant", DELIVER),
    ("programmes:cohort_create", MANAGE),
    ("programmes:cohort_edit", MANAGE),
    ("programmes:participant_create", DELIVER),
    ("programmes:participant_edit", DELIVER),
    ("programmes:stage_record", DELIVER),
    ("programmes:support_add", DELIVER),
    ("programmes:participant_erase", DELIVER),
    ("programmes:check_in", DELIVER),
]


@pytest.mark.parametrize(("name", "expected"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("persona", list(VIEW))
def test_each_role_gets_the_right_answer_on_each_participant_page(
    client, request, started, name, expected, persona
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(_url(name, started))
    assert response.status_code == expected[persona]


@pytest.mark.parametrize("persona", ["lead", "administrator", "employer_staff"])
def test_others_see_the_cohorts_figures_but_no_individual_record(client, request, started, persona):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("programmes:cohort", args=[started.cohort_id]))
    assert page.status_code == 200
    assert "Pathway" in page.text
    assert started.reference not in page.text
    assert "Zainab" not in page.text
    assert "PT-001" not in page.text
    record = client.get(reverse("programmes:participant", args=[started.pk]))
    assert record.status_code == 403
    assert not NamedRecordAccess.objects.filter(action=AccessAction.VIEWED).exists()


def test_the_delivering_partner_sees_the_name_and_the_view_is_logged(client, partner, started):
    client.force_login(partner)
    response = client.get(reverse("programmes:participant", args=[started.pk]))
    assert "Zainab Okafor" in response.text
    entry = NamedRecordAccess.objects.get(action=AccessAction.VIEWED)
    assert (entry.user, entry.participant, entry.name_seen) == (
        partner,
        started,
        "Zainab Okafor",
    )
    client.get(reverse("programmes:participant_edit", args=[started.pk]))
    assert NamedRecordAccess.objects.filter(action=AccessAction.VIEWED).count() == 2


def test_a_lead_sees_small_numbers_suppressed_on_the_cohort_page(client, lead, partner, started):
    client.force_login(lead)
    response = client.get(reverse("programmes:cohort", args=[started.cohort_id]))
    assert "1 to 7" in response.text
    assert "pseudonymised figures" in response.text
    client.force_login(partner)
    response = client.get(reverse("programmes:cohort", args=[started.cohort_id]))
    assert "1 to 7" not in response.text


def test_a_delivery_partner_enrols_a_participant(client, partner, cohort):
    client.force_login(partner)
    response = client.post(
        reverse("programmes:participant_create", args=[cohort.pk]),
        {
            "partner_reference": "PT-9",
            "consent_on_day": "6",
            "consent_on_month": "1",
            "consent_on_year": "2025",
            "consent_version": "v1",
            "age_band": "22-24",
            "given_name": "Ali",
            "family_name": "Khan",
        },
    )
    participant = Participant.objects.get(partner_reference="PT-9")
    assert response.status_code == 302
    assert participant.identity.full_name == "Ali Khan"
    assert NamedRecordAccess.objects.filter(participant=participant).exists()


def test_an_age_outside_the_range_names_the_field_and_saves_nothing(client, partner, cohort):
    client.force_login(partner)
    response = client.post(
        reverse("programmes:participant_create", args=[cohort.pk]),
        {
            "consent_on_day": "6",
            "consent_on_month": "1",
            "consent_on_year": "2025",
            "consent_version": "v1",
            "age_band": "31+",
            "given_name": "Old",
        },
    )
    assert response.status_code == 200
    assert "outside this cohort&#x27;s age range" in response.text
    assert "Error:" in response.text
    assert not Participant.objects.exists()


def test_a_stage_out_of_order_is_refused_with_a_message(client, partner, participant):
    client.force_login(partner)
    response = client.post(
        reverse("programmes:stage_record", args=[participant.pk]),
        {
            "stage": "enrolled",
            "occurred_on_day": "1",
            "occurred_on_month": "1",
            "occurred_on_year": "2025",
        },
    )
    assert response.status_code == 200
    assert "Enrolled cannot be dated before referred (6 January 2025)" in response.text
    assert not participant.stages.filter(stage=Stage.ENROLLED).exists()


def test_erasing_from_the_page_keeps_the_pathway(client, partner, started):
    client.force_login(partner)
    response = client.post(reverse("programmes:participant_erase", args=[started.pk]))
    assert response.status_code == 302
    page = client.get(reverse("programmes:participant", args=[started.pk]))
    assert "Zainab" not in page.text
    assert "were erased" in page.text
    started.refresh_from_db()
    assert started.furthest_position == 6


def test_the_partner_home_page_shows_check_ins_due(client, partner, started, settings):
    client.force_login(partner)
    response = client.get(reverse("home"))
    # Started 3 March 2025: the 3-month check-in fell due on 3 June 2025.
    assert f"{started.reference} at 3 months" in response.text
    assert "Overdue" in response.text


def test_a_careers_lead_home_page_says_nothing_of_participants(client, careers, started):
    client.force_login(careers)
    assert "check-ins" not in client.get(reverse("home")).text


# Fixed query counts -------------------------------------------------------------------


def _grow(cohort, n):
    for _ in range(n):
        p = ParticipantFactory(cohort=cohort)
        svc.stage_record(participant=p, stage="referred", occurred_on=D(2025, 1, 6))


@pytest.mark.parametrize("persona", ["lead", "partner"])
def test_the_cohort_page_keeps_a_fixed_number_of_queries(
    client, request, cohort, django_assert_max_num_queries, persona
):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("programmes:cohort", args=[cohort.pk])
    _grow(cohort, 2)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
    _grow(cohort, 40)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_the_cohort_list_keeps_a_fixed_number_of_queries(
    client, lead, programme, django_assert_max_num_queries
):
    from programmes.factories import CohortFactory

    client.force_login(lead)
    CohortFactory(programme=programme)
    with django_assert_max_num_queries(9):
        client.get(reverse("programmes:cohorts"))
    for _ in range(30):
        CohortFactory(programme=programme)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("programmes:cohorts"))
    assert "31 cohorts" in response.text


def test_the_check_in_list_keeps_a_fixed_number_of_queries(
    client, partner, started, employer_org, django_assert_max_num_queries
):
    client.force_login(partner)
    with django_assert_max_num_queries(9):
        client.get(reverse("programmes:check_ins"))
    for _ in range(30):
        p = ParticipantFactory(cohort=started.cohort)
        for stage, day in [
            ("referred", D(2025, 1, 6)),
            ("offered", D(2025, 2, 1)),
            ("started", D(2025, 3, 3)),
        ]:
            svc.stage_record(
                participant=p,
                stage=stage,
                occurred_on=day,
                skip_reason="Direct",
                details={"role": "hca", "employer": employer_org} if stage == "offered" else {},
            )
    with django_assert_max_num_queries(9):
        response = client.get(reverse("programmes:check_ins"))
    assert "check-ins due" in response.text


def test_an_administrator_uploads_the_imd_lookup_and_a_bad_row_saves_nothing(client, administrator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from programmes.models import ImdPostcode

    client.force_login(administrator)
    url = reverse("programmes:imd_lookup")
    good = SimpleUploadedFile("imd.csv", b"postcode,imd_quintile\nGL1 2AB,1\nGL52 8AE,4\n")
    assert client.post(url, {"file": good}).status_code == 302
    assert ImdPostcode.objects.count() == 2
    bad = SimpleUploadedFile("imd.csv", b"postcode,imd_quintile\nGL1 2AB,2\nnot a code,3\n")
    response = client.post(url, {"file": bad})
    assert "Row 3" in response.text
    assert "Nothing was saved" in response.text
    assert ImdPostcode.objects.get(postcode="GL1 2AB").quintile == 1


def test_an_administrator_finds_the_imd_lookup_from_the_home_page(client, administrator):
    client.force_login(administrator)
    assert reverse("programmes:imd_lookup") in client.get(reverse("home")).text


def test_a_lead_adds_a_cohort_and_bad_dates_are_named(client, lead, programme, vcse):
    from programmes.models import Cohort, PartnerRole, ProgrammePartner

    ProgrammePartner.objects.create(
        programme=programme, organisation=vcse, role=PartnerRole.DELIVERY
    )
    client.force_login(lead)
    url = reverse("programmes:cohort_create", args=[programme.pk])
    data = {
        "name": "Autumn 2025",
        "delivering_organisation": vcse.pk,
        "starts_on_day": "1",
        "starts_on_month": "9",
        "starts_on_year": "2025",
        "ends_on_day": "1",
        "ends_on_month": "8",
        "ends_on_year": "2025",
        "capacity": "20",
        "min_age": "16",
        "max_age": "30",
        "offers_course": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The end date must be on or after the start date." in response.text
    assert not Cohort.objects.exists()
    data["ends_on_year"] = "2026"
    response = client.post(url, data)
    cohort = Cohort.objects.get()
    assert response["Location"] == reverse("programmes:cohort", args=[cohort.pk])
    assert cohort.delivering_organisation == vcse


def test_the_access_log_is_read_only_in_the_admin_and_shows_no_names(
    client, administrator, partner, started
):
    svc.identity_view(participant=started, user=partner)
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    page = client.get("/admin/programmes/namedrecordaccess/")
    assert page.status_code == 200
    assert started.reference in page.text
    assert "Zainab" not in page.text


def test_the_stage_form_suggests_the_next_stage(client, partner, participant):
    client.force_login(partner)
    response = client.get(reverse("programmes:stage_record", args=[participant.pk]))
    assert response.context["form"].initial["stage"] == "enrolled"
