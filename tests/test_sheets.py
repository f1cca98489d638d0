"""Spreadsheets as offices keep them (``generator.safeinput.sheets``) and the line splicer that
adds accounts to agency YAML without re-dumping it (``generator.registry.yamlsplice``)."""

from __future__ import annotations

import datetime as dt
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from ruamel.yaml import YAML

from generator.registry.yamlsplice import account_item, channel_item, splice
from generator.safeinput import sheets
from generator.safeinput.problems import Problems
from generator.safeinput.recordsheets import SAVE_AS_UTF8, without_text_marker


def test_xlsx_rows_keep_their_place_and_skip_hidden_sheets(tmp_path):
    book = Workbook()
    first = book.active
    first.title = "OPD"
    first.append(["Judul"])
    first.append([])
    first.append(["Nama OPD", "No WA", "Tanggal", "Rumus"])
    first.append(["Dinkes", 81234567890, dt.datetime(2026, 1, 31), "=1+1"])
    hidden = book.create_sheet("Pilihan")
    hidden.append(["Instagram"])
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "d.xlsx")
    problems = Problems()
    rows = sheets.read_sheet(tmp_path / "d.xlsx", "d.xlsx", problems)
    assert not problems.items
    assert [(str(r.where), r.cells) for r in rows] == [
        ("d.xlsx:OPD!baris 1", ("Judul",)),
        ("d.xlsx:OPD!baris 3", ("Nama OPD", "No WA", "Tanggal", "Rumus")),
        # a number keeps its digits; a formula is never evaluated (no cached value: empty)
        ("d.xlsx:OPD!baris 4", ("Dinkes", "81234567890", "2026-01-31")),
    ]


def test_csv_separator_bom_and_windows_1252(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(b'\xef\xbb\xbfNama;Akun\r\n"Dinas A;B";@x\r\n')
    problems = Problems()
    rows = sheets.read_sheet(path, "d.csv", problems)
    assert [(str(r.where), r.cells) for r in rows] == [
        ("d.csv:baris 1", ("Nama", "Akun")),  # the BOM is not part of the first column's name
        ("d.csv:baris 2", ("Dinas A;B", "@x")),
    ]
    path.write_bytes("Nama,Akun\nDinas Kesehatan,@dinkés\n".encode("cp1252"))
    problems = Problems()
    assert sheets.read_sheet(path, "d.csv", problems) == []
    # One message for this mistake in every spreadsheet Kanal reads (recordsheets' decoding):
    # the line and column of the first foreign byte, the letter it was, how to save as UTF-8.
    assert [str(p) for p in problems] == [
        "d.csv:2:22: error: berkas bukan teks UTF-8 (huruf 'é' dari pengodean lain, biasanya "
        f"Windows-1252 dari Excel); {SAVE_AS_UTF8}"
    ]


def test_the_spreadsheets_text_apostrophe_is_no_part_of_a_cell(tmp_path):
    """'0296 531004 is how a clerk keeps a leading 0 (or an @, a +) as text: one leading
    apostrophe before something is dropped, in a CSV and in a workbook's text cell alike;
    Excel's own mark (quotePrefix) never reaches the value at all."""
    path = tmp_path / "d.csv"
    path.write_text(
        "Nama;Telp;Akun;Lain\n'Dinkes;'0296 531004;' @dinkesblora;''x\n'Bappeda;';don't;'\n",
        encoding="utf-8",
    )
    problems = Problems()
    rows = sheets.read_sheet(path, "d.csv", problems)
    assert not problems.items
    assert [r.cells for r in rows] == [
        ("Nama", "Telp", "Akun", "Lain"),
        ("Dinkes", "0296 531004", "@dinkesblora", "'x"),  # one apostrophe, not two
        ("Bappeda", "'", "don't", "'"),  # a lone one stays (and is reported as a value)
    ]
    book = Workbook()
    sheet = book.active
    sheet.append(["Nama", "No WA"])
    sheet.append(["Dinkes", "'081234567890"])  # a text cell holding the apostrophe itself
    sheet.append(["Bappeda", "081234567891"])
    sheet["B3"].quotePrefix = True  # typed '081234567891 in Excel: a style, not a character
    book.save(tmp_path / "d.xlsx")
    rows = sheets.read_sheet(tmp_path / "d.xlsx", "d.xlsx", problems)
    assert not problems.items
    assert [r.cells for r in rows[1:]] == [
        ("Dinkes", "081234567890"),
        ("Bappeda", "081234567891"),
    ]


@given(st.text(max_size=20))
def test_only_one_leading_apostrophe_before_something_is_dropped(text):
    marked = without_text_marker("'" + text)
    if text.strip():
        assert marked == text.lstrip()
    else:
        assert marked == "'" + text
    if not text.startswith("'"):
        assert without_text_marker(text) == text


def test_old_excel_and_damaged_files_are_named(tmp_path):
    xls = tmp_path / "d.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    problems = Problems()
    assert sheets.read_sheet(xls, "d.xls", problems) == []
    assert "format .xls lama dan .ods tidak didukung" in str(problems.items[0])
    broken = tmp_path / "d.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    problems = Problems()
    assert sheets.read_sheet(broken, "d.xlsx", problems) == []
    assert "rusak" in str(problems.items[0])


def test_xlsx_that_unpacks_too_big_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_UNPACKED", 1000)
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 100_000)  # compresses to ~100 bytes
    problems = Problems()
    assert sheets.read_sheet(path, "bom.xlsx", problems) == []
    assert "terlalu besar setelah dibuka" in str(problems.items[0])


def test_rows_and_columns_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 3)
    path = tmp_path / "d.csv"
    path.write_text("a,b\n" + "".join(f"{i},x\n" for i in range(10)) + ("y," * 150) + "\n")
    problems = Problems()
    rows = sheets.read_sheet(path, "d.csv", problems)
    assert len(rows) == 3
    assert [str(p) for p in problems] == ["d.csv: error: lebih dari 3 baris; pecah berkasnya"]


NAMES = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(NAMES, st.booleans(), st.booleans(), st.integers(0, 2)), min_size=1, max_size=4
    ),
    st.data(),
)
def test_splice_only_adds_lines_and_the_items_land_where_meant(agencies, data):
    """Any mix of comments, blank lines and existing lists: the original lines stay in order,
    and each agency gets exactly the items it was given."""
    lines = ["# kepala berkas"]
    for i, (name, comment, has_accounts, blanks) in enumerate(agencies):
        lines.append(f"- id: a{i}  # id")
        lines.append(f'  name: "{name}"')
        if comment:
            lines.append("  # komentar di dalam")
        if has_accounts:
            lines += [
                "  accounts:",
                "    - platform: x",
                '      url: "https://x.com/lama"',
                "  # sesudah akun",
            ]
        lines += [""] * blanks
        if comment:
            lines.append("# komentar untuk instansi berikutnya")
    text = "\n".join(lines) + "\n"
    item = account_item(
        "instagram", "https://www.instagram.com/baru/", "active", dt.date(2026, 1, 1)
    )
    wanted = {
        (i,): {
            "accounts": [item] * data.draw(st.integers(0, 2)),
            "channels": [channel_item("email", "a@b.go.id")] * data.draw(st.integers(0, 1)),
        }
        for i in range(len(agencies))
    }
    result = splice(text, wanted)
    it = iter(result.splitlines())
    assert all(any(line == other for other in it) for line in text.splitlines())
    doc = YAML(typ="safe").load(result)
    for i, (_name, _c, has_accounts, _b) in enumerate(agencies):
        edits = wanted[(i,)]
        accounts = doc[i].get("accounts") or []
        assert len(accounts) == has_accounts + len(edits["accounts"])
        assert len(doc[i].get("channels") or []) == len(edits["channels"])
    crlf = splice(text.replace("\n", "\r\n"), wanted)
    assert crlf == result.replace("\n", "\r\n")


def test_splice_fills_an_empty_list_in_place():
    text = "id: a\nname: A\naccounts: []  # belum ada\nkind: dinas\n"
    item = account_item("x", "https://x.com/a", "active", dt.date(2026, 1, 1))
    assert splice(text, {(): {"accounts": [item]}}) == (
        "id: a\nname: A\naccounts:  # belum ada\n"
        '  - platform: x\n    url: "https://x.com/a"\n    status: active\n    reviewed: 2026-01-01\n'
        "kind: dinas\n"
    )
