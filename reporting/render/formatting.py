"""How a cell reads on screen and in the PDF: the same words in both.

Percent values are 0 to 100 (42 means 42%), as the survey selectors already count them.
Spreadsheets keep the raw number instead (see xlsx.py); only screen and PDF format it.
"""

from reporting.document import DECIMAL, INTEGER, MONEY, PERCENT, Suppressed

NUMERIC_KINDS = (INTEGER, DECIMAL, PERCENT, MONEY)


def is_number(value) -> bool:
    # bool is an int to Python, but True is not a figure.
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fixed(value, places: int) -> str:
    return f"{value:,.{places}f}"


def _whole_or(value, places: int) -> str:
    """Whole values without decimals (12,000), others to `places` (5.62)."""
    return _fixed(value, 0 if float(value).is_integer() else places)


def format_value(value, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Suppressed):
        return value.label
    if not is_number(value):
        return str(value)
    if kind == INTEGER:
        return _fixed(value, 0)
    if kind == DECIMAL:
        # Hours and changes: 12.5 hours, but 3 events, not 3.0.
        return _whole_or(value, 1)
    if kind == PERCENT:
        return _whole_or(value, 1) + "%"
    if kind == MONEY:
        text = _whole_or(value, 2)
        # "-£5" reads better than "£-5".
        return "-£" + text[1:] if text.startswith("-") else "£" + text
    return _whole_or(value, 2)
