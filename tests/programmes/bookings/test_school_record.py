import csv
import io

import pytest
from django.urls import reverse

from programmes.factories import EventFactory
from programmes.models import EventYearGroup, GatsbyBenchmark

pytestmark = pytest.mark.django_db


@pytest.fixture
def encounters(programme, school, other_school, year8, year9, vcse):
    gb5 = GatsbyBenchmark.objects.get(number=5)
    gb2 = GatsbyBenchmark.objects.get(number=2)

    def make(title, year, benchmarks, at=school):
        event = EventFactory(
            programme=programme, school=at, title=title, delivering_organisations=[vcse]
        )
        event.gatsby_benchmarks.set(benchmarks)
        EventYearGroup.objects.create(event=event, year_group=year, participants=30)
        return event

    return [
        make("Paramedic day", year9, [gb5]),
        make("Nursing taster", year9, [gb5, gb2]),
        make("Hospital tour", year8, [gb2]),
        make("Elsewhere", year8, [gb5], at=other_school),
    ]


def test_the_record_shows_encounters_by_year_group_and_benchmark(client, careers, encounters):
    client.force_login(careers)
    page = client.get(reverse("programmes:school_record")).content.decode()
    assert "Paramedic day" in page
    assert "Elsewhere" not in page  # another school's encounter
    assert "3 encounters" in page


def test_the_csv_lists_every_encounter_of_the_school_only(client, careers, encounters):
    client.force_login(careers)
    response = client.get(reverse("programmes:school_record_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Date"
    titles = sorted(row[1] for row in rows[1:])
    assert titles == ["Hospital tour", "Nursing taster", "Paramedic day"]
    nursing = next(row for row in rows if row[1] == "Nursing taster")
    assert nursing[4] == "Year 9 (30)"
    assert nursing[6] == "2; 5"


def test_the_pdf_is_one_page_with_the_summary(client, careers, encounters):
    client.force_login(careers)
    response = client.get(reverse("programmes:school_record_pdf"))
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-1.4")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert pdf.count(b"/Type /Page ") == 1
    assert b"Cleeve School: encounters with health and care employers" in pdf
    assert b"Paramedic day" in pdf
    assert b"Elsewhere" not in pdf


def test_a_long_record_still_fits_one_page(client, careers, programme, school, year9):
    for i in range(60):
        EventFactory(programme=programme, school=school, title=f"Talk {i}")
    client.force_login(careers)
    pdf = client.get(reverse("programmes:school_record_pdf")).content
    assert pdf.count(b"/Type /Page ") == 1
    assert b"More encounters are in the CSV download." in pdf


@pytest.mark.parametrize("persona", ["partner", "lead", "administrator", "outsider"])
def test_only_careers_leads_have_a_school_record(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in [
        "programmes:school_record",
        "programmes:school_record_csv",
        "programmes:school_record_pdf",
    ]:
        assert client.get(reverse(name)).status_code == 403


def test_the_record_keeps_a_fixed_number_of_queries(
    client, careers, encounters, programme, school, year9, django_assert_max_num_queries
):
    client.force_login(careers)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("programmes:school_record"))
    for i in range(15):
        event = EventFactory(programme=programme, school=school, title=f"More {i}")
        EventYearGroup.objects.create(event=event, year_group=year9, participants=5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("programmes:school_record"))
