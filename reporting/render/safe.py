"""Cells that a spreadsheet would run as a formula are written as text.

OWASP's advice on CSV injection: a cell that begins with `=`, `+`, `-`, `@`, a tab or a
carriage return is prefixed with a single quote, so Excel and LibreOffice show it instead
of evaluating it. Only strings are touched: a negative number stays a number.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
