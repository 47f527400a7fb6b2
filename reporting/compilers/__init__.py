"""Compilers turn a scope and a period into a report document (reporting/document.py).

Each takes keyword arguments only and reports progress through `progress(percent,
stage)`; none reads the acting user (the scope was checked when the run was asked for).
"""

from .annual_cycle import compile_annual_cycle
from .impact import compile_impact, quote_choices

__all__ = ["compile_annual_cycle", "compile_impact", "quote_choices"]
