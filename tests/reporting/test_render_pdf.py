"""The PDF: WeasyPrint on the sample report, read back with pypdf."""

import io
import time

import pytest
from pypdf import PdfReader

from reporting.render import render_pdf
from reporting.render.pdf import _fetcher
from reporting.render.sample import sample_report


@pytest.fixture(scope="module")
def rendered():
    report = sample_report()
    started = time.perf_counter()
    data = render_pdf(report)
    seconds = time.perf_counter() - started
    print(f"\nPDF of the sample report: {len(data):,} bytes in {seconds:.2f}s")
    return report, PdfReader(io.BytesIO(data))


def test_cover_has_title_scope_period_and_date(rendered):
    report, pdf = rendered
    cover = pdf.pages[0].extract_text()
    assert report.title in cover
    assert report.scope_label in cover
    assert report.period_label in cover
    assert "Generated 14 September 2026" in cover
    assert pdf.metadata.title.startswith(report.title)


def test_every_section_and_table_title_is_in_the_text(rendered):
    report, pdf = rendered
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    for section, table in report.tables():
        assert section.title in text
        assert " ".join(table.title.split()) in text
    assert "Every target school was reached (19 of 19)." in text
    assert "8,176" in text


def test_pages_are_a4_and_numbered(rendered):
    _, pdf = rendered
    total = len(pdf.pages)
    assert total >= 4
    for number, page in enumerate(pdf.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        assert f"Page {number} of {total}" in page.extract_text()


def test_charts_are_vectors_not_images(rendered):
    _, pdf = rendered
    assert not any(page.images for page in pdf.pages)
    text = " ".join(page.extract_text() for page in pdf.pages)
    # Labels drawn inside the charts only: the legend's series and an axis unit.
    assert "no data" in text
    assert "events" in text
    content = pdf.pages[1].get_contents().get_data().decode("latin-1")
    assert " re" in content or " l\n" in content  # rectangles or lines drawn as paths


def test_the_url_fetcher_refuses_the_network_and_local_files():
    fetcher = _fetcher()
    for url in ("https://assets.nhs.uk/fonts/f.woff2", "http://example.com/", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
    fetcher.fetch("data:text/plain,ok").close()
