"""Cells a spreadsheet would run as a formula (CSV/formula injection, OWASP).

A stand-in for `reporting/render/safe.py`, written alongside it so the exports did not
wait on it: same name, same behaviour, to be merged into one.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A string a spreadsheet would read as a formula gets a leading apostrophe, which
    spreadsheets show as text; anything that is not a string (numbers, dates) is left
    as it is, so numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
