"""Checks every uploaded import file passes before anything reads it: its size, what it
is by its content (never by its name), and, for a workbook, that unpacking it is bounded
and that it holds nothing but a plain spreadsheet. Each import form calls `check_upload`;
the readers (partners.imports.csvfile, programmes.spreadsheets) then count rows against
`max_rows` as they go, so no file is read whole into rows past the limit.

openpyxl parses the workbook's XML with defusedxml when it is installed (a dependency):
no entity is expanded and no external resource fetched. The checks here refuse such a
part, and a decompression bomb, before openpyxl is given the file at all.
"""

import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

CSV = "csv"
XLSX = "xlsx"

_HEAD = 64 * 1024
_OOXML_SHEET = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_OOXML_TEMPLATE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"
# Things a spreadsheet of rows never needs: links to other files, macros, embedded files.
_REFUSED_PARTS = ("xl/externallinks/", "xl/vbaproject", "xl/embeddings/", "xl/activex/")
# Text that is not a CSV however it is named.
_NOT_CSV_STARTS = (b"<!doctype", b"<html", b"<?xml", b"<svg", b"<script", b"%pdf", b"{\\rtf")
_REFUSED_LINKS = (b"/externalLink", b"/attachedTemplate", b"/oleObject", b"/externalLinkPath")
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0D}


@dataclass(frozen=True)
class Limits:
    upload_bytes: int
    unpacked_bytes: int
    ratio: int
    members: int


def limits() -> Limits:
    return Limits(
        upload_bytes=settings.IMPORT_MAX_UPLOAD_BYTES,
        unpacked_bytes=settings.IMPORT_MAX_UNPACKED_BYTES,
        ratio=settings.IMPORT_MAX_COMPRESSION_RATIO,
        members=settings.IMPORT_MAX_ZIP_MEMBERS,
    )


def max_rows(own_limit: int | None = None) -> int:
    """The rows one import accepts: its own limit, never above IMPORT_MAX_ROWS."""
    ceiling = settings.IMPORT_MAX_ROWS
    return min(own_limit, ceiling) if own_limit else ceiling


def too_many_rows(limit: int) -> str:
    return f"The file has more than {limit:,} rows. Split it into smaller files and upload each."


def _reject(message: str, code: str):
    raise ValidationError(message, code=code)


def check_upload(upload, *, kinds=(CSV, XLSX)) -> str:
    """The kind of file `upload` is (CSV or XLSX) by its content, or ValidationError
    with a plain message. The size is checked before a byte is read."""
    bound = limits()
    if upload.size > bound.upload_bytes:
        _reject(
            f"The file is {filesizeformat(upload.size)}; the largest you can upload is "
            f"{filesizeformat(bound.upload_bytes)}. Split it into smaller files.",
            "too_big",
        )
    upload.seek(0)
    head = upload.read(_HEAD)
    upload.seek(0)
    if not head.strip():
        _reject("The file is empty.", "empty")
    wanted = " or ".join("a CSV file" if k == CSV else "an Excel workbook (.xlsx)" for k in kinds)
    if head.startswith(b"PK\x03\x04"):
        if XLSX not in kinds:
            _reject(f"The file is not {wanted}: it is a compressed (zip) file.", "wrong_type")
        _check_workbook(upload, bound)
        return XLSX
    if CSV not in kinds:
        _reject(f"The file is not {wanted}.", "wrong_type")
    _check_text(upload, head, wanted)
    return CSV


def _check_text(upload, head: bytes, wanted: str) -> None:
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(_NOT_CSV_STARTS):
        _reject(f"The file is not {wanted}: it looks like a web page or document.", "wrong_type")
    # NUL bytes mean a binary file (a program, an old .xls) or UTF-16 text: read it all,
    # in chunks, so a NUL after the first screenful is caught too.
    upload.seek(0)
    controls = 0
    for chunk in upload.chunks():
        if b"\x00" in chunk:
            upload.seek(0)
            _reject(
                f"The file is not {wanted} (it looks like a program, an old Excel file or "
                "text saved as UTF-16). Save it as CSV UTF-8 and try again.",
                "wrong_type",
            )
        controls += sum(1 for byte in chunk[:_HEAD] if byte in _CONTROL)
    upload.seek(0)
    if controls > 10:
        _reject(f"The file is not {wanted}: it holds binary data.", "wrong_type")


def _check_workbook(upload, bound: Limits) -> None:
    unreadable = (
        "The file cannot be opened as an Excel workbook (.xlsx): it may be damaged or only "
        "partly uploaded. Save it again from Excel, or as CSV UTF-8."
    )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > bound.members:
                _reject("The workbook has too many parts to be a spreadsheet of rows.", "bomb")
            total = sum(member.file_size for member in members)
            if total > bound.unpacked_bytes:
                _reject(
                    f"The workbook unpacks to more than {filesizeformat(bound.unpacked_bytes)}. "
                    "Split it into smaller files, or save it as CSV UTF-8.",
                    "bomb",
                )
            for member in members:
                # Small parts compress well whatever they hold; a ratio only means something
                # for a part big enough to hurt.
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > 1024 * 1024 and ratio > bound.ratio:
                    _reject(
                        "The workbook is packed in a way no spreadsheet is (a part expands "
                        f"more than {bound.ratio} times). It was not opened.",
                        "bomb",
                    )
                name = member.filename.lower()
                if name.startswith(_REFUSED_PARTS):
                    _reject(
                        "The workbook links to other files or holds macros or embedded "
                        "files. Copy its rows into a new workbook, or save it as CSV UTF-8.",
                        "unsafe_part",
                    )
            try:
                content_types = archive.read("[Content_Types].xml")
            except KeyError:
                _reject("The file is a zip archive, not an Excel workbook (.xlsx).", "wrong_type")
            if _OOXML_SHEET not in content_types and _OOXML_TEMPLATE not in content_types:
                _reject(
                    "The file is not an Excel workbook (.xlsx): it may be another kind of "
                    "document. Save it from Excel as .xlsx, or as CSV UTF-8.",
                    "wrong_type",
                )
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")):
                    _check_xml_part(archive, member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise ValidationError(unreadable, code="malformed") from exc
    except NotImplementedError as exc:  # a compression method zipfile cannot read
        raise ValidationError(unreadable, code="malformed") from exc
    finally:
        upload.seek(0)


def _check_xml_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """No part of a real workbook declares a document type; one that does is trying to
    define entities (an entity bomb, or a reference to a file on the server)."""
    is_rels = member.filename.lower().endswith(".rels")
    with archive.open(member) as part:
        start = part.read(1024 * 1024 if is_rels else 4096)
    if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
        _reject(
            "The workbook holds XML that declares its own entities, which no spreadsheet "
            "needs. It was not opened.",
            "unsafe_part",
        )
    # Hyperlinks are external targets too, and harmless; links to other workbooks, remote
    # templates and linked objects are not.
    if is_rels and any(kind in start for kind in _REFUSED_LINKS):
        _reject(
            "The workbook links to other files. Copy its rows into a new workbook, or "
            "save it as CSV UTF-8.",
            "unsafe_part",
        )


class ImportFileField(forms.FileField):
    """A file field for imports: runs `check_upload` and notes the kind on the file as
    `upload.import_kind`, for the reader to pick its parser by content."""

    def __init__(self, *args, kinds=(CSV, XLSX), **kwargs):
        self.kinds = tuple(kinds)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            upload.import_kind = check_upload(upload, kinds=self.kinds)
        return upload
