"""Cells of published CSV files: text a spreadsheet would run as a formula gets a leading ``'``.

The same rule as the complaint tables (OWASP CSV injection): a cell starting with ``=``, ``+``,
``-``, ``@``, TAB or CR is written with a leading apostrophe. JSON and SQLite keep raw values.
"""

from __future__ import annotations

from generator.safeinput.formulas import FORMULA_START

__all__ = ["FORMULA_START", "spreadsheet_text", "unquote"]


def spreadsheet_text(value: str) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text."""
    return "'" + value if value[:1] in FORMULA_START else value


def unquote(value: str | None) -> str:
    """A published CSV cell back to its value (readers: the province view, tests)."""
    value = value or ""
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA_START else value
