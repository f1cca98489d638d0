"""A clean CSV export read whole by polars: the careful path is for files with a problem.

A province's million records took 8 s of the build's one busy core to split and check in
Python (1.7 s to split cells, 4.5 s to check them, the rest to gather them), before any figure.
Most exports are clean: every record one line, quotes only around whole cells, every value
known. Such a file is read here by polars (its CSV reader, in Rust) and checked a column at a
time: each distinct agency, channel, status, category, kecamatan, time zone and summary is
judged once, by the same :class:`RecordChecker` rules as the careful path, and the times by the
same parser (:func:`isotime.ascii_epochs`) over the column's bytes.

Anything this path would have to explain (a wrong value, an empty required cell, a duplicate
id, a time outside the usual forms or against the order rules, personal data, a record that
is not one plain line) makes it give the file back untouched: the careful path then reads it
and names every problem with its line, as before. So for every file the records and the
problems are those of the careful path (``tests/test_complaints_fastload.py`` compares both on
random files).
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from generator.complaints.check import (
    CLOSED,
    EARLIEST,
    FREE_TEXT,
    TIME_COLUMNS,
    RecordChecker,
    enum_map,
)
from generator.complaints.isotime import ascii_epochs
from generator.complaints.models import REQUIRED, Channel, Status
from generator.safeinput.formulas import FIRST
from generator.safeinput.identifiers import identifier_findings, identifier_rows
from generator.safeinput.problems import Location

if TYPE_CHECKING:
    import polars as pl


def read_clean(
    text: str, body: int, delimiter: str, header: list[str], shown: str, checker: RecordChecker
) -> bool:
    """Accept every record of a CSV file into ``checker`` when the file is clean; False, with
    nothing accepted or reported, when it is not (the caller reads it the careful way).
    ``text`` is the visible file, ``body`` where its first record starts, ``header`` its
    checked column names."""
    width = len(header)
    if width < 2 or len(set(header)) != width or len(delimiter) != 1 or not delimiter.isascii():
        return False
    data = text[body:].encode("utf-8")
    if not data:
        return False
    if b"\r" in data:  # CRLF line ends only: a lone CR ends a record for csv.reader
        if data.count(b"\r") != data.count(b"\r\n"):
            return False
        data = data.replace(b"\r\n", b"\n")
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    # Quotes only around whole cells, none holding a line end (where csv.reader and other
    # readers may differ), and every record one line of ``width`` cells: as many delimiters
    # outside quoted cells as that makes (polars refuses a longer line, so none is shorter).
    sep = delimiter.encode("ascii")
    outside = _quoted(sep).sub(b"", data) if b'"' in data else data
    if b'"' in outside or outside.count(sep) != lines * (width - 1):
        return False
    del outside
    try:
        # Imported here: the other commands never pay for it, and a machine polars cannot
        # run on reads every file the careful way.
        import polars as pl

        frame = pl.read_csv(
            data,
            has_header=False,
            schema={name: pl.String for name in header},
            separator=delimiter,
            quote_char='"',
            eol_char="\n",
        )
    except Exception:  # noqa: BLE001 - any refusal of polars: the careful path explains it
        return False
    del data
    if frame.height != lines:
        return False
    frame = frame.fill_null("")
    # A cell with white space at either end is stripped by the careful path (polars strips
    # the same characters from a visible text as str.strip: Unicode White_Space).
    spaced = frame.select(
        pl.any_horizontal([(pl.col(c).str.strip_chars() != pl.col(c)).any() for c in header])
    ).item()
    if spaced:
        return False
    return _accept(frame, header, shown, checker)


@cache
def _quoted(delimiter: bytes) -> re.Pattern[bytes]:
    """A quoted cell, as :func:`generator.complaints.csvblocks.plain_layout` finds one, in
    UTF-8 bytes: a quote at a cell's start, text without a line end in which quotes come in
    pairs, and a quote at the cell's end."""
    d = re.escape(delimiter)
    return re.compile(rb'"(?<![^' + d + rb'\n]")[^"\n]*(?:""[^"\n]*)*"(?![^' + d + rb"\n])")


class _Column:
    """One column of the file: its distinct values (a few, or one a row) and, when asked,
    each row's index into them (a summary column left unpublished never needs them)."""

    def __init__(self, series: pl.Series | None, n: int):
        self.series, self.n = series, n
        if series is None:  # a column the file does not have: every cell empty
            self.values: list[Any] = [None]
            return
        self.distinct = series.unique()
        self.values = [v or None for v in self.distinct.to_list()]  # "" is read as no value

    @cached_property
    def codes(self) -> np.ndarray:
        if self.series is None:
            return np.zeros(self.n, np.int64)
        import polars as pl

        index = pl.Series(range(len(self.distinct)), dtype=pl.Int64)
        return self.series.replace_strict(self.distinct, index).to_numpy()

    def filled(self) -> list[Any]:
        return [v for v in self.values if v]

    def mapped(self, mapping: dict[Any, Any]) -> list[Any]:
        """Each row's value through ``mapping``, as a list."""
        looked_up = np.empty(len(self.values), object)
        looked_up[:] = [mapping[v] for v in self.values]
        return looked_up[self.codes].tolist()


def _accept(frame: pl.DataFrame, header: list[str], shown: str, checker: RecordChecker) -> bool:
    n = frame.height
    if any((frame[name].str.len_bytes() == 0).any() for name in REQUIRED):
        return False
    ids = frame["id"].to_list()
    distinct_ids = set(ids)
    if len(distinct_ids) != n or not checker.seen.isdisjoint(distinct_ids):
        return False
    if any(identifier_findings(ids[i]).total for i in identifier_rows(ids)):
        return False
    # A cell that may start a formula (one polars pass a column): the careful path judges it.
    for name in FREE_TEXT:
        if name in frame.columns and frame[name].str.contains(_MAY_RUN).any():
            return False
    cols = {name: _Column(frame[name] if name in frame.columns else None, n) for name in _USED}
    # Judged without explaining: the first wrong value sends the file to the careful path
    # before any message (and its suggestions) is made, so only that path spends that work.
    agency, wrong = checker.agency_map(cols["agency"].values, explain=False)
    if wrong:
        return False
    channel, wrong = enum_map(cols["channel"].values, Channel, checker.channel_words, False)
    if wrong:
        return False
    status, wrong = enum_map(cols["status"].values, Status, checker.status_words, False)
    if wrong:
        return False
    category, wrong = checker.category_map(cols["category"].values, explain=False)
    if wrong:
        return False
    kecamatan, wrong = checker.kecamatan_map(cols["kecamatan"].values, explain=False)
    if wrong or checker.zone_messages(cols["timezone"].filled()):
        return False
    for name in ("agency", "channel", "status", "timezone", "summary"):
        if checker.personal_messages(cols[name].filled(), name):
            return False
    times = {}
    for name in TIME_COLUMNS:
        found = _times(frame[name] if name in frame.columns else None, n, checker.now)
        if found is None:
            return False
        times[name] = found
    received, first, resolved = (times[name] for name in TIME_COLUMNS)
    if (first < received).any() or (resolved < received).any() or (resolved < first).any():
        return False
    # A closed record (resolved, rejected) has a resolution time; an open one has none.
    is_closed = [status[v] in CLOSED for v in cols["status"].values]
    if (np.array(is_closed)[cols["status"].codes] == np.isnan(resolved)).any():
        return False
    summary = _summaries(cols["summary"], checker)
    if summary is None:
        return False
    # Clean: every record is kept, as the careful path keeps it.
    checker.seen |= distinct_ids
    position = {name: i + 1 for i, name in enumerate(header)}

    def at(i: int, name: str) -> Location:
        return Location(shown, i + 2, position.get(name, 1))

    checked = {
        "ids": ids,
        "agency": cols["agency"].mapped(agency),
        "channel": cols["channel"].mapped(channel),
        "category": cols["category"].mapped(category),
        "status": cols["status"].mapped(status),
        "kecamatan": cols["kecamatan"].mapped(kecamatan),
    }
    checker.accept(checked, times, summary, list(range(n)), n, at)
    return True


_MAY_RUN = "^[" + re.escape("".join(sorted(FIRST))) + "]"

# The columns judged by their distinct values (the times are parsed whole).
_USED = ("agency", "channel", "status", "timezone", "category", "kecamatan", "summary")


def _times(series: pl.Series | None, n: int, now: float) -> np.ndarray | None:
    """Epoch seconds of a time column (NaN where empty); None unless every filled cell is in
    a usual form (with its offset) between 2000 and today."""
    if series is None:
        return np.full(n, np.nan)
    lengths = series.str.len_bytes().to_numpy().astype(np.int64)
    joined = series.str.join("").item() if n else ""
    if not joined.isascii():
        return None
    out = ascii_epochs(np.frombuffer(joined.encode("ascii"), np.uint8), lengths)
    wrong = np.isnan(out) & (lengths > 0)
    if wrong.any() or (out < EARLIEST).any() or (out > now).any():
        return None
    return out


def _summaries(column: _Column, checker: RecordChecker) -> list[Any] | None:
    """Each row's published summary (None unless the region publishes them); None when one
    holds personal data (the careful path warns at its line)."""
    if not checker.config.publish_summaries:
        return [None] * column.n
    published: dict[Any, Any] = {None: None}
    for text in column.filled():
        summary, found = checker.redaction(text)
        if found.total:
            return None
        published[text] = summary
    return column.mapped(published)
