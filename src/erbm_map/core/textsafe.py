"""Spreadsheet-safe text: one rule for every file we write that a planner may open in Excel."""

from __future__ import annotations

#: OWASP's CSV-injection rule: a cell starting with one of these may run as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Prefix a formula-like text with a quote, so spreadsheets show it as text; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
