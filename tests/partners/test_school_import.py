from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from partners.imports.csvfile import FileRejected
from partners.imports.imd import decile_from_rank, imd_import
from partners.imports.schools import read_area_map, schools_import
from partners.imports.synthetic import area_map_csv, extract_csv
from partners.models import ICBArea, LocalAuthority, Organisation, OrganisationKind

HEADER = (
    "URN,EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),LA (name),"
    "Postcode,NumberOfPupils,PercentageFSM,EstablishmentStatus (name),Extra\r\n"
)
MAP = {"gloucestershire": "NHS Gloucestershire ICB"}


def csv_bytes(*rows, header=HEADER, encoding="cp1252"):
    return (header + "".join(row + "\r\n" for row in rows)).encode(encoding)


CLEEVE = "115799,Cleeve School,Academy converter,Secondary,Gloucestershire,GL52 8AE,1650,9.8,Open,x"
PITTVILLE = (
    "115800,Pittville School,Community school,Secondary,Gloucestershire,gl523jd,900,SUPP,Open,x"
)


@pytest.mark.django_db
def test_it_creates_schools_in_the_mapped_area_and_remembers_the_map():
    report = schools_import(raw=csv_bytes(CLEEVE, PITTVILLE), area_map=MAP)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (2, 0, 0, [])
    cleeve = Organisation.objects.get(urn=115799)
    assert cleeve.area.name == "NHS Gloucestershire ICB"
    assert cleeve.kind == OrganisationKind.SCHOOL
    assert cleeve.phase == "secondary"
    assert cleeve.number_of_pupils == 1650
    assert str(cleeve.percentage_fsm) == "9.80"
    assert Organisation.objects.get(urn=115800).postcode == "GL52 3JD"
    assert Organisation.objects.get(urn=115800).percentage_fsm is None  # suppressed
    assert LocalAuthority.objects.get(name="Gloucestershire").area == cleeve.area
    # The stored map serves the next import without a map file.
    again = schools_import(raw=csv_bytes(CLEEVE))
    assert again.unchanged == 1


@pytest.mark.django_db
def test_a_second_run_of_the_same_file_reports_everything_unchanged_and_writes_nothing(
    django_assert_max_num_queries,
):
    raw = extract_csv(300, local_authority_count=10)
    mapping = read_area_map(area_map_csv(10, areas=3))
    first = schools_import(raw=raw, area_map=mapping)
    assert first.created == 300
    stamps = dict(Organisation.objects.values_list("urn", "updated_at"))
    with django_assert_max_num_queries(10) as captured:
        second = schools_import(raw=raw, area_map=mapping)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 300)
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert dict(Organisation.objects.values_list("urn", "updated_at")) == stamps


@pytest.mark.django_db
def test_changed_rows_are_updated_in_place_keyed_by_urn():
    schools_import(raw=csv_bytes(CLEEVE), area_map=MAP)
    school = Organisation.objects.get(urn=115799)
    school.description = "Partners wrote this"
    school.save()
    renamed = CLEEVE.replace("Cleeve School", "Cleeve School Academy").replace(",Open,", ",Closed,")
    report = schools_import(raw=csv_bytes(renamed))
    assert (report.created, report.updated) == (0, 1)
    school.refresh_from_db()
    assert school.name == "Cleeve School Academy"
    assert school.is_open is False
    assert school.description == "Partners wrote this"


@pytest.mark.django_db
def test_a_dry_run_reports_but_writes_nothing():
    report = schools_import(
        raw=csv_bytes(CLEEVE), area_map={"gloucestershire": "New Area ICB"}, dry_run=True
    )
    assert report.created == 1
    assert "would be created" in report.notes[0]
    assert not Organisation.objects.exists()
    assert not ICBArea.objects.exists()
    assert not LocalAuthority.objects.exists()


@pytest.mark.django_db
def test_every_bad_row_is_named_with_its_line_and_reason():
    raw = csv_bytes(
        CLEEVE,  # line 2 fine
        "abc,Bad URN School,Community school,Primary,Gloucestershire,GL1 1AA,10,1,Open,x",
        "115801,Nowhere School,Community school,Primary,Atlantis,GL1 1AA,10,1,Open,x",
        "115799,Cleeve Again,Academy converter,Secondary,Gloucestershire,GL52 8AE,1,1,Open,x",
        "115802,Short Row",
        "115803,Bad Postcode,Community school,Primary,Gloucestershire,NOT A CODE,10,1,Open,x",
        "115804,Bad Pupils,Community school,Primary,Gloucestershire,GL1 1AA,lots,1,Open,x",
    )
    report = schools_import(raw=raw, area_map=MAP)
    assert report.created == 1
    reasons = {r.line: r.reason for r in report.rejected}
    assert "is not a number" in reasons[3]
    assert "'Atlantis' is not mapped" in reasons[4]
    assert "appears again (first on line 2)" in reasons[5]
    assert "fewer columns" in reasons[6]
    assert "not a UK postcode" in reasons[7]
    assert "not a whole number" in reasons[8]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"   \r\n", "empty"),
        (b"PK\x03\x04\x00\x00binary spreadsheet", "not a CSV"),
        (b"Name,LA (name),EstablishmentName\r\nx,y,z\r\n", "no URN column"),
    ],
)
def test_a_file_that_fails_as_a_whole_writes_nothing(raw, message):
    with pytest.raises(FileRejected, match=message):
        schools_import(raw=raw, area_map=MAP)
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_it_reads_utf8_with_a_byte_order_mark_and_windows_1252():
    name = "St Mary’s Café School"
    row = f"115900,{name},Community school,Primary,Gloucestershire,GL1 1AA,10,1,Open,x"
    schools_import(raw=b"\xef\xbb\xbf" + csv_bytes(row, encoding="utf-8"), area_map=MAP)
    assert Organisation.objects.get(urn=115900).name == name
    row2 = row.replace("115900", "115901")
    schools_import(raw=csv_bytes(row2, encoding="cp1252"), area_map=MAP)
    assert Organisation.objects.get(urn=115901).name == name


@pytest.mark.django_db
def test_colleges_are_recognised_by_their_type():
    row = (
        "130000,Gloucestershire College,Further education,16 plus,Gloucestershire,"
        "GL2 5JQ,9000,,Open,x"
    )
    schools_import(raw=csv_bytes(row), area_map=MAP)
    college = Organisation.objects.get(urn=130000)
    assert college.kind == OrganisationKind.COLLEGE
    assert college.phase == "sixteen_plus"


@pytest.mark.django_db
def test_imd_import_takes_deciles_or_ranks_and_is_idempotent():
    schools_import(raw=csv_bytes(CLEEVE, PITTVILLE), area_map=MAP)
    report = imd_import(raw=b"URN,IMD decile\r\n115799,3\r\n999999,2\r\n115800,eleven\r\n")
    assert report.updated == 1
    assert {r.line for r in report.rejected} == {3, 4}
    assert Organisation.objects.get(urn=115799).imd_decile == 3
    assert imd_import(raw=b"URN,IMD decile\r\n115799,3\r\n").unchanged == 1
    imd_import(raw=b"URN,IMD rank\r\n115800,1\r\n")
    assert Organisation.objects.get(urn=115800).imd_decile == 1
    with pytest.raises(FileRejected, match="IMD decile"):
        imd_import(raw=b"URN,Score\r\n115799,3\r\n")


def test_rank_to_decile_boundaries():
    assert decile_from_rank(1, 32844) == 1
    assert decile_from_rank(3284, 32844) == 1
    assert decile_from_rank(3285, 32844) == 2
    assert decile_from_rank(32844, 32844) == 10


@pytest.mark.django_db
def test_the_command_prints_the_counts_and_rejects_with_line_numbers(tmp_path):
    extract = tmp_path / "edubase.csv"
    extract.write_bytes(
        csv_bytes(CLEEVE, "x,Bad,Community school,Primary,Gloucestershire,,,,Open,y")
    )
    area_map = tmp_path / "map.csv"
    area_map.write_text("local_authority,icb_area\nGloucestershire,NHS Gloucestershire ICB\n")
    out = StringIO()
    call_command(
        "import_schools", str(extract), "--area-map", str(area_map), "--dry-run", stdout=out
    )
    assert "1 would be created" in out.getvalue()
    assert "line 3: URN 'x' is not a number" in out.getvalue()
    assert "Dry run: nothing was written." in out.getvalue()
    assert not Organisation.objects.exists()
    call_command("import_schools", str(extract), "--area-map", str(area_map), stdout=StringIO())
    assert Organisation.objects.filter(urn=115799).exists()
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="Nothing was imported: The file is empty"):
        call_command("import_schools", str(empty), stdout=StringIO())
