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
from collections.abc import Iterator
from functools import cache

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


def line_blocks(text: str, start: int, size: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, lines) of ``text[start:]`` cut after every ``size`` line ends (LF), found
    with ``str.count`` and a few ``find`` from a guess (no list of lines)."""
    mean = max(1, (len(text) - start) // max(1, text.count("\n", start)))  # a line's length
    while start < len(text):
        stop = min(len(text), start + mean * size)
        count = text.count("\n", start, stop)
        if count >= size:  # the size-th line end is before stop: step back to it
            at = text.rfind("\n", start, stop)
            for _ in range(count - size):
                at = text.rfind("\n", start, at)
        else:  # find the line ends still missing from stop on
            at = stop - 1
            for _ in range(size - count):
                at = text.find("\n", at + 1)
                if at < 0:
                    break
        end = len(text) if at < 0 else at + 1
        lines = text.count("\n", start, end) + (not text.endswith("\n", start, end))
        yield start, end, lines
        start = end


def plain_columns(
    text: str, lines: int, delimiter: str, width: int
) -> tuple[list[list[str]], bool] | None:
    """The cells of ``text`` (``lines`` lines) by column, as ``csv.reader`` reads them, and
    whether any cell may need stripping; None unless every line is one record of ``width``
    cells, not blank, with no lone CR and no quote but those around whole cells. The text is
    a visible file's (no control character but tab, CR and LF)."""
    if "\r" in text:  # CRLF line ends; a lone CR ends a record for csv: left to it
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
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
    # A line end becomes a cell of its own between two delimiters, a mark no cell holds (a
    # control character): the lines are one list of cells, every (width + 1)th a mark.
    text = text.replace("\n", delimiter + _JOIN + delimiter)
    spaced = (
        spaced
        or text.startswith(" ")
        or text.endswith(" ")
        or delimiter + " " in text
        or " " + delimiter in text
    )
    cells = text.split(delimiter)
    del text
    if cells[-2:] == [_JOIN, ""]:  # the last line's end
        del cells[-2:]
    # Every line is width cells when the marks are where width cells put them (a mark comes
    # only from a line end, and a line is at least one cell: see test_complaints_csvblocks).
    stride, n = width + 1, lines
    if len(cells) != n * stride - 1 or cells[width::stride].count(_JOIN) != n - 1:
        return None  # a blank line or a row of another width: the careful path says which
    if cells_quoted:
        cells = _fill(cells, stride, cells_quoted)
    columns = [cells[j::stride] for j in range(width)]
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
