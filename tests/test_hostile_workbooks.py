"""Workbooks small on disk that unfold huge in openpyxl: bounded, with a located error.

openpyxl's read-only sheets fill every gap: a row with one cell at column XFD becomes 16,384
values, and a sheet whose last cell sits at row 1,048,576 yields a million rows. A 250 KB
workbook of 30,000 such rows ran out of 4 GB in ``kanal import``; 200 sheets of one far cell
each (72 KB) kept ``kanal import-registry`` busy for hours.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
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


def _with_part(source: Path, target: Path, name: str, edit) -> Path:
    """A copy of the workbook ``source`` with part ``name`` rewritten by ``edit``."""
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, edit(data) if info.filename == name else data)
    return target


PARTS = [
    "xl/styles.xml",
    "xl/workbook.xml",
    "xl/worksheets/sheet1.xml",
    "[Content_Types].xml",
    "_rels/.rels",
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    part=st.sampled_from(PARTS),
    comments=st.lists(st.text("ab ", max_size=20), max_size=3),
    dtd=st.booleans(),
)
def test_a_dtd_in_any_part_is_refused_before_openpyxl(tmp_path_factory, part, comments, dtd):
    """Excel writes no DTD; one (after any comments) is where entities multiply text past the
    size bounds. Refused in every part, whatever comments precede it; none, read as before."""
    root = tmp_path_factory.mktemp("dtd")
    plain = _book(root / "plain.xlsx", {1: dict(enumerate(HEADER, 1)), 2: {1: "T-1"}})
    doctype = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' if dtd else b""

    def edit(data: bytes) -> bytes:
        end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
        notes = b"".join(f"<!--{c}-->".encode() for c in comments)
        return data[:end] + notes + doctype + data[end:]

    book = _with_part(plain, root / "edited.xlsx", part, edit)
    problems = Problems()
    sheet = read_xlsx(book, "edited.xlsx", problems, 10_000_000)
    if dtd:
        assert sheet is None
        assert f"bagian {part} memuat deklarasi DTD" in str(problems.errors[0])
    else:
        assert sheet is not None and not problems.errors, problems.errors


ITEMS = [b"<si><t>x</t></si>", b"<si/>", b'<si xml:space="preserve"><t> y</t></si>']


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(st.sampled_from(ITEMS), max_size=60),
    cap=st.integers(0, 60),
    chunk=st.integers(1, 64),
)
def test_shared_strings_are_counted_as_they_inflate(
    tmp_path_factory, monkeypatch, items, cap, chunk
):
    """The workbook is refused exactly when its shared strings hold more texts than the bound,
    however the part is split into the chunks it is inflated in (a tag across two chunks is
    counted once; <sst> and <sis> elements are not texts)."""
    import zipfile

    from generator.safeinput import recordsheets

    monkeypatch.setattr(recordsheets, "_CHUNK", chunk)
    book = tmp_path_factory.mktemp("strings") / "b.xlsx"
    part = b'<sst count="%d"><sis/>' % len(items) + b"".join(items) + b"</sst>"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/sharedStrings.xml", part)
        zf.writestr("xl/workbook.xml", b"<workbook/>")
    problems = Problems()
    ok = recordsheets.check_zip(book, "b.xlsx", problems, max_strings=cap)
    assert ok == (len(items) <= cap)
    if not ok:
        assert f"lebih dari {cap} teks berbeda" in str(problems.errors[0])


def test_a_bloated_styles_part_is_refused_before_openpyxl_parses_it(tmp_path):
    """openpyxl parses styles.xml whole into a tree: 29 MB of it (within the 400 MB and ratio
    bounds) is refused from the zip directory, never parsed."""
    plain = _book(tmp_path / "plain.xlsx", {1: dict(enumerate(HEADER, 1))})
    import base64
    import random

    noise = random.Random(7).randbytes(22 * 1024 * 1024)  # compresses ~1.3x: within the ratio
    filler = b"<!-- " + base64.b64encode(noise) + b" -->"

    def edit(data: bytes) -> bytes:
        return data.replace(b"</styleSheet>", filler + b"</styleSheet>")

    book = _with_part(plain, tmp_path / "styles.xlsx", "xl/styles.xml", edit)
    problems = Problems()
    assert read_xlsx(book, "styles.xlsx", problems, 100_000_000) is None
    assert "bagian xl/styles.xml berukuran 29 MB setelah dibuka (batas 20 MB)" in str(
        problems.errors[0]
    )


def test_a_damaged_part_is_a_located_error_not_a_traceback(tmp_path):
    """A part whose bytes do not match its checksum (a download cut short, a disk error) is
    found while the parts are scanned, and reported as a damaged workbook."""
    import zipfile

    plain = _book(tmp_path / "plain.xlsx", {1: dict(enumerate(HEADER, 1)), 2: {1: "T-1"}})
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
    data = bytearray(stored.read_bytes())
    at = data.index(b"<workbook") + 3  # inside xl/workbook.xml, stored as it is
    data[at] ^= 0x20
    stored.write_bytes(bytes(data))
    problems = Problems()
    assert read_xlsx(stored, "stored.xlsx", problems, 10_000_000) is None
    assert "berkas .xlsx rusak atau bukan buku kerja Excel" in str(problems.errors[0])
