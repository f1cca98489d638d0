"""The published complaint records built a column at a time: typed values, CSV text, SQLite rows.

A million records are a million rows of 23 cells. Building a Python list per row and letting
``csv.writer`` convert every cell was a third of the 36 s of CPU a province's open data took;
here every column is converted once, with numpy where it can, and rows are only joined at the
end. The CSV is what ``csv.writer`` (QUOTE_MINIMAL,
``\\n`` line ends) writes for the typed values after ``csv_text``, with one fix: a cell holding a
carriage return is quoted. (Python 3.11's writer quotes only the characters of its line end, so
it wrote a bare CR that every reader takes for the end of the row.)
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from generator.complaints.figures import BANDS, MISSING, STATUSES, Figures
from generator.safeinput.formulas import FORMULA_START  # a spreadsheet's formula starts

CHUNK = 10_000  # records at a time: ~2 KB of Python objects each (100,000 held 200 MB)
# A cell holding one of these is quoted (delimiter, quote, line ends), its quotes doubled.
_SPECIAL = (",", '"', "\r", "\n")
# A missing value in the columns written to kanal.sqlite. The sqlite3 module binds a float at
# once, and SQLite stores no NaN (a NaN is bound as NULL); a None goes through the module's
# adapter lookup first: with 6 M missing cells in a province's records, 0.8 s of CPU more.
# The CSV spells it as empty, as it spells None.
SQL_NULL = float("nan")
_CSV_BOOL: dict[Any, str] = {True: "true", False: "false", None: "", SQL_NULL: ""}

# Kinds of column, for the CSV conversion: text may need a formula guard and quoting; a time
# (str), a number or a date (written as str() gives it) never does; booleans are true/false.
TEXT, TIME, PLAIN, BOOL = "text", "time", "plain", "bool"


def kind_of(frictionless_type: str) -> str:
    """The CSV conversion of a column of this Frictionless type."""
    return {"string": TEXT, "boolean": BOOL}.get(frictionless_type, PLAIN)


COLUMN_KINDS = [
    TEXT,  # id
    TEXT,  # agency
    TEXT,  # channel
    TEXT,  # category
    TEXT,  # kecamatan
    TEXT,  # kecamatan_code
    TEXT,  # kecamatan_agency
    TEXT,  # status
    TIME,  # received
    TIME,  # first_response
    TIME,  # resolved
    TEXT,  # summary
    TEXT,  # month
    BOOL,  # in_period
    PLAIN,  # first_response_workdays
    PLAIN,  # first_response_workminutes
    PLAIN,  # resolution_workdays
    PLAIN,  # resolution_workminutes
    PLAIN,  # age_workdays
    PLAIN,  # first_response_target_days
    PLAIN,  # resolution_target_days
    BOOL,  # first_response_within_target
    BOOL,  # resolution_within_target
    BOOL,  # overdue
    TEXT,  # speed_band
]


def csv_text(value: str) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text: a leading ' when it could run."""
    return "'" + value if value[:1] in FORMULA_START else value


_DAY = 86_400


@functools.lru_cache(maxsize=4)
def _clock(suffix: str) -> np.ndarray:
    """'THH:MM:SS' and the zone ``suffix`` for every second of a day, as Python strings."""
    text = np.datetime_as_string(np.arange(_DAY).astype("datetime64[s]"), unit="s").tolist()
    return np.array([t[10:] + suffix for t in text], dtype=object)


def _times(seconds: np.ndarray, offset: int, null: Any = None) -> list[Any]:
    """ISO 8601 local times with the region's offset; ``null`` where there is no time.

    A date and a time of day are spelled once each (a chunk's records fall on a few hundred
    days) and joined: numpy's datetime_as_string for every record cost 0.3 s per column of a
    million records."""
    suffix = (
        f"{'+' if offset >= 0 else '-'}{abs(offset) // 3600:02d}:{abs(offset) % 3600 // 60:02d}"
    )
    present = seconds != MISSING
    day, second = np.divmod(seconds[present] + offset, _DAY)
    days, which = np.unique(day, return_inverse=True)
    dates = np.datetime_as_string(days.astype("datetime64[D]"), unit="D").astype(object)
    out = np.full(len(seconds), null, dtype=object)
    out[present] = dates[which] + _clock(suffix)[second]
    return out.tolist()


def _optional(values: np.ndarray, valid: np.ndarray, null: Any = None) -> list[Any]:
    """``values`` as Python ints (booleans as 0/1), ``null`` where not ``valid``."""
    out = values.astype(np.int64).astype(object)
    out[~valid] = null
    return out.tolist()


def _nulls(values: list[Any], null: Any) -> list[Any]:
    """``values`` with each None replaced by ``null`` (a column of Nones at once)."""
    if null is None:
        return values
    missing = values.count(None)
    if not missing:
        return values
    if missing == len(values):  # no kecamatan or summary published: the common case
        return [null] * missing
    return [null if v is None else v for v in values]


def _labels(labels: list[Any], codes: np.ndarray) -> list[Any]:
    return np.array(labels, dtype=object)[codes].tolist() if len(codes) else []


# A kecamatan's official name -> (Kepmendagri code, registered agency id).
KecamatanLinks = Mapping[str, tuple[str | None, str | None]]
_UNLINKED: tuple[None, None] = (None, None)


def complaint_columns(
    f: Figures, lo: int, hi: int, kecamatan: KecamatanLinks | None = None, null: Any = None
) -> list[list[Any]]:
    """The values of records ``lo:hi``, one list per column: str, int or ``null`` where there
    is no value (None, or SQL_NULL for kanal.sqlite), and booleans as 0/1 (what SQLite stores;
    the sqlite3 module binds an exact int much faster than a bool).
    ``kecamatan`` links each record's kecamatan to its code and agency."""
    t, d, s = f.table, f.derived, f.settings
    sl = slice(lo, hi)
    names = t.kecamatan[sl].tolist()
    if names.count(None) == len(names):  # no kecamatan named (the common case): none linked
        codes, agencies = [null] * len(names), [null] * len(names)
    else:
        links = kecamatan or {}
        linked = [links.get(n, _UNLINKED) if n else _UNLINKED for n in names]
        codes = _nulls([code for code, _ in linked], null)
        agencies = _nulls([agency for _, agency in linked], null)
    # Each month spelled once (a chunk's records fall in a few months).
    month = (t.received[sl] + s.offset).astype("datetime64[s]").astype("datetime64[M]")
    distinct, which = np.unique(month, return_inverse=True)
    months = np.datetime_as_string(distinct, unit="M").astype(object)[which]
    resolved = d.res_days[sl] >= 0
    return [
        t.ids[sl].tolist(),
        _labels(t.agencies, t.agency[sl]),
        _labels(t.channels, t.channel[sl]),
        _labels(t.categories, t.category[sl]),
        _nulls(names, null),
        codes,
        agencies,
        _labels([x.value for x in STATUSES], t.status[sl]),
        _times(t.received[sl], s.offset, null),
        _times(t.first_response[sl], s.offset, null),
        _times(t.resolved[sl], s.offset, null),
        _nulls(t.summary[sl].tolist(), null),
        months.tolist(),
        d.in_period[sl].astype(np.int64).tolist(),
        _optional(d.fr_days[sl], d.answered[sl], null),
        _optional(d.fr_minutes[sl], d.answered[sl], null),
        _optional(d.res_days[sl], resolved, null),
        _optional(d.res_minutes[sl], resolved, null),
        _optional(d.age_days[sl], t.status[sl] == 0, null),  # STATUSES[0] is open
        d.fr_target[sl].tolist(),
        d.res_target[sl].tolist(),
        _optional(d.fr_within[sl], d.fr_eligible[sl], null),
        _optional(d.res_within[sl], d.res_eligible[sl], null),
        d.overdue[sl].astype(np.int64).tolist(),
        _labels([*BANDS, null], d.band[sl]),  # -1 (no first response) picks the null
    ]


def typed_rows(columns: list[list[Any]]) -> list[list[Any]]:
    """``complaint_columns`` as rows of typed values: booleans as True/False."""
    columns = [
        [None if v is None else bool(v) for v in c] if kind == BOOL else c
        for c, kind in zip(columns, COLUMN_KINDS, strict=True)
    ]
    return [list(row) for row in zip(*columns, strict=True)]


def complaint_chunks(
    f: Figures, kecamatan: KecamatanLinks | None = None, null: Any = None
) -> Iterator[list[list[Any]]]:
    """``complaint_columns`` of every record, CHUNK records at a time (bounded memory)."""
    for lo in range(0, len(f.table), CHUNK):
        yield complaint_columns(f, lo, min(lo + CHUNK, len(f.table)), kecamatan, null)


def _cell(value: str) -> str:
    value = csv_text(value)
    if any(c in value for c in _SPECIAL):
        return '"' + value.replace('"', '""') + '"'
    return value


def text_cells(values: list[Any]) -> list[str]:
    """A text column as CSV cells: '' for None and SQL_NULL, the formula guard, quoting where
    needed."""
    distinct = set(values)
    if len(distinct) * 8 < len(values):
        # Few distinct values (agencies, channels, months): each is spelled once.
        spelled = {v: _cell(v) if v.__class__ is str else "" for v in distinct}
        if all(spelled[v] is v for v in distinct):
            return values
        return list(map(spelled.__getitem__, values))
    cells = [v if v.__class__ is str else "" for v in values]
    # One scan of the whole column per special character (memchr) and a look at the first
    # character of each distinct value decide whether any cell needs work (most columns: none).
    blob = "\0".join(cells)
    starts = {v[:1] for v in distinct if v.__class__ is str}
    if not any(c in blob for c in _SPECIAL) and starts.isdisjoint(FORMULA_START):
        return cells
    cache: dict[str, str] = {}
    out = []
    append = out.append
    for cell in cells:
        done = cache.get(cell)
        if done is None:
            done = cache[cell] = _cell(cell)
        append(done)
    return out


def csv_cells(values: list[Any], kind: str) -> list[str]:
    """One typed column as CSV cells (what csv.writer writes for it after the formula guard)."""
    if kind == TEXT:
        return text_cells(values)
    if kind == TIME:
        return [v if v.__class__ is str else "" for v in values]
    # Few distinct booleans and integers (days, minutes): each is spelled once. 1 and 0 find
    # the True and False keys (equal and with the same hash); SQL_NULL is found as itself.
    spelled = (
        _CSV_BOOL
        if kind == BOOL
        else {v: "" if v is None or v is SQL_NULL else str(v) for v in set(values)}
    )
    return list(map(spelled.__getitem__, values))


def csv_lines(columns: list[list[Any]], kinds: list[str]) -> str:
    """Rows of typed ``columns`` as CSV text, each line ended by ``\\n``."""
    if not columns or not columns[0]:
        return ""
    cells = [csv_cells(c, k) for c, k in zip(columns, kinds, strict=True)]
    return "\n".join(map(",".join, zip(*cells, strict=True))) + "\n"


def csv_column(values: list[Any], text: bool = True) -> list[Any]:
    """The csv module writes None as empty; booleans are spelled true/false; in a ``text``
    column, a value a spreadsheet would run as a formula gets a leading '. Numbers, times and
    dates are not text columns: -3 stays -3."""
    if any(v is True or v is False for v in values):
        return [_CSV_BOOL[v] for v in values]
    start = FORMULA_START
    if text and any(type(v) is str and v[:1] in start for v in values):
        return ["'" + v if type(v) is str and v[:1] in start else v for v in values]
    return values


_encode = json.JSONEncoder(ensure_ascii=False).encode


def json_column(values: list[Any]) -> list[str]:
    """Each value as JSON text; repeated strings are encoded once, integers by str()."""
    cache: dict[Any, str] = {None: "null", True: "true", False: "false"}
    out = []
    append = out.append
    for v in values:
        kind = type(v)
        if kind is int:
            append(str(v))
        elif kind is float:
            append(_encode(v))
        else:
            text = cache.get(v)
            if text is None:
                text = cache[v] = _encode(v)
            append(text)
    return out
