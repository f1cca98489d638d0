"""Cells of published CSV files: text a spreadsheet would run as a formula gets a leading ``'``.

The same rule as the complaint tables (OWASP CSV injection): a cell starting with ``=``, ``+``,
``-``, ``@``, TAB or CR is written with a leading apostrophe. JSON and SQLite keep raw values.
"""

from __future__ import annotations

import re

FORMULA_START = frozenset("=+-@\t\r")
# A signed number, a phone number or a dash that stands for nothing ("-", "+62 812-3344",
# "-5,5"): text a spreadsheet shows or computes as a number, which calls nothing.
_PLAIN = re.compile(r"[-+0-9 .,/]*")


def spreadsheet_text(value: str) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text."""
    return "'" + value if value[:1] in FORMULA_START else value


def runs_as_formula(value: str) -> bool:
    """Whether a spreadsheet opening a CSV that holds ``value`` would read it as a formula that
    can call something (``=HYPERLINK(...)``, ``@SUM(...)``, ``-2+3+cmd|' /C calc'!A0``): the
    cells ``kanal import`` refuses to write into a region's public repository, whose files a
    clerk or a reviewer opens in Excel without the published tables' apostrophe."""
    return value[:1] in FORMULA_START and not _PLAIN.fullmatch(value)


def unquote(value: str | None) -> str:
    """A published CSV cell back to its value (readers: the province view, tests)."""
    value = value or ""
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA_START else value
