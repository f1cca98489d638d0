"""A block of CSV lines as columns, without csv.reader, when the block is plainly written.

A province's million records went through ``csv.reader`` (a row a list) and ``zip(*rows)``
(rows to columns): 4 s of the load. Most exports are plain: one record a line, every line
as wide as the header, quotes only around a whole cell. Such a block is split with ``str``
methods over the whole block (one ``split`` for every cell, a slice per column) and gives
exactly the cells ``csv.reader`` gives; any other block is left to ``csv.reader`` (the caller's
careful path, which explains a wrong row with its line).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import repeat

# A placeholder for a quoted cell while the block is split: a visible file has no NUL.
_HOLE = "\x00"
_JOIN = "\x01"
# White space beyond ASCII (every character str.strip removes; a test lists them all).
_WIDE_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


@cache
def _quoted(delimiter: str) -> re.Pattern:
    """A quoted cell as csv reads one: a quote at a cell's start (after the delimiter, a line
    end or the block's start), text without a line end in which quotes come in pairs (``""``
    is one quote), and a quote at the cell's end. The opening quote comes first in the
    pattern so the engine jumps from quote to quote."""
    d = re.escape(delimiter)
    return re.compile(rf'"(?<![^{d}\n]")([^"\n]*(?:""[^"\n]*)*)"(?![^{d}\n])')


def plain_columns(
    lines: list[str], delimiter: str, width: int
) -> tuple[list[list[str]], bool] | None:
    """The cells of ``lines`` (each with its line end) by column, as ``csv.reader`` reads
    them, and whether any cell may need stripping; None unless every line is one record of
    ``width`` cells, not blank, with no lone CR and no quote but those around whole cells.
    The lines are those of a visible file (no control character but tab, CR and LF)."""
    text = "".join(lines)
    if "\r" in text:  # CRLF line ends; a lone CR ends a record for csv: left to it
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    # Only white space a cell can start or end with decides whether cells are stripped: a
    # space next to a delimiter, a line end or a quoted cell's quotes (or any other white space).
    spaced = "\t" in text or (not text.isascii() and _WIDE_SPACE.search(text) is not None)
    cells_quoted: list[str] = []
    if '"' in text:
        parts = _quoted(delimiter).split(text)  # text, a quoted cell's text, text, ...
        cells_quoted = parts[1::2]
        text = _HOLE.join(parts[0::2])
        del parts
        if '"' in text:  # a quote csv would read otherwise (inside a cell, unpaired)
            return None
        joined = _HOLE + _HOLE.join(cells_quoted) + _HOLE
        spaced = spaced or _HOLE + " " in joined or " " + _HOLE in joined
        if '"' in joined:
            cells_quoted = [cell.replace('""', '"') for cell in cells_quoted]
    rows = text.split("\n")
    if len(rows) != len(lines) or set(map(str.count, rows, repeat(delimiter))) != {width - 1}:
        return None  # a blank line or a row of another width: the careful path says which
    text = text.replace("\n", delimiter)  # a line end now separates cells like a delimiter
    spaced = (
        spaced
        or text.startswith(" ")
        or text.endswith(" ")
        or delimiter + " " in text
        or " " + delimiter in text
    )
    cells = text.split(delimiter)
    if cells_quoted:
        cells = _fill(cells, width, cells_quoted)
    columns = [cells[j::width] for j in range(width)]
    # A blank row (only delimiters and spaces) is skipped by the careful path: as in
    # load._usual_columns, one column whose every cell holds more than white space rules it out
    # (without white space at a cell's ends, a cell holds more when it is not empty).
    if not any(all(map(str.strip, c) if spaced else c) for c in columns):
        return None
    return columns, spaced


def _fill(cells: list[str], width: int, quoted: list[str]) -> list[str]:
    """``cells`` with each placeholder replaced by its quoted cell, in reading order."""
    j = cells.index(_HOLE) % width
    column = cells[j::width]
    if column.count(_HOLE) == len(quoted):  # the usual file: quotes in one column
        # Interleaved as text, in C: the column joined by a character no cell holds (a
        # control character), cut at each placeholder, the quoted cells put between the pieces.
        pieces = _JOIN.join(column).split(_HOLE)
        merged = [""] * (len(pieces) + len(quoted))
        merged[0::2], merged[1::2] = pieces, quoted
        cells[j::width] = "".join(merged).split(_JOIN)
        return cells
    values = iter(quoted)
    return [next(values) if c == _HOLE else c for c in cells]
