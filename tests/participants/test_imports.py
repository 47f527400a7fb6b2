"""Bulk import of participants: the template's exact columns, a preview with row errors,
all or nothing, idempotent by the partner's own reference."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import NamedRecordAccess, Participant, ParticipantImport, Stage
from programmes.services import participant_imports as imports

pytestmark = pytest.mark.django_db


def _file(rows, name="people.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=imports.column_names())
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return SimpleUploadedFile(name, buffer.getvalue().encode())


def _row(ref, **more):
    row = {
        "partner_reference": ref,
        "consent_on": "2025-01-06",
        "consent_version": "v1",
        "given_name": "Row",
        "family_name": ref,
        "age_band": "18-21",
        "ethnic_group": "asian_indian",
        "referred_on": "2025-01-06",
        "referred_by": "Reach Out VCSE",
        "enrolled_on": "2025-01-13",
    }
    row.update(more)
    return row


def _upload(client, cohort, rows):
    response = client.post(
        reverse("programmes:participant_upload", args=[cohort.pk]), {"file": _file(rows)}
    )
    assert response.status_code == 302, response.text
    return ParticipantImport.objects.latest("pk")


def test_the_template_has_the_exact_columns(client, partner):
    client.force_login(partner)
    response = client.get(reverse("programmes:participant_template_csv"))
    header = response.content.decode("utf-8-sig").strip().split(",")
    assert header == imports.column_names()
    xlsx = client.get(reverse("programmes:participant_template_xlsx"))
    assert xlsx.content[:2] == b"PK"


def test_an_import_previews_then_saves_and_a_reimport_changes_nothing(
    client, partner, cohort, employer_org
):
    client.force_login(partner)
    rows = [
        _row("A1"),
        _row(
            "A2",
            interviewed_on="2025-02-10",
            trained_on="2025-02-01",
            offered_on="2025-02-12",
            offer_role="hca",
            offer_employer="Cheltenham General",
            started_on="2025-03-03",
        ),
    ]
    batch = _upload(client, cohort, rows)
    preview = client.get(reverse("programmes:participant_import", args=[batch.pk]))
    assert "2</span> new participants" in preview.text
    assert not Participant.objects.exists()  # nothing until confirmed
    client.post(reverse("programmes:participant_import", args=[batch.pk]))
    assert Participant.objects.count() == 2
    a2 = Participant.objects.get(partner_reference="A2")
    assert a2.current_stage == Stage.STARTED
    assert a2.check_ins.count() == 3
    assert a2.identity.full_name == "Row A2"
    assert NamedRecordAccess.objects.filter(participant=a2, action="changed").exists()
    batch.refresh_from_db()
    assert batch.rows == []  # names do not linger in the import

    again = _upload(client, cohort, rows)
    page = client.get(reverse("programmes:participant_import", args=[again.pk]))
    assert "2</span> already imported" in page.text
    client.post(reverse("programmes:participant_import", args=[again.pk]))
    again.refresh_from_db()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Participant.objects.count() == 2


def test_a_bad_row_is_named_and_nothing_is_saved(client, partner, cohort):
    client.force_login(partner)
    batch = _upload(
        client,
        cohort,
        [
            _row("B1"),
            _row("B2", enrolled_on="2025-01-01"),  # before the referral
            _row("B3", age_band="31+"),
            _row("B1"),
            _row("B5", referred_on="", enrolled_on="2025-01-13"),
        ],
    )
    problems = {(row, column) for row, column, _ in batch.errors}
    assert (3, "enrolled_on") in problems
    assert (4, "age_band") in problems
    assert (5, "partner_reference") in problems
    assert (6, "referred_on") in problems
    page = client.get(reverse("programmes:participant_import", args=[batch.pk]))
    assert "Nothing has been saved" in page.text
    assert "Enrolled (01/01/2025) is before referred (06/01/2025)" in page.text
    response = client.post(reverse("programmes:participant_import", args=[batch.pk]))
    assert response.status_code == 302
    assert not Participant.objects.exists()


def test_a_row_that_contradicts_recorded_stages_rolls_back_the_whole_file(client, partner, cohort):
    client.force_login(partner)
    first = _upload(client, cohort, [_row("C1")])
    client.post(reverse("programmes:participant_import", args=[first.pk]))
    # C2 is new and fine; C1 now claims a referral after its recorded enrolment.
    batch = _upload(
        client, cohort, [_row("C2"), _row("C1", referred_on="2025-01-20", enrolled_on="")]
    )
    response = client.post(reverse("programmes:participant_import", args=[batch.pk]), follow=True)
    assert "Row 3 (C1)" in response.text
    assert "Nothing was imported" in response.text
    assert not Participant.objects.filter(partner_reference="C2").exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("partner", 200),
        ("lead", 403),
        ("administrator", 403),
        ("careers", 403),
        ("employer_staff", 403),
        ("other_partner", 404),
    ],
)
def test_only_the_delivering_partner_may_upload(client, request, cohort, persona, status):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("programmes:participant_upload", args=[cohort.pk])
    assert client.get(url).status_code == status


def test_someone_elses_upload_is_not_found(client, partner, other_partner, cohort):
    client.force_login(partner)
    batch = _upload(client, cohort, [_row("D1")])
    client.force_login(other_partner)
    assert client.get(reverse("programmes:participant_import", args=[batch.pk])).status_code == 404
