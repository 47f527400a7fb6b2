"""Renderers: one per format, each reading a report document (reporting/document.py).

`RENDERERS` is keyed by `reporting.models.FileFormat` values. WeasyPrint and openpyxl are
imported when a file is rendered, not when this package is, so importing it is cheap.
"""

from .charts import chart_svg
from .csvzip import render_csv_zip
from .pdf import render_pdf
from .xlsx import render_xlsx

RENDERERS = {"pdf": render_pdf, "xlsx": render_xlsx, "csv_zip": render_csv_zip}

__all__ = ["RENDERERS", "chart_svg", "render_csv_zip", "render_pdf", "render_xlsx"]
