"""Cells a spreadsheet would run as a formula that calls something (OWASP "CSV injection").

A region's repository is public, and its clerks and reviewers open ``data/complaints/*.csv``
in Excel as it is: without the leading apostrophe the published tables give such cells
(``generator.opendata.cells``). ``kanal check`` and ``kanal import`` therefore refuse a cell
that:

- starts with ``=`` (any formula), TAB or CR;
- or starts with ``@``, ``+`` or ``-`` and holds a function call (``HYPERLINK(``, ``cmd|``,
  a DDE or an external reference ``'...'!A1``): ``-2+3+cmd|' /C calc'!A0``, ``@SUM(1+1)``.

A citizen's mention (``@dinkesblora tolong...``), a bullet (``- Lampu PJU mati``), a signed
number or a phone number (``+62 812 3344``) calls nothing and is kept. The full-width signs
(``＝``, ``＋``, ``－``, ``＠``) count as theirs: an East Asian Excel reads them so.
"""

from __future__ import annotations

import re
import unicodedata

FORMULA_START = frozenset("=+-@\t\r")  # what a spreadsheet may read as a formula's start
_WIDE = frozenset("\uff1d\uff0b\uff0d\uff20")  # ＝ ＋ － ＠
FIRST = FORMULA_START | _WIDE  # a cell starting otherwise is never a formula
# A function's name then its bracket, a DDE call (cmd|'...'), or an external reference.
_CALL = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\(|\||['\]]!")


def runs_as_formula(value: str) -> bool:
    """Whether a spreadsheet opening a CSV that holds ``value`` would run it as a formula that
    calls something (the rule above)."""
    first = value[:1]
    if first not in FIRST:
        return False
    value = unicodedata.normalize("NFKC", value)  # ＝ is =, ＨＹＰＥＲＬＩＮＫ（ a call
    return first in "=\t\r" or value[:1] == "=" or _CALL.search(value) is not None


def formula_message(value: str) -> str:
    first = {"\t": "TAB", "\r": "CR"}.get(value[0], value[0])
    return (
        f"diawali '{first}' dan berisi rumus: spreadsheet yang membuka berkas ini akan "
        "menjalankannya; hapus tanda itu di depan atau tulis teksnya tanpa rumus"
    )
