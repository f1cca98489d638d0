"""A clerk's real files: Excel's .xlsx, a semicolon CSV in Windows-1252, values in the clerk's
words (WIB, selesai, WA, Dinkes), and one error for a column that is wrong throughout."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.safeinput import recordsheets as sheets
from tests.complaints_util import HEADER, SETTINGS, make_data, run_check
from tests.conftest import TODAY

COLUMNS = HEADER.strip().split(",") + ["timezone"]


def _workbook(path: Path, rows: list[list], title: str = "Aduan") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _check_with(tmp_path, monkeypatch, make, settings: str = SETTINGS):
    """Run ``kanal check`` on the tiny region with the file ``make(folder)`` writes."""
    monkeypatch.chdir(tmp_path)
    data = make_data(tmp_path, {}, settings)
    make(data / "complaints")
    from generator.build.pipeline import check
    from tests.conftest import without_completeness

    inputs, problems = check(Path("data"), TODAY)
    return inputs, without_completeness([str(p) for p in problems.sorted()])


def test_xlsx_written_by_openpyxl_is_read_with_excel_dates_and_numbers(tmp_path, monkeypatch):
    received = dt.datetime(2026, 3, 2, 9, 15)
    rows = [
        # an id typed as a number, Excel dates, the clerk's words for every value
        [
            20260001,
            "Dinkes",
            "WA",
            "Jalan Rusak",
            received,
            received + dt.timedelta(hours=2),
            received + dt.timedelta(days=3),
            "selesai",
            "",
            "",
            "WIB",
        ],
        ["ADU-2", "bappeda", "Twitter", "sampah", received, None, None, "diproses", "", "", "WITA"],
        # a phone number as an id, as WhatsApp logs write them
        [6281233445566, "bappeda", "x", "sampah", received, None, None, "baru", "", "", "WIB"],
    ]

    def make(folder: Path) -> None:
        _workbook(folder / "aduan.xlsx", rows)

    inputs, lines = _check_with(tmp_path, monkeypatch, make)
    assert lines == [
        "data/complaints/aduan.xlsx:4:1: error: id (Aduan!A4): id berisi data pribadi (1 nomor telepon); id diterbitkan di data terbuka, pakai nomor tiket tanpa data pelapor"
    ]
    (tmp_path / "ok").mkdir()
    inputs, lines = _check_with(
        tmp_path / "ok", monkeypatch, lambda f: _workbook(f / "a.xlsx", rows[:2])
    )
    assert lines == []
    by_id = {r.id: r for r in inputs.complaints.records}
    first = by_id["20260001"]
    assert (first.agency, first.channel.value, first.category, first.status.value) == (
        "dinas-kesehatan",
        "whatsapp",
        "jalan rusak",
        "resolved",
    )
    assert first.received.isoformat() == "2026-03-02T09:15:00+07:00"
    assert first.resolved.isoformat() == "2026-03-05T09:15:00+07:00"
    second = by_id["ADU-2"]
    assert (second.channel.value, second.status.value) == ("x", "open")
    # 09:15 WITA is 08:15 WIB, the region's zone
    assert second.received.isoformat() == "2026-03-02T08:15:00+07:00"


def test_semicolon_csv_with_bom_is_read_and_windows_1252_is_a_located_error(tmp_path, monkeypatch):
    header = HEADER.replace(",", ";")
    good = "A-1;bappeda;lapor;sampah;2026-01-05T09:15+07:00;;;open;;Sampah menumpuk – 3 hari\n"
    text = header + good + good.replace("A-1", "A-2").replace("sampah;", "air bersih;")
    inputs, lines = _check_with(
        tmp_path,
        monkeypatch,
        lambda f: (f / "excel.csv").write_bytes(b"\xef\xbb\xbf" + text.encode()),
    )
    assert lines == []
    assert sorted(r.category for r in inputs.complaints.records) == ["air bersih", "sampah"]
    (tmp_path / "cp").mkdir()
    inputs, lines = _check_with(
        tmp_path / "cp", monkeypatch, lambda f: (f / "excel.csv").write_bytes(text.encode("cp1252"))
    )
    assert inputs is None
    assert lines == [
        "data/complaints/excel.csv:2:73: error: berkas bukan teks UTF-8 (huruf '–' dari pengodean lain, biasanya Windows-1252 dari Excel); simpan sebagai CSV UTF-8 (Excel: File > Simpan Sebagai > 'CSV UTF-8 (Comma delimited)'; LibreOffice: Set Karakter 'Unicode (UTF-8)'), atau simpan sebagai .xlsx"
    ]


def test_whole_column_wrong_the_same_way_is_one_error(tmp_path, monkeypatch):
    """Issue 17: 50 rows with a time zone Kanal did not know gave 189 errors."""
    header = HEADER.rstrip("\n") + ",timezone\n"
    rows = "".join(
        f"A-{i},bappeda,lapor,sampah,2026-01-05 09:{i:02d},2026-01-06 09:00,2026-01-07 10:00,resolved,,,{{zone}}\n"
        for i in range(50)
    )
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": header + rows.format(zone="WIB")})
    assert lines == []
    assert len(inputs.complaints.records) == 50
    (tmp_path / "b").mkdir()
    _, lines = run_check(tmp_path / "b", monkeypatch, {"a.csv": header + rows.format(zone="Jawa")})
    fix = "tulis offset (misalnya +07:00) atau isi kolom timezone (WIB, WITA atau WIT)"
    assert lines == [
        f"data/complaints/a.csv:2:5: error: received: zona waktu tidak ada; {fix} (sama di semua 50 baris kolom ini)",
        f"data/complaints/a.csv:2:6: error: first_response: zona waktu tidak ada; {fix} (sama di semua 50 baris kolom ini)",
        f"data/complaints/a.csv:2:7: error: resolved: zona waktu tidak ada; {fix} (sama di semua 50 baris kolom ini)",
        "data/complaints/a.csv:2:11: error: timezone: zona waktu 'Jawa' tidak dikenal; tulis WIB, WITA atau WIT (Asia/Jakarta, Asia/Makassar, Asia/Jayapura) (sama di semua 50 baris kolom ini)",
    ]


def test_unknown_words_get_suggestions(tmp_path, monkeypatch):
    rows = (
        "A-1,bappeda,whatsap,sampah,2026-01-05T09:15+07:00,,,open,,\n"
        "A-2,bappeda,lapor,sampah,2026-01-05T09:15+07:00,,,ditolakk,,\n"
        "A-3,bappeda,merpati,sampah,2026-01-05T09:15+07:00,,,open,,\n"
    )
    _, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + rows})
    choices = "instagram, x, facebook, tiktok, youtube, whatsapp, lapor, portal, email, phone, sms, walk-in, letter, other"
    assert lines == [
        f"data/complaints/a.csv:2:3: error: channel: nilai 'whatsap' tidak dikenal; maksud Anda 'whatsapp'?; pilih salah satu: {choices}",
        "data/complaints/a.csv:3:8: error: status: nilai 'ditolakk' tidak dikenal; maksud Anda 'rejected'?; pilih salah satu: open, resolved, rejected",
        f"data/complaints/a.csv:4:3: error: channel: nilai 'merpati' tidak dikenal; pilih salah satu: {choices}",
    ]


def test_agency_by_name_or_alias_and_ambiguous_names_list_the_candidates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = (
        "A-1,Dinas Kesehatan,lapor,sampah,2026-01-05T09:15+07:00,,,open,,\n"
        "A-2,perencanaan,lapor,sampah,2026-01-05T09:15+07:00,,,open,,\n"
    )
    data = make_data(tmp_path, {"a.csv": HEADER + rows})
    for name in ("bappeda.yml", "dinkes.yml"):
        path = data / "agencies" / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("short_name:", "aliases: [perencanaan]\nshort_name:", 1))
    from generator.build.pipeline import check
    from tests.conftest import without_completeness

    _, problems = check(Path("data"), TODAY)
    assert without_completeness([str(p) for p in problems.sorted()]) == [
        "data/complaints/a.csv:3:2: error: agency: 'perencanaan' bisa berarti beberapa instansi: 'bappeda' (Badan Perencanaan Pembangunan Daerah), 'dinas-kesehatan' (Dinas Kesehatan); tulis id instansinya"
    ]


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path, monkeypatch):
    def make(folder: Path) -> None:
        with zipfile.ZipFile(folder / "bom.xlsx", "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))

    inputs, lines = _check_with(tmp_path, monkeypatch, make)
    assert inputs is None
    # zlib packs 20 MB of zeros into about 20 kB: refused from the zip directory alone
    (line,) = lines
    assert line.startswith(
        "data/complaints/bom.xlsx: error: berkas .xlsx tidak wajar: satu bagiannya mengembang "
    )
    assert line.endswith(" kali saat dibuka (batas 200); simpan ulang dari Excel")


def test_rows_beyond_the_bound_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "XLSX_MAX_ROWS", 3)
    rows = [[f"A-{i}", "bappeda", "lapor", "sampah", "2026-01-05T09:15+07:00"] for i in range(5)]
    inputs, lines = _check_with(tmp_path, monkeypatch, lambda f: _workbook(f / "a.xlsx", rows))
    assert lines == [
        "data/complaints/a.xlsx:5:1: error: lembar 'Aduan' berisi lebih dari 3 baris; pecah menjadi beberapa berkas"
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("a,b;c", ","),
        ("a;b;c,d", ";"),
        ('"x;y",b,c', ","),
        ('"x,y";b;c', ";"),
        ("a\tb\tc", "\t"),
        ("abc", ","),
    ],
)
def test_delimiter_is_sniffed_from_the_header_line(line, expected):
    assert sheets.sniff_delimiter(line) == expected


def test_kanal_import_of_a_clerks_xlsx_writes_a_file_without_personal_data(
    tmp_path, monkeypatch, capsys
):
    import csv

    from generator.cli import main
    from generator.safeinput.privacy import personal_data

    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "Nomor Tiket",
            "Instansi",
            "Kanal",
            "Kategori",
            "Diterima",
            "Status",
            "Ringkasan",
            "Nama Pelapor",
            "No HP",
            "Zona Waktu",
        ]
    )
    received = dt.datetime(2026, 3, 2, 9, 15)
    sheet.append(
        [
            "ADU-1",
            "Dinkes",
            "WA",
            "Jalan Rusak",
            received,
            "baru",
            "Mohon ditelepon balik ke 0812-3344-5566",
            "Budi Santoso",
            "081233445566",
            "WIB",
        ]
    )
    sheet.append(
        [
            "ADU-2",
            "Bappeda",
            "surel",
            "sampah",
            received,
            "diproses",
            "Saya Budi Santoso, balas ke budi.s@gmail,com",
            "",
            "",
            "WITA",
        ]
    )
    book.save(tmp_path / "rekap.xlsx")
    out = Path("data/complaints/rekap.csv")
    assert main(["import", "--format", "kanal", "rekap.xlsx", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Data pribadi dibuang: 1 nama, 1 nomor telepon" in printed
    assert "Data pribadi disamarkan: 1 nama, 1 nomor telepon, 1 alamat surel" in printed
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["agency"], r["channel"], r["category"], r["status"]) for r in rows] == [
        ("dinas-kesehatan", "whatsapp", "jalan rusak", "open"),
        ("bappeda", "email", "sampah", "open"),
    ]
    assert [r["received"] for r in rows] == ["2026-03-02T09:15+07:00", "2026-03-02T09:15+08:00"]
    for row in rows:
        for cell in row.values():
            assert not personal_data(cell).stored, cell
    assert main(["check", "--data", "data", "--today", "2026-11-22"]) == 0


def test_lapor_import_reads_a_semicolon_export(tmp_path, monkeypatch, capsys):
    from generator.cli import main

    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    here = Path(__file__).parent / "fixtures" / "complaints" / "lapor-export.csv"
    import csv
    import io

    rows = list(csv.reader(io.StringIO(here.read_text(encoding="utf-8"))))
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows(rows)
    Path("lapor-excel.csv").write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode())
    out = Path("data/complaints/lapor.csv")
    assert main(["import", "--format", "lapor", "lapor-excel.csv", "--out", str(out)]) == 0
    assert "Aduan dibaca: 3" in capsys.readouterr().out
    Path("cp.csv").write_bytes(text.getvalue().replace("Antrean", "Antrean – ").encode("cp1252"))
    assert main(["import", "--format", "lapor", "cp.csv", "--out", "x.csv"]) == 1
    assert "simpan sebagai CSV UTF-8" in capsys.readouterr().err
    assert not Path("x.csv").exists()


def test_import_reads_the_first_visible_sheet_and_names_it(tmp_path, monkeypatch, capsys):
    """A hidden first sheet (old rows, a drop-down's list) is not what the clerk sees: the
    first visible one is read, and the output names it."""
    import csv

    from generator.cli import main

    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    book = openpyxl.Workbook()
    old = book.active
    old.title = "Lama"
    header = ["Nomor Tiket", "Instansi", "Kanal", "Kategori", "Diterima", "Status", "Zona Waktu"]
    old.append(header)
    old.append(["OLD-1", "Dinkes", "WA", "sampah", "01/10/2026 08.00", "baru", "WIB"])
    old.sheet_state = "hidden"
    sheet = book.create_sheet("Aduan")
    sheet.append(header)
    sheet.append(["H-1", "Dinkes", "WA", "sampah", "02/10/2026 08.00", "baru", "WIB"])
    book.save(tmp_path / "rekap.xlsx")
    out = Path("data/complaints/rekap.csv")
    assert main(["import", "--format", "kanal", "rekap.xlsx", "--out", str(out)]) == 0
    assert "Aduan dibaca: 1 (lembar 'Aduan')" in capsys.readouterr().out
    with out.open(encoding="utf-8") as fh:
        assert [r["id"] for r in csv.DictReader(fh)] == ["H-1"]


def test_an_excel_serial_date_and_a_lapor_title_column_are_read(tmp_path, monkeypatch):
    """A date cell formatted "General" holds Excel's day number (46330.6041666667 is 4
    November 2026, 14:30), and SP4N-LAPOR! exports may call their title "Judul Laporan"."""
    import csv

    from generator.cli import main

    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nomor Tiket", "Tanggal Laporan", "Judul Laporan", "Instansi", "Status"])
    sheet.append(["L-1", 46330.6041666667, "Lampu jalan mati", "Dinkes", "Diproses"])
    sheet.append(["L-2", 46331, "Sampah menumpuk", "Dinkes", "Diproses"])
    book.save(tmp_path / "lapor.xlsx")
    out = Path("data/complaints/lapor.csv")
    assert main(["import", "--format", "lapor", "lapor.xlsx", "--out", str(out)]) == 0
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["received"], r["summary"]) for r in rows] == [
        ("2026-11-04T14:30+07:00", "Lampu jalan mati"),
        ("2026-11-05T00:00+07:00", "Sampah menumpuk"),
    ]
    # A workbook of Excel for Mac's 1904 date system counts 1,462 days fewer to each date.
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book.epoch = CALENDAR_MAC_1904
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].value -= 1462
    book.save(tmp_path / "mac.xlsx")
    out = Path("data/complaints/mac.csv")
    assert main(["import", "--format", "lapor", "mac.xlsx", "--out", str(out)]) == 0
    with out.open(encoding="utf-8") as fh:
        assert [r["received"] for r in csv.DictReader(fh)] == [
            "2026-11-04T14:30+07:00",
            "2026-11-05T00:00+07:00",
        ]


_CELL_TEXT = st.text(
    alphabet=st.sampled_from(list("ab ,-") + ["\x00", "\x7f", "\x0b", "\u202e", "\u200b", "\x85"]),
    max_size=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ticket=_CELL_TEXT, summary=_CELL_TEXT)
def test_an_import_that_succeeds_writes_a_file_kanal_check_accepts(
    tmp_path_factory, ticket, summary
):
    """Whatever characters an export carries, ``kanal import`` either refuses them at their
    cell or writes a file ``kanal check`` accepts (a NUL and a DEL were written, then refused
    by the check)."""
    import contextlib
    import io
    import os

    from generator.cli import main

    root = tmp_path_factory.mktemp("imp")
    make_data(root, {})
    (root / "in.csv").write_text(
        "nomor tiket,instansi,kanal,kategori,diterima,status,ringkasan,zona waktu\n"
        f'"T-{ticket}",Dinkes,WA,sampah,02/11/2026 08.15,baru,"{summary}",WIB\n',
        encoding="utf-8",
    )
    here = os.getcwd()
    os.chdir(root)
    said = io.StringIO()
    try:
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
            out = "data/complaints/in.csv"
            code = main(["import", "--format", "kanal", "in.csv", "--out", out])
            if code == 0:
                assert main(["check", "--data", "data", "--today", "2026-11-22"]) == 0, (
                    said.getvalue()
                )
            else:
                assert "karakter" in said.getvalue(), said.getvalue()
                assert not Path(out).exists()
    finally:
        os.chdir(here)


@pytest.mark.parametrize(
    ("last_cells", "where", "words"),
    [
        ("ok\x00nul,WIB", "in.csv:2:7: error: ringkasan", "U+0000"),  # refused at its cell
        ("ok,XYZ", "in.csv:2:8: error: timezone", "zona waktu 'XYZ'"),  # at its own column
    ],
)
def test_an_import_problem_is_located_at_its_cell(
    tmp_path, monkeypatch, capsys, last_cells, where, words
):
    from generator.cli import main

    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    Path("in.csv").write_text(
        "nomor tiket,instansi,kanal,kategori,diterima,status,ringkasan,zona waktu\n"
        f"W-1,Dinkes,WA,sampah,02/11/2026 08.15,baru,{last_cells}\n",
        encoding="utf-8",
    )
    assert main(["import", "--format", "kanal", "in.csv", "--out", "data/complaints/x.csv"]) == 1
    errors = [ln for ln in capsys.readouterr().err.splitlines() if ": error: " in ln]
    assert len(errors) == 1 and errors[0].startswith(where) and words in errors[0], errors
    assert not Path("data/complaints/x.csv").exists()


@settings(max_examples=300, deadline=None)
@given(
    when=st.datetimes(
        min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 12, 31, 23, 59, 59)
    ),
    comma=st.booleans(),
)
def test_excel_day_numbers_read_back_to_the_minute_excel_shows(when, comma):
    """An Excel day number, as a General cell shows it (15 significant digits, a decimal
    comma in an Indonesian-locale CSV), is the minute Excel shows for it: never the next
    minute, day or month when its seconds are near the end (23:59:59 on the 30th)."""
    import zoneinfo

    from generator.complaints.importers import _lapor_time

    when = when.replace(microsecond=0)
    days = (when - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    text = f"{days:.10f}".rstrip("0").rstrip(".")
    if comma:
        text = text.replace(".", ",")
    zone = zoneinfo.ZoneInfo("Asia/Jakarta")
    expected = when.replace(second=0, tzinfo=zone).isoformat(timespec="minutes")
    assert _lapor_time(text, zone) == expected
