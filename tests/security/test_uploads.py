"""Hostile uploads on every import route: each is refused with a message beside the field
(200, the form again), nothing is saved, and nothing answers 500.

The routes are found from the URL conf (every view whose form has a file field), so an
import added without being listed here fails `test_every_import_route_is_covered`.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Organisation
from programmes import spreadsheets
from programmes.factories import CohortFactory
from programmes.models import (
    EngagementEvent,
    EventImport,
    ImdPostcode,
    Participant,
    ParticipantImport,
)
from programmes.services import participant_imports

pytestmark = pytest.mark.django_db

XLSX_MIME = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@dataclass(frozen=True)
class Route:
    name: str
    persona: str
    field: str
    takes_xlsx: bool

    def header(self) -> list[str]:
        if self.name == "programmes:import_upload":
            return spreadsheets.column_names()
        if self.name == "programmes:participant_upload":
            return participant_imports.column_names()
        return {
            "partner_imports:schools": ["URN", "EstablishmentName", "LA (name)"],
            "partner_imports:imd": ["URN", "IMD decile"],
            "programmes:imd_lookup": ["postcode", "imd_quintile"],
        }[self.name]


ROUTES = [
    Route("partner_imports:schools", "administrator", "extract", takes_xlsx=False),
    Route("partner_imports:imd", "administrator", "extract", takes_xlsx=False),
    Route("programmes:imd_lookup", "administrator", "file", takes_xlsx=False),
    Route("programmes:import_upload", "lead", "file", takes_xlsx=True),
    Route("programmes:participant_upload", "partner", "file", takes_xlsx=True),
]


def test_every_import_route_is_covered():
    """Every route whose view takes a file upload is one of ROUTES."""
    from django import forms
    from django.urls import get_resolver

    import partners.imports.forms as partner_forms
    import programmes.forms.imports as event_forms
    import programmes.forms.participants as participant_forms
    import programmes.views.participants_imd as imd_views

    upload_forms = {
        cls
        for module in (partner_forms, event_forms, participant_forms, imd_views)
        for cls in vars(module).values()
        if isinstance(cls, type)
        and issubclass(cls, forms.BaseForm)
        and any(isinstance(f, forms.FileField) for f in cls.base_fields.values())
    }
    assert {c.__name__ for c in upload_forms} == {
        "SchoolImportForm",
        "ImdImportForm",
        "ImportForm",
        "ParticipantImportForm",
        "ImdLookupForm",
    }
    names = set()

    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix)
            elif pattern.name:
                names.add(f"{prefix}{pattern.name}")

    walk(get_resolver())
    upload_routes = {n for n in names if n.endswith(("upload", "lookup")) or "imports:" in n}
    assert {r.name for r in ROUTES} == upload_routes - {"programmes:import"}


@pytest.fixture
def route_url(request, programme, vcse):
    def url(route: Route) -> str:
        if route.name == "programmes:import_upload":
            return reverse(route.name, args=[programme.pk])
        if route.name == "programmes:participant_upload":
            cohort = CohortFactory(programme=programme, delivering_organisation=vcse)
            return reverse(route.name, args=[cohort.pk])
        return reverse(route.name)

    return url


def _state():
    """Everything an import could write."""
    return (
        Organisation.objects.count(),
        sorted(Organisation.objects.values_list("imd_decile", flat=True), key=str),
        EventImport.objects.count(),
        EngagementEvent.objects.count(),
        ParticipantImport.objects.count(),
        Participant.objects.count(),
        ImdPostcode.objects.count(),
    )


def _post(client, request, route, route_url, content: bytes, name: str):
    client.force_login(request.getfixturevalue(route.persona))
    url = route_url(route)
    before = _state()
    response = client.post(url, {route.field: SimpleUploadedFile(name, content)})
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    assert "nhsuk-error-message" in body or "nhsuk-error-summary" in body
    assert _state() == before
    return body


def _csv(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _xlsx(header, rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rows(route, count):
    width = len(route.header())
    return [[f"R{n}"] + ["1"] * (width - 1) for n in range(count)]


def _replace_part(xlsx: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = content if member.filename == name else source.read(member)
            target.writestr(member.filename, data)
        if name not in source.namelist():
            target.writestr(name, content)
    return out.getvalue()


def _zip_bomb() -> bytes:
    """A workbook-shaped zip whose sheet expands about a thousand times (24 MB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            b'<?xml version="1.0"?><Types><Override PartName="/xl/workbook.xml" '
            b'ContentType="' + XLSX_MIME + b'"/></Types>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (24 * 1024 * 1024))
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


def _entity_bomb(route) -> bytes:
    return _replace_part(
        _xlsx(route.header(), _rows(route, 1)), "xl/worksheets/sheet1.xml", BILLION_LAUGHS
    )


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return out.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_an_oversized_file_is_refused_before_it_is_read(
    client, request, route, route_url, settings
):
    settings.IMPORT_MAX_UPLOAD_BYTES = 16
    body = _post(client, request, route, route_url, _csv(route.header(), _rows(route, 5)), "a.csv")
    assert "the largest you can upload is 16" in body


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (EXE, "people.csv", "looks like a program"),
        (HTML, "people.csv", "looks like a web page"),
        (b"%PDF-1.7\n1 0 obj\n", "people.csv", "looks like a web page or document"),
        (None, "people.xlsx", None),  # a zip that is not a workbook
    ],
    ids=["exe-renamed-csv", "html-renamed-csv", "pdf-renamed-csv", "zip-renamed-xlsx"],
)
def test_a_file_of_the_wrong_kind_is_refused_whatever_its_name(
    client, request, route, route_url, content, name, message
):
    content = _plain_zip() if content is None else content
    body = _post(client, request, route, route_url, content, name)
    if message is None:
        message = "not an Excel workbook" if route.takes_xlsx else "compressed (zip) file"
    assert message in body


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_a_truncated_workbook_is_refused(client, request, route, route_url):
    whole = _xlsx(route.header(), _rows(route, 20))
    body = _post(client, request, route, route_url, whole[: len(whole) // 2], "a.xlsx")
    expected = "damaged or only partly uploaded" if route.takes_xlsx else "not a CSV file"
    assert expected in body


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_text_in_no_encoding_is_refused(client, request, route, route_url):
    # 0x81 and 0x9D are neither UTF-8 nor Windows-1252 (the schools extract's encoding).
    content = ",".join(route.header()).encode() + b"\n\x81\x9d\x8f," + b"x\n"
    body = _post(client, request, route, route_url, content, "a.csv")
    assert "UTF-8" in body


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_a_csv_with_nul_bytes_is_refused(client, request, route, route_url):
    content = _csv(route.header(), _rows(route, 3)) * 200 + b"R9,\x00\x00\n"
    body = _post(client, request, route, route_url, content, "a.csv")
    assert "looks like a program, an old Excel file or text saved as UTF-16" in body


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, request, route, route_url):
    body = _post(client, request, route, route_url, _zip_bomb(), "a.xlsx")
    expected = "expands more than 100 times" if route.takes_xlsx else "compressed (zip) file"
    assert expected in body


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_an_entity_bomb_inside_a_workbook_is_refused(client, request, route, route_url):
    body = _post(client, request, route, route_url, _entity_bomb(route), "a.xlsx")
    expected = "declares its own entities" if route.takes_xlsx else "compressed (zip) file"
    assert expected in body


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_too_many_rows_are_refused_with_the_limit_named(
    client, request, route, route_url, settings, kind
):
    if kind == "xlsx" and not route.takes_xlsx:
        pytest.skip("this import reads CSV only")
    settings.IMPORT_MAX_ROWS = 3
    build = _csv if kind == "csv" else _xlsx
    content = build(route.header(), _rows(route, 6))
    body = _post(client, request, route, route_url, content, f"a.{kind}")
    assert "more than 3 rows" in body


@pytest.mark.parametrize("route", [r for r in ROUTES if r.takes_xlsx], ids=lambda r: r.name)
def test_a_workbook_linking_to_other_files_is_refused(client, request, route, route_url):
    workbook = _replace_part(
        _xlsx(route.header(), _rows(route, 1)),
        "xl/externalLinks/externalLink1.xml",
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    )
    body = _post(client, request, route, route_url, workbook, "a.xlsx")
    assert "links to other files" in body


@pytest.mark.parametrize("route", [r for r in ROUTES if r.takes_xlsx], ids=lambda r: r.name)
def test_a_workbook_unpacking_past_the_limit_is_refused(
    client, request, route, route_url, settings
):
    settings.IMPORT_MAX_UNPACKED_BYTES = 4096
    workbook = _xlsx(route.header(), _rows(route, 50))
    body = _post(client, request, route, route_url, workbook, "a.xlsx")
    assert "unpacks to more than 4.0" in body


def test_openpyxl_reads_xml_through_defusedxml():
    """The second wall behind the check above: even a workbook that reached openpyxl
    could not expand an entity."""
    import openpyxl.xml
    from openpyxl import load_workbook

    assert openpyxl.xml.DEFUSEDXML is True
    bomb = _replace_part(_xlsx(["a"], [["b"]]), "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    from defusedxml import EntitiesForbidden

    def read():
        workbook = load_workbook(io.BytesIO(bomb), read_only=True)
        return list(workbook.worksheets[0].iter_rows(values_only=True))

    with pytest.raises(ValueError, match="Unable to read workbook") as refused:
        read()
    chain, error = [], refused.value
    while error is not None:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(e, EntitiesForbidden) for e in chain)


def test_a_real_workbook_still_imports(client, lead, programme, school):
    """The checks refuse hostile files, not real ones: a template-shaped workbook of
    events passes them and reaches the preview."""
    from tests.programmes.test_imports import row

    school.urn = 115678
    school.save()
    values = row()
    workbook = _xlsx(
        spreadsheets.column_names(), [[values.get(c) for c in spreadsheets.column_names()]]
    )
    client.force_login(lead)
    response = client.post(
        reverse("programmes:import_upload", args=[programme.pk]),
        {"file": SimpleUploadedFile("events.xlsx", workbook)},
    )
    assert response.status_code == 302
    assert EventImport.objects.count() == 1
