"""Workbooks small on disk that unfold huge in openpyxl: bounded, with a located error.

openpyxl's read-only sheets fill every gap: a row with one cell at column XFD becomes 16,384
values, and a sheet whose last cell sits at row 1,048,576 yields a million rows. A 250 KB
workbook of 30,000 such rows ran out of 4 GB in ``kanal import``; 200 sheets of one far cell
each (72 KB) kept ``kanal import-registry`` busy for hours.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.safeinput import sheets
from generator.safeinput.problems import Problems
from generator.safeinput.recordsheets import XLSX_MAX_COLUMNS, column_letter, read_xlsx

HEADER = ["Nomor Tiket", "Instansi", "Tanggal Laporan", "Status"]


def _book(path: Path, rows: dict[int, dict[int, str]], sheet_count: int = 1) -> Path:
    book = openpyxl.Workbook()
    for n in range(sheet_count):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = f"Aduan{n + 1}"
        for r, cells in rows.items():
            for c, value in cells.items():
                sheet.cell(row=r, column=c, value=value)
    book.save(path)
    return path


def test_a_cell_far_right_is_not_read_into_16384_values_a_row(tmp_path):
    rows = {1: dict(enumerate(HEADER, 1))}
    for r in range(2, 3_002):
        rows[r] = {1: f"T-{r}", 16_384: "x"}  # XFD: 16,384 values a row before the bound
    problems = Problems()
    sheet = read_xlsx(_book(tmp_path / "lebar.xlsx", rows), "lebar.xlsx", problems, 10**8)
    assert sheet is not None and not problems.items
    assert sheet.rows == [(r, [f"T-{r}"]) for r in range(2, 3_002)]


def test_a_cell_just_past_the_bound_is_a_located_error(tmp_path):
    rows = {1: dict(enumerate(HEADER, 1)), 2: {1: "T-1", XLSX_MAX_COLUMNS + 1: "x"}}
    problems = Problems()
    sheet = read_xlsx(_book(tmp_path / "lebar.xlsx", rows), "lebar.xlsx", problems, 10**8)
    assert sheet is None
    assert [str(p) for p in problems] == [
        f"lebar.xlsx:2:{XLSX_MAX_COLUMNS + 1}: error: lembar 'Aduan1' berisi isian di kolom "
        f"{column_letter(XLSX_MAX_COLUMNS + 1)} atau sesudahnya (paling banyak "
        f"{XLSX_MAX_COLUMNS} kolom, A sampai {column_letter(XLSX_MAX_COLUMNS)}); hapus isian "
        "itu atau pecah lembarnya"
    ]


@settings(max_examples=25, deadline=None)
@given(
    cells=st.dictionaries(
        st.integers(1, XLSX_MAX_COLUMNS),
        st.text("abcXYZ 019-", min_size=1, max_size=8).map(str.strip).filter(bool),
        min_size=1,
        max_size=6,
    ),
    row=st.integers(2, 40),
)
def test_cells_within_the_bound_read_as_written(tmp_path_factory, cells, row):
    path = _book(tmp_path_factory.mktemp("b") / "a.xlsx", {1: {1: "judul"}, row: cells})
    problems = Problems()
    sheet = read_xlsx(path, "a.xlsx", problems, 10**8)
    assert sheet is not None and not problems.items
    [(number, got)] = sheet.rows
    assert number == row
    assert got == [cells.get(c, "") for c in range(1, max(cells) + 1)]


def test_far_rows_in_many_sheets_stop_at_a_bound_with_a_located_error(tmp_path):
    rows = {1: {1: "Nama OPD", 2: "Instagram"}, 2: {1: "Dinas Kesehatan", 2: "@dinkes"}}
    rows[1_048_576] = {1: "x"}
    path = _book(tmp_path / "daftar.xlsx", rows, sheet_count=3)
    problems = Problems()
    read = sheets.read_sheet(path, "daftar.xlsx", problems)
    assert [r.cells for r in read] == [("Nama OPD", "Instagram"), ("Dinas Kesehatan", "@dinkes")]
    assert [str(p) for p in problems] == [
        f"daftar.xlsx:Aduan1!baris {sheets.MAX_SPAN + 1}: error: lebih dari {sheets.MAX_SPAN} "
        "baris di semua lembar (baris kosong di antaranya ikut dihitung); hapus baris kosong di "
        "bawah daftar atau pecah berkasnya"
    ]
