"""Template helpers for report documents: `{{ value|cell:column.kind }}`, the cells of a
row beside their columns, and `{% chart table.chart %}` for the SVG bar chart."""

import datetime

from django import template

from reporting.document import TEXT, Suppressed
from reporting.render.charts import chart_svg
from reporting.render.formatting import NUMERIC_KINDS, format_value

register = template.Library()


@register.filter
def cell(value, kind):
    return format_value(value, kind)


@register.filter
def numeric(kind) -> bool:
    """Numeric columns are right-aligned, so figures line up by their units."""
    return kind in NUMERIC_KINDS


@register.filter
def suppressed(value) -> bool:
    return isinstance(value, Suppressed)


@register.filter
def with_columns(row, columns):
    """(value, column, is_row_header) for each cell: a text first column heads its row."""
    return [
        (value, column, index == 0 and column.kind == TEXT)
        for index, (value, column) in enumerate(zip(row, columns, strict=True))
    ]


@register.filter
def iso_datetime(value):
    """The document's ISO 8601 timestamp as a datetime, for the `date` filter."""
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.simple_tag
def chart(chart):
    return chart_svg(chart)
