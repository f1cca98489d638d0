"""Published CSV cells never run as spreadsheet formulas; JSON and SQLite keep raw values."""

from __future__ import annotations

import csv
import json
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from generator.complaints.figures import compute_data
from generator.complaints.opendata import FORMULA_START, csv_text, write_open_data
from tests.complaints_util import HEADER, run_check
from tests.conftest import TODAY

# Leading TAB/CR never reach a record (values are stripped); csv_text covers them below. A
# formula that calls something is refused by kanal check (generator.safeinput.formulas); these
# start as formulas do and call nothing, so they are published, with a leading apostrophe.
FORMULAS = ["- Lampu mati", "+1+1", "-2+3", "@ 5 titik"]


def test_a_formula_that_calls_is_refused_even_in_the_regions_categories(tmp_path, monkeypatch):
    settings = "\ncomplaints:\n  categories: ['=HYPERLINK(A1;B1)', 'sampah']\n"
    row = 'F-1,bappeda,lapor,"=HYPERLINK(A1;B1)",2026-02-01T09:00+07:00,,,open,,\n'
    inputs, problems = run_check(tmp_path, monkeypatch, {"f.csv": HEADER + row}, settings)
    assert inputs is None
    assert any(
        p.startswith("data/complaints/f.csv:2:4: error: category: diawali '='") for p in problems
    )


def test_formula_cells_are_quoted_in_every_csv_and_raw_elsewhere(tmp_path, monkeypatch):
    rows = "".join(
        f'F-{i},bappeda,lapor,"{c}",2026-02-0{i + 1}T09:00+07:00,,,open,,"{c}"\n'
        for i, c in enumerate(FORMULAS)
    )
    # A region's own list of categories is text a clerk typed too.
    listed = ", ".join(f"'{c}'" for c in FORMULAS)
    settings = f"\ncomplaints:\n  publish_summaries: true\n  categories: [{listed}]\n"
    inputs, _ = run_check(tmp_path, monkeypatch, {"f.csv": HEADER + rows}, settings)
    figures = compute_data(inputs.complaints, TODAY)
    out = tmp_path / "out"
    write_open_data(figures, out, inputs.directory)
    with (out / "complaints.csv").open(encoding="utf-8", newline="") as fh:
        published = list(csv.DictReader(fh))
    assert sorted(r["category"] for r in published) == sorted("'" + c for c in FORMULAS)
    assert sorted(r["summary"] for r in published) == sorted("'" + c for c in FORMULAS)
    # Offsets and negative-looking values inside a cell are left alone.
    assert published[0]["received"].endswith("+07:00") and published[0]["received"][0] == "2"
    with (out / "channels.csv").open(encoding="utf-8", newline="") as fh:
        phones = [r["value"] for r in csv.DictReader(fh) if r["type"] in ("whatsapp", "phone")]
    # Numbers are tel: URIs (text in every spreadsheet), so they need no quote.
    assert phones and all(p.startswith("tel:+62") for p in phones)
    for name in ("agencies", "accounts", "channels", "complaints", "figures", "calendar"):
        text = (out / f"{name}.csv").read_text(encoding="utf-8")
        for row in csv.reader(text.splitlines()):
            assert not any(cell[:1] in FORMULA_START for cell in row), (name, row)
    raw = json.loads((out / "channels.json").read_text(encoding="utf-8"))
    phones = [r["value"] for r in raw if r["type"] in ("whatsapp", "phone")]
    assert phones and all(p.startswith("tel:+62") for p in phones)  # the same URI everywhere
    db = sqlite3.connect(out / "kanal.sqlite")
    assert sorted(v for (v,) in db.execute("SELECT summary FROM complaints")) == sorted(FORMULAS)
    assert (
        db.execute("SELECT value FROM channels WHERE type = 'whatsapp'")
        .fetchone()[0]
        .startswith("tel:+62")
    )
    db.close()


@given(st.text(max_size=20))
def test_csv_text_quotes_exactly_the_dangerous_starts(value):
    out = csv_text(value)
    if value[:1] in FORMULA_START:
        assert out == "'" + value
    else:
        assert out == value


def test_a_large_sqlite_is_published_gzip_compressed(tmp_path, monkeypatch):
    import gzip
    import hashlib

    from generator.complaints import opendata

    rows = "".join(
        f"G-{i},bappeda,lapor,jalan rusak,2026-02-0{i + 1}T09:00+07:00,,,open,,\n" for i in range(5)
    )
    inputs, _ = run_check(tmp_path, monkeypatch, {"g.csv": HEADER + rows}, "\n")
    figures = compute_data(inputs.complaints, TODAY)
    monkeypatch.setattr(opendata, "SQLITE_GZIP_OVER", 10_000)  # the demo's is ~100 KB
    out = tmp_path / "out"
    names = write_open_data(figures, out, inputs.directory)
    assert "kanal.sqlite.gz" in names and "kanal.sqlite" not in names
    assert not (out / "kanal.sqlite").exists()
    packed = (out / "kanal.sqlite.gz").read_bytes()
    (tmp_path / "db.sqlite").write_bytes(gzip.decompress(packed))
    db = sqlite3.connect(tmp_path / "db.sqlite")
    assert db.execute("SELECT COUNT(*) FROM complaints").fetchone() == (5,)
    db.close()
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    (entry,) = [r for r in package["resources"] if r["name"] == "kanal-sqlite"]
    assert entry["path"] == "kanal.sqlite.gz" and entry["bytes"] == len(packed)
    assert entry["hash"] == "sha256:" + hashlib.sha256(packed).hexdigest()
    import frictionless

    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    again = tmp_path / "again"
    write_open_data(figures, again, inputs.directory)
    assert (again / "kanal.sqlite.gz").read_bytes() == packed  # deterministic
