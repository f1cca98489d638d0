"""The column-wise open-data writer: complaints.csv and kanal.sqlite hold exactly the typed
values of each record, with the bytes csv.writer writes, for random records (hypothesis)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.complaints.columns import SQL_NULL, _times
from generator.complaints.figures import MISSING, STATUSES, Figures, Settings, Table, compute
from generator.complaints.models import Channel
from generator.complaints.opendata import (
    COMPLAINT_FIELDS,
    complaint_rows,
    csv_text,
    write_open_data,
)
from generator.registry.settings import ComplaintsIn

TODAY = dt.date(2026, 11, 22)
START = int(dt.datetime(2025, 11, 1, tzinfo=dt.UTC).timestamp())
END = int(dt.datetime(2026, 11, 20, tzinfo=dt.UTC).timestamp())
# Cells that test the CSV rules: delimiters, quotes, line ends, spreadsheet formulas, non-ASCII.
TRICKY = list(",\"\n\r=+-@\t 'é漢\u2028abx")
texts = st.one_of(
    st.text(alphabet=st.sampled_from(TRICKY), min_size=1, max_size=8),
    st.text(min_size=1, max_size=8),
)
ZONES = {"Asia/Jakarta": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9}


@st.composite
def figures(draw: st.DrawFn) -> Figures:
    n = draw(st.integers(0, 25))
    labels = st.lists(texts, min_size=1, max_size=4, unique=True).map(sorted)
    agencies, categories = draw(labels), draw(labels)
    channels = sorted(c.value for c in Channel)
    received = draw(st.lists(st.integers(START, END), min_size=n, max_size=n))
    status = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    delays = st.one_of(st.none(), st.integers(0, 40 * 86400))
    first, closed = [], []
    for r, s in zip(received, status, strict=True):
        answer, close = draw(delays), draw(st.integers(0, 60 * 86400))
        resolved = MISSING if s == 0 else min(r + close, END)
        first.append(MISSING if answer is None else min(r + answer, END))
        closed.append(resolved)
    optional = st.lists(st.one_of(st.none(), texts), min_size=n, max_size=n)
    table = Table(
        ids=draw(st.lists(texts, min_size=n, max_size=n, unique=True)),
        agency=np.array(
            draw(st.lists(st.integers(0, len(agencies) - 1), min_size=n, max_size=n)), np.int32
        ),
        agencies=agencies,
        channel=np.array(
            draw(st.lists(st.integers(0, len(channels) - 1), min_size=n, max_size=n)), np.int32
        ),
        channels=channels,
        category=np.array(
            draw(st.lists(st.integers(0, len(categories) - 1), min_size=n, max_size=n)), np.int32
        ),
        categories=categories,
        status=np.array(status, np.int8),
        received=np.array(received, np.int64),
        first_response=np.array(first, np.int64),
        resolved=np.array(closed, np.int64),
        kecamatan=draw(optional),
        summary=draw(optional),
    )
    zone = draw(st.sampled_from(sorted(ZONES)))
    config = ComplaintsIn(field_check_categories=categories[:1])
    return compute(table, Settings.make(config, zone, TODAY, dt.date(2025, 10, 31)))


def reference_rows(f: Figures) -> list[list[Any]]:
    """Each record's typed values, computed one record at a time with datetime (an oracle)."""
    t, d, s = f.table, f.derived, f.settings
    tz = dt.timezone(dt.timedelta(seconds=s.offset))

    def time(seconds: int) -> str | None:
        return None if seconds == MISSING else dt.datetime.fromtimestamp(seconds, tz).isoformat()

    def maybe(value: Any, ok: bool) -> Any:
        return value.item() if ok else None

    rows = []
    for i in range(len(t)):
        resolved, is_open = d.res_days[i] >= 0, t.status[i] == 0
        rows.append(
            [
                t.ids[i],
                t.agencies[t.agency[i]],
                t.channels[t.channel[i]],
                t.categories[t.category[i]],
                t.kecamatan[i],
                None,  # kecamatan_code: no directory to link it to
                None,  # kecamatan_agency
                STATUSES[t.status[i]].value,
                time(t.received[i]),
                time(t.first_response[i]),
                time(t.resolved[i]),
                t.summary[i],
                dt.datetime.fromtimestamp(t.received[i], tz).strftime("%Y-%m"),
                bool(d.in_period[i]),
                maybe(d.fr_days[i], d.answered[i]),
                maybe(d.fr_minutes[i], d.answered[i]),
                maybe(d.res_days[i], resolved),
                maybe(d.res_minutes[i], resolved),
                maybe(d.age_days[i], is_open),
                d.fr_target[i].item(),
                d.res_target[i].item(),
                maybe(d.fr_within[i], d.fr_eligible[i]),
                maybe(d.res_within[i], d.res_eligible[i]),
                bool(d.overdue[i]),
                ("fast", "medium", "slow")[d.band[i]] if d.band[i] >= 0 else None,
            ]
        )
    return rows


def cell(value: Any, kind: str) -> Any:
    """What the csv module is given for one typed value (the writer before the column-wise one)."""
    if value is True or value is False:
        return "true" if value else "false"
    if kind == "string" and isinstance(value, str):
        return csv_text(value)
    return value


def typed(rows: list[list[Any]]) -> list[list[tuple[type, Any]]]:
    return [[(type(v), v) for v in row] for row in rows]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(f=figures())
def test_complaints_csv_and_sqlite_hold_exactly_each_records_typed_values(f, tmp_path_factory):
    out: Path = tmp_path_factory.mktemp("open")
    expected = reference_rows(f)
    rows = [row for chunk in complaint_rows(f) for row in chunk]
    assert typed(rows) == typed(expected)  # bools stay bools, ints ints, absent None

    write_open_data(f, out, None)
    raw = (out / "complaints.csv").read_bytes()
    # Byte for byte what csv.writer writes for these values, rows ended by "\n". Its "\r\n"
    # line end makes it quote a cell with a CR too (with "\n" alone, Python 3.11 wrote it bare).
    kinds = [k for _, k, _ in COMPLAINT_FIELDS]
    lines = [[n for n, _, _ in COMPLAINT_FIELDS]]
    lines += [[cell(v, k) for v, k in zip(row, kinds, strict=True)] for row in expected]
    text = ""
    for line in lines:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerow(line)
        text += buffer.getvalue().removesuffix("\r\n") + "\n"
    assert raw == text.encode("utf-8")
    # And it parses back to the typed values (None as empty, formulas behind a ').
    with (out / "complaints.csv").open(encoding="utf-8", newline="") as fh:
        parsed = list(csv.reader(fh))
    assert parsed[0] == [n for n, _, _ in COMPLAINT_FIELDS]
    assert parsed[1:] == [
        ["" if v is None else str(cell(v, k)) for v, k in zip(row, kinds, strict=True)]
        for row in expected
    ]
    db = sqlite3.connect(out / "kanal.sqlite")
    stored = [list(r) for r in db.execute("SELECT * FROM complaints ORDER BY rowid")]
    db.close()
    as_sql = [[int(v) if isinstance(v, bool) else v for v in row] for row in expected]
    assert typed(stored) == typed(as_sql)


def test_none_is_bound_through_the_sqlite_registry_only_while_writing(tmp_path):
    key = (type(None), sqlite3.PrepareProtocol)
    assert key not in sqlite3.adapters
    table = Table(
        [],
        np.zeros(0, np.int32),
        ["a"],
        np.zeros(0, np.int32),
        ["lapor"],
        np.zeros(0, np.int32),
        ["c"],
        np.zeros(0, np.int8),
        np.zeros(0, np.int64),
        np.zeros(0, np.int64),
        np.zeros(0, np.int64),
        [],
        [],
    )
    f = compute(table, Settings.make(ComplaintsIn(), "Asia/Jakarta", TODAY, TODAY))
    write_open_data(f, tmp_path, None)
    assert key not in sqlite3.adapters
    assert (tmp_path / "complaints.csv").read_text(encoding="utf-8").count("\n") == 1


# datetime's range, a day inside each end (a local time must stay within it).
EPOCHS = st.integers(-62135596800 + 86400, 253402300799 - 86400)


@settings(max_examples=200, deadline=None)
@given(
    seconds=st.lists(st.one_of(st.just(MISSING), EPOCHS), max_size=40),
    hours=st.sampled_from([7, 8, 9, 0, -5]),
    null=st.sampled_from([None, SQL_NULL]),
)
def test_times_are_iso_8601_local_times_with_the_regions_offset(seconds, hours, null):
    """The date and the time of day spelled apart and joined: what datetime says, any year."""
    tz = dt.timezone(dt.timedelta(hours=hours))
    expected = [
        null if s == MISSING else dt.datetime.fromtimestamp(s, tz).isoformat() for s in seconds
    ]
    got = _times(np.array(seconds, np.int64), hours * 3600, null)
    assert [(type(v), v) for v in got] == [(type(v), v) for v in expected]
