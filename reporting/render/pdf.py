"""A compiled report as a PDF: the screen's section include laid out by WeasyPrint.

Charts are the same inline SVG as on screen, so they stay vectors. Nothing is fetched from
the network: fonts come from the machine (DejaVu or Liberation through the CSS fallbacks)
and the URL fetcher refuses every URL but `data:`, so a stray link in a report can neither
slow the render down nor reach out of the worker.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from reporting.document import Report

TEMPLATE = "reporting/pdf/report.html"
STYLESHEET = "css/report-pdf.css"


def _stylesheet() -> str:
    path = finders.find(STYLESHEET)
    with open(path, encoding="utf-8") as css:
        return css.read()


def _fetcher():
    # Imported here, like weasyprint below, so web processes that only import the
    # renderers' names do not load WeasyPrint and its native libraries.
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, timeout=1, allow_redirects=False)


def render_pdf(report: Report) -> bytes:
    from weasyprint import CSS, HTML

    fetcher = _fetcher()
    html = render_to_string(TEMPLATE, {"report": report})
    return HTML(string=html, base_url="data:,", url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(string=_stylesheet(), url_fetcher=fetcher)],
        # Tagged PDF: headings, tables and reading order for screen-reader users.
        pdf_tags=True,
    )
