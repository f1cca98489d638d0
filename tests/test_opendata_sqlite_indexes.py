"""kanal.sqlite's indexes serve the lookups a journalist makes, and none slows a grouping.

Measured on a province's million records (`benchmarks/JOURNAL.md`, 6 December): an index on
category made ``GROUP BY category`` with any other column twice as slow, so there is none; by
agency and by month SQLite looks rows up through the index."""

from __future__ import annotations

import sqlite3

from generator.complaints.figures import compute_data
from generator.complaints.opendata import write_open_data
from tests.complaints_util import HEADER, run_check
from tests.conftest import TODAY


def plan(db: sqlite3.Connection, sql: str) -> str:
    return " | ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}"))


def test_lookups_use_an_index_and_grouping_by_category_reads_the_table(tmp_path, monkeypatch):
    rows = "".join(
        f"R-{i},bappeda,lapor,{('jalan rusak', 'jembatan')[i % 2]},2026-0{i % 3 + 1}-05T09:00+07:00,"
        ",,open,,\n"
        for i in range(40)
    )
    inputs, problems = run_check(tmp_path, monkeypatch, {"r.csv": HEADER + rows})
    assert not problems, problems
    out = tmp_path / "out"
    write_open_data(compute_data(inputs.complaints, TODAY), out, inputs.directory)
    db = sqlite3.connect(out / "kanal.sqlite")
    by_agency = plan(db, "SELECT * FROM complaints WHERE agency = 'bappeda'")
    assert "USING INDEX complaints_agency" in by_agency, by_agency
    by_month = plan(db, "SELECT count(*) FROM complaints WHERE month = '2026-02'")
    assert "complaints_month" in by_month, by_month
    grouped = plan(
        db,
        "SELECT category, count(*), avg(first_response_workdays) FROM complaints GROUP BY category",
    )
    assert grouped.startswith("SCAN complaints") and "INDEX" not in grouped, grouped
    names = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "complaints_category" not in names
    db.close()
