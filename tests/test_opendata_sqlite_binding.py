"""kanal.sqlite stores exactly the values complaints.csv and figures.csv spell: the typed
columns' missing cells (None, or SQL_NULL bound as a NaN) as NULL, empty strings as empty
strings, unicode, 64-bit integers and floats as they are, whatever number of rows one INSERT
statement carries; and the database file is the same byte for byte however the rows were
batched (its gzip's size and hash are published in datapackage.json)."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.complaints import opendata
from generator.complaints.columns import SQL_NULL, csv_text, kind_of

KINDS = ["string", "integer", "number", "boolean"]
missing = st.sampled_from([None, SQL_NULL])
CELLS = {
    "string": st.one_of(missing, st.just(""), st.text(max_size=6)),
    "integer": st.one_of(missing, st.integers(-(2**63), 2**63 - 1)),
    # No -0.0: the CSV spells each distinct value of a column once, and -0.0 == 0.0 (no
    # published figure is negative zero).
    "number": st.one_of(missing, st.floats(allow_nan=False, allow_infinity=False).map(abs)),
    "boolean": st.sampled_from([None, SQL_NULL, 0, 1]),
}


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[list[Any]]]]:
    # Two columns at least: a lone empty cell makes an empty line, which csv.reader skips
    # (the published tables have 25 and 39 columns).
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=2, max_size=5))
    sizes = draw(st.lists(st.integers(0, 40), min_size=1, max_size=3))  # chunks of rows
    chunks = [[draw(st.lists(CELLS[k], min_size=n, max_size=n)) for k in kinds] for n in sizes]
    return kinds, chunks


def is_missing(value: Any) -> bool:
    return value is None or value is SQL_NULL


def spelled(value: Any, kind: str) -> str:
    """The CSV cell of a typed value, as csv.reader returns it."""
    if is_missing(value):
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    return csv_text(value) if kind == "string" else str(value)


def write(out: Path, kinds: list[str], chunks: list, variables: int) -> None:
    fields = [{"name": f"c{i}", "type": k} for i, k in enumerate(kinds)]
    out.mkdir()
    db = sqlite3.connect(out / "t.sqlite")
    before = opendata.SQL_VARIABLES, opendata.CSV_ONLY
    # A table of its own (no keys), written as the CSV-only tables are.
    opendata.SQL_VARIABLES, opendata.CSV_ONLY = variables, frozenset({"t"})
    try:
        writer = opendata._Writers(out, db, "t", fields, files=True)
    finally:
        opendata.SQL_VARIABLES, opendata.CSV_ONLY = before
    with opendata._fast_nulls():
        for columns in chunks:
            writer.write_columns(columns, [kind_of(k) for k in kinds])
    writer.close()
    db.commit()
    db.close()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(), variables=st.integers(1, 30))
def test_sqlite_holds_exactly_the_values_the_csv_spells(table, variables, tmp_path_factory):
    kinds, chunks = table
    root: Path = tmp_path_factory.mktemp("bind")
    write(root / "batched", kinds, chunks, variables)
    write(root / "single", kinds, chunks, 1)  # one row per statement, as before
    assert (root / "batched" / "t.sqlite").read_bytes() == (
        root / "single" / "t.sqlite"
    ).read_bytes()

    rows = [list(r) for columns in chunks for r in zip(*columns, strict=True)]
    db = sqlite3.connect(root / "batched" / "t.sqlite")
    stored = [list(r) for r in db.execute('SELECT * FROM "t" ORDER BY rowid')]
    db.close()
    with (root / "batched" / "t.csv").open(encoding="utf-8", newline="") as fh:
        parsed = list(csv.reader(fh))
    assert parsed[0] == [f"c{i}" for i in range(len(kinds))]
    assert len(stored) == len(parsed) - 1 == len(rows)
    for value_row, sql_row, csv_row in zip(rows, stored, parsed[1:], strict=True):
        for value, sql, cell, kind in zip(value_row, sql_row, csv_row, kinds, strict=True):
            assert cell == spelled(value, kind)
            if is_missing(value):
                assert sql is None
            elif kind == "number":
                assert type(sql) is float and sql == value
            else:
                assert (type(sql), sql) == (type(value), value)
            # What a journalist's SQL reads is what the CSV says.
            assert spelled(sql, kind) == cell


def test_a_nan_is_bound_as_null():
    """SQL_NULL relies on SQLite storing no NaN: a bound NaN is a NULL, not a REAL."""
    db = sqlite3.connect(":memory:")
    assert db.execute("SELECT typeof(?), ? IS NULL", (SQL_NULL, SQL_NULL)).fetchone() == (
        "null",
        1,
    )
