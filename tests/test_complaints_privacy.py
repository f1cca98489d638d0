"""Personal data never reaches the published records: dropped, redacted, counted, withheld."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.cli import main
from generator.complaints.importers import import_lapor, import_open311
from generator.registry.settings import ComplaintsIn
from generator.registry.validate import load_directory
from generator.safeinput.privacy import (
    ACCOUNT_MARK,
    ADDRESS_MARK,
    EMAIL_MARK,
    NAME_MARK,
    NIK_MARK,
    PHONE_MARK,
    PLATE_MARK,
    RTRW_MARK,
    Redactions,
    redact,
)
from generator.safeinput.problems import Problems
from tests.complaints_util import HEADER, make_data, run_check
from tests.conftest import FIXTURES, TODAY

HERE = Path(__file__).parent / "fixtures" / "complaints"


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("NIK saya 3372011234567890 ya", f"NIK saya {NIK_MARK} ya", "nik"),
        ("NIK 337201 123456 7890.", f"NIK {NIK_MARK}.", "nik"),
        ("KK 3372.0112.3456.7890 ya", f"KK {NIK_MARK} ya", "nik"),
        ("NIK 33 72 01 123456 7890", f"NIK {NIK_MARK}", "nik"),
        ("NIK 3372\u00a00112\u20093456\u202f7890", f"NIK {NIK_MARK}", "nik"),
        ("NIK 3372\u200b0112\u200b3456\u200b7890", f"NIK {NIK_MARK}", "nik"),
        ("WA 0812-3456-7890 sore", f"WA {PHONE_MARK} sore", "phone"),
        ("hubungi +62 813 1234 5678", f"hubungi {PHONE_MARK}", "phone"),
        ("atau 6285712345678!", f"atau {PHONE_MARK}!", "phone"),
        ("kantor (0271) 712345", f"kantor {PHONE_MARK}", "phone"),
        ("surel budi.s@gmail.com ok", f"surel {EMAIL_MARK} ok", "email"),
        ("surel budi [at] gmail [dot] com ok", f"surel {EMAIL_MARK} ok", "email"),
        ("surel budi(at)gmail.com", f"surel {EMAIL_MARK}", "email"),
        ("surel budi at gmail dot com", f"surel {EMAIL_MARK}", "email"),
        ("lapor atas nama budi santoso mohon", f"lapor atas nama {NAME_MARK} mohon", "name"),
        ("kirim a.n. Siti Aminah.", f"kirim a.n. {NAME_MARK}.", "name"),
        ("diterima Bapak Slamet Riyadi kemarin", f"diterima Bapak {NAME_MARK} kemarin", "name"),
        ("kata Bu Sri", f"kata Bu {NAME_MARK}", "name"),
        ("Sdri. Rina menunggu", f"Sdri. {NAME_MARK} menunggu", "name"),
        ("Pak RT Joko tidak ada", f"Pak RT {NAME_MARK} tidak ada", "name"),
        ("rumah di Jl. Melati No. 12 bocor", f"rumah di {ADDRESS_MARK} bocor", "address"),
        ("masuk gg. mawar 3 kanan", f"masuk {ADDRESS_MARK} kanan", "address"),
        ("banjir di Perum Griya Asri Blok", f"banjir di {ADDRESS_MARK} Blok", "address"),
        ("tinggal di Dusun Krajan", f"tinggal di {ADDRESS_MARK}", "address"),
        ("Jalan Pemuda berlubang", f"{ADDRESS_MARK} berlubang", "address"),
        ("warga RT 03/RW 05 mengeluh", f"warga {RTRW_MARK} mengeluh", "rtrw"),
        ("warga RT.003 RW.005 mengeluh", f"warga {RTRW_MARK} mengeluh", "rtrw"),
        ("warga rt3 rw5 mengeluh", f"warga {RTRW_MARK} mengeluh", "rtrw"),
        ("mobil AD 1234 XY parkir", f"mobil {PLATE_MARK} parkir", "plate"),
        ("truk B1234ABC ngebut", f"truk {PLATE_MARK} ngebut", "plate"),
        ("plat nomor ad 1234 xy", f"{PLATE_MARK}", "plate"),
        ("transfer ke rek 1234567890", f"transfer ke rek {ACCOUNT_MARK}", "account"),
        ("no. rek 123-456-7890-12 a.n.", f"no. rek {ACCOUNT_MARK} a.n.", "account"),
    ],
)
def test_redaction_of_each_kind(text, expected, kind):
    found = Redactions()
    assert redact(text, found) == expected
    assert found.counts[kind] == 1 and found.total == 1


@pytest.mark.parametrize(
    "text",
    [
        "Jalan rusak 2 km sejak 12-01-2026, kerugian Rp 150.000, KM 12.",
        "jalan berlubang di depan pasar, sudah 3 minggu tidak diperbaiki",
        "Anggaran Rp 1.500.000.000 untuk perbaikan gang belum cair",
        "Antrean poli umum dibuka jam 07.30, baru dilayani pukul 10.15",
        "Lulusan D3 Akuntansi tidak bisa mendaftar PPPK 2026",
        "Pak Lurah belum menanggapi, ibu-ibu menunggu di balai desa",
        "Jadwal praktik dokter tidak sesuai pengumuman.",
        "Listrik padam pada 12/01/2026 10.30 dan sejak 2026-01-12 10:30 air mati",
    ],
)
def test_ordinary_complaint_text_is_left_alone(text):
    found = Redactions()
    assert redact(text, found) == text
    assert found.total == 0


def test_describe_counts_by_kind():
    found = Redactions()
    redact("Bapak Budi dan Ibu Sri di Jl. Melati, Gg. Mawar; NIK 3372011234567890", found)
    assert found.describe() == "2 nama, 2 alamat, 1 NIK/KK"


def directory():
    problems = Problems()
    d = load_directory(FIXTURES / "tiny", TODAY, problems)
    assert d is not None
    return d


def test_lapor_importer_drops_personal_fields_and_redacts_summaries():
    result = import_lapor(HERE / "lapor-export.csv", directory(), "Asia/Jakarta")
    assert not result.problems.errors
    assert dict(result.dropped) == {
        "nama": 2,
        "NIK": 2,
        "nomor telepon": 2,
        "surel": 2,
        "alamat": 2,
        "isi laporan lengkap": 3,
    }
    assert dict(+result.redactions.counts) == {"nik": 1}
    (warning,) = result.problems.warnings
    assert str(warning).endswith(
        "lapor-export.csv:3:3: warning: Judul: berisi data pribadi (1 NIK/KK); disamarkan"
    )
    first, second, third = result.rows
    assert first["agency"] == "dinas-kesehatan" and third["agency"] == "dinas-kesehatan"
    assert first["received"] == "2026-01-05T09:15+07:00"
    assert (first["status"], second["status"], third["status"]) == ("resolved", "open", "rejected")
    assert second["summary"] == f"Jalan rusak, NIK saya {NIK_MARK}"
    published = " ".join(v for row in result.rows for v in row.values())
    for secret in ("Budi", "3372011234567890", "0812", "budi@example.com", "Melati"):
        assert secret not in published


def test_open311_importer_maps_and_lists_unmapped_agencies():
    config = ComplaintsIn(categories=["lampu jalan mati", "sampah"])
    result = import_open311(HERE / "open311.json", directory(), "Asia/Jakarta", config=config)
    assert dict(result.dropped) == {"alamat": 1, "lokasi": 2, "surel": 1, "nama": 1}
    assert [r["category"] for r in result.rows] == ["lampu jalan mati", "sampah"]
    assert result.redactions.counts["phone"] == 1
    closed = result.rows[0]
    assert closed["agency"] == "bappeda"
    assert closed["resolved"] == closed["first_response"] == "2026-02-04T10:00+07:00"
    assert result.rows[1]["received"] == "2026-02-03T08:00+07:00"  # 01:00Z in WIB
    (problem,) = result.problems.errors
    assert str(problem).endswith(
        "open311.json:2:1: error: agency: nama instansi 'Dinas Kebersihan Kota Uji' tidak dikenal; maksud Anda 'dinas-kesehatan'? tambahkan ke aliases di berkas instansinya"
    )
    # Without the region's own list, a service name off the default list is an error too.
    result = import_open311(HERE / "open311.json", directory(), "Asia/Jakarta")
    assert str(result.problems.errors[0]).endswith(
        "open311.json:1:1: error: service_name: kategori 'Lampu jalan mati' tidak ada di daftar kategori daerah; tambahkan ke complaints.categories di data/region.yml atau perbaiki di berkas"
    )


def test_cli_import_prints_counts_and_fails_on_unmapped(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    out = Path("data/complaints/lapor.csv")
    code = main(["import", "--format", "lapor", str(HERE / "lapor-export.csv"), "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "Aduan dibaca: 3" in printed
    assert (
        "Data pribadi dibuang: 2 NIK, 2 alamat, 3 isi laporan lengkap, 2 nama, 2 nomor telepon, 2 surel"
        in printed
    )
    assert "Data pribadi disamarkan: 1 NIK/KK" in printed
    with out.open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 3
    code = main(["check", "--data", "data", "--today", "2026-11-22"])
    assert code == 0, capsys.readouterr()
    out2 = Path("data/complaints/open311.csv")
    code = main(["import", "--format", "open311", str(HERE / "open311.json"), "--out", str(out2)])
    captured = capsys.readouterr()
    assert code == 1
    assert "Dinas Kebersihan Kota Uji" in captured.err
    assert not out2.exists()


ROW = (
    "A-1,bappeda,lapor,lainnya,2026-01-05T09:15+07:00,,,open,,Hubungi Bapak Budi di Jl. Melati 5\n"
)
PUBLISH = "\ncomplaints:\n  publish_summaries: true\n"


def test_summaries_are_not_published_without_opt_in(tmp_path, monkeypatch):
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + ROW}, "\n")
    assert lines == []
    assert inputs.complaints.records[0].summary is None
    assert inputs.complaints.redactions.total == 0


def test_opted_in_summaries_are_redacted_with_a_located_warning(tmp_path, monkeypatch):
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + ROW}, PUBLISH)
    assert lines == [
        "data/complaints/a.csv:2:10: warning: summary: berisi data pribadi (1 nama, 1 alamat); disamarkan sebelum diterbitkan, hapus juga dari berkas sumber"
    ]
    assert inputs.complaints.records[0].summary == f"Hubungi Bapak {NAME_MARK} di {ADDRESS_MARK}"
    assert dict(+inputs.complaints.redactions.counts) == {"name": 1, "address": 1}


STORED = {
    "summary": "Mohon ditelepon balik ke 0812-3344-5566",
    "agency": "budi.s@gmail,com",
    "status": "nama saya Rina",
}


@pytest.mark.parametrize("settings", ["\n", PUBLISH])
def test_a_phone_email_or_stated_name_in_any_cell_is_an_error_whatever_is_published(
    tmp_path, monkeypatch, settings
):
    """Issue 17: a phone number in a summary passed while summaries were not published, and
    the file is public in the region's git repository."""
    rows = (
        "A-1,bappeda,lapor,lainnya,2026-01-05T09:15+07:00,,,open,,Mohon ditelepon balik ke 0812-3344-5566\n"
        "A-2,budi.s@gmail,com,lapor,lainnya,2026-01-05T09:15+07:00,,,open,,\n".replace(
            "budi.s@gmail,com", '"budi.s@gmail,com"'
        )
        + "A-3,bappeda,lapor,lainnya,2026-01-05T09:15+07:00,,,nama saya Rina,,\n"
    )
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + rows}, settings)
    assert inputs is None
    fix = "hapus dari berkas: repositori data bersifat publik, jadi nomor telepon, NIK/KK, surel dan nama warga tidak boleh disimpan (kanal import membuangnya otomatis)"
    assert lines == [
        f"data/complaints/a.csv:2:10: error: summary: berisi data pribadi (1 nomor telepon); {fix}",
        f"data/complaints/a.csv:3:2: error: agency: berisi data pribadi (1 alamat surel); {fix}",
        "data/complaints/a.csv:3:2: error: agency: instansi 'budi.s@gmail,com' tidak ada di direktori (tulis id, nama, singkatan atau alias instansi; alias ditambahkan di berkas instansinya)",
        f"data/complaints/a.csv:4:8: error: status: berisi data pribadi (1 nama); {fix}",
        "data/complaints/a.csv:4:8: error: status: nilai 'nama saya Rina' tidak dikenal; pilih salah satu: open, resolved, rejected",
    ]


def test_withhold_summaries_is_read_but_deprecated(tmp_path, monkeypatch):
    settings = "\ncomplaints:\n  withhold_summaries: true\n"
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + ROW}, settings)
    assert lines == [
        "data/region.yml:11:23: warning: complaints.withhold_summaries: pengaturan usang dan kini bawaan: ringkasan tidak diterbitkan kecuali complaints.publish_summaries: true; hapus baris ini"
    ]
    assert inputs.complaints.records[0].summary is None
    (tmp_path / "f").mkdir()
    settings = "\ncomplaints:\n  withhold_summaries: false\n"
    inputs, lines = run_check(tmp_path / "f", monkeypatch, {"a.csv": HEADER + ROW}, settings)
    assert inputs is None
    assert lines == [
        "data/region.yml:11:23: error: complaints.withhold_summaries: pengaturan usang; ringkasan hanya diterbitkan dengan complaints.publish_summaries: true (hapus withhold_summaries)"
    ]


def _row(category: str = "lainnya", kecamatan: str = "", rid: str = "A-1") -> str:
    return f'{rid},bappeda,lapor,"{category}",2026-01-05T09:15+07:00,,,open,"{kecamatan}",\n'


def test_personal_data_in_category_or_kecamatan_is_a_located_error(tmp_path, monkeypatch):
    rows = _row("Bapak Budi Santoso", rid="A-1") + _row("lainnya", "Jl. Melati 5 RT 03", rid="A-2")
    rows += _row("pungli oleh petugas, hubungi 081234567890", rid="A-3")
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + rows}, "\n")
    assert inputs is None
    assert lines == [
        "data/complaints/a.csv:2:4: error: category: kategori berisi data pribadi (1 nama); kategori diterbitkan, tulis topiknya saja",
        "data/complaints/a.csv:3:9: error: kecamatan: kecamatan berisi data pribadi (1 alamat, 1 RT/RW); isi nama kecamatan saja",
        "data/complaints/a.csv:4:4: error: category: kategori berisi data pribadi (1 nomor telepon); kategori diterbitkan, tulis topiknya saja",
    ]


def test_kecamatan_must_be_one_of_the_region_and_gets_its_official_spelling(tmp_path, monkeypatch):
    rows = _row(kecamatan="pasar  kliwon", rid="A-1") + _row(kecamatan="Sukamaju", rid="A-2")
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + rows}, "\n")
    assert lines == [
        "data/complaints/a.csv:3:9: error: kecamatan: kecamatan 'Sukamaju' tidak ada di Kota Uji; yang dikenal: Banjarsari, Jebres, Laweyan, Pasar Kliwon, Serengan"
    ]
    (tmp_path / "ok").mkdir()
    rows = _row(kecamatan="pasar  kliwon")
    inputs, lines = run_check(tmp_path / "ok", monkeypatch, {"a.csv": HEADER + rows}, "\n")
    assert lines == [] and inputs.complaints.records[0].kecamatan == "Pasar Kliwon"


def test_cli_check_prints_what_was_redacted(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    row = _row().replace(",\n", ",Ibu Sri di Jl. Melati RT 03 plat AD 1234 XY\n")
    make_data(tmp_path, {"a.csv": HEADER + row}, PUBLISH)
    assert main(["check", "--data", "data", "--today", "2026-11-22"]) == 0
    captured = capsys.readouterr()
    # 1 redaction warning, plus the tiny region's 2 completeness warnings and the one for its
    # missing site_url (posters' QR codes).
    assert "4 peringatan" in captured.out
    assert sum("berisi data pribadi" in line for line in captured.err.splitlines()) == 1
    assert captured.out.splitlines()[-1] == (
        "Data pribadi disamarkan: 1 nama, 1 alamat, 1 RT/RW, 1 nomor kendaraan."
    )
    make_data(tmp_path / "off", {"a.csv": HEADER + row}, "\n")
    assert main(["check", "--data", str(tmp_path / "off" / "data"), "--today", "2026-11-22"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Ringkasan aduan tidak diterbitkan (complaints.publish_summaries: false)."
    )


def test_import_replaces_personal_categories_and_warns(tmp_path):
    export = tmp_path / "open311.json"
    export.write_text(
        '[{"service_request_id": "1", "status": "open", "service_name": "Pak Budi 0812345678901",'
        ' "agency_responsible": "Bappeda", "requested_datetime": "2026-02-02T19:30:00+07:00",'
        ' "description": "Atas nama Siti, rumah di Gg. Mawar"}]',
        encoding="utf-8",
    )
    result = import_open311(export, directory(), "Asia/Jakarta")
    (row,) = result.rows
    assert row["category"] == "lainnya"
    assert row["summary"] == f"Atas nama {NAME_MARK}, rumah di {ADDRESS_MARK}"
    assert result.redactions.describe() == "2 nama, 1 alamat, 1 nomor telepon"
    assert [str(p).split("open311.json:")[1] for p in result.problems.warnings] == [
        "1:1: warning: service_name: berisi data pribadi (1 nama, 1 nomor telepon); diganti 'lainnya'",
        "1:1: warning: description: berisi data pribadi (1 nama, 1 alamat); disamarkan",
    ]


def test_personal_data_in_a_record_id_is_a_located_error(tmp_path, monkeypatch):
    """Ids are published as is: a WhatsApp sender's number, a NIK or an e-mail is refused,
    ordinary ticket numbers (also long, zero-padded or date-like ones) are not."""
    ok = ["LPR-2511-03184", "SR-000123456789", "req-2025-11-01-0001", "20251101000123"]
    rows = "".join(_row(rid=rid) for rid in ok)
    rows += _row(rid="WA-081234567890") + _row(rid="3316011111222233")
    rows += _row(rid="budi@mail.com")
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + rows}, "\n")
    assert inputs is None
    tail = "id diterbitkan di data terbuka, pakai nomor tiket tanpa data pelapor"
    assert lines == [
        f"data/complaints/a.csv:6:1: error: id: id berisi data pribadi (1 nomor telepon); {tail}",
        f"data/complaints/a.csv:7:1: error: id: id berisi data pribadi (1 NIK/KK); {tail}",
        f"data/complaints/a.csv:8:1: error: id: id berisi data pribadi (1 alamat surel); {tail}",
    ]


def test_the_name_a_lapor_row_gives_is_taken_out_of_its_other_columns(tmp_path):
    """An export drops "Nama Pelapor", but a clerk or the complainant often repeats it in the
    title, whole or in part, in any case: taken out there too, whatever the text around it."""
    export = tmp_path / "lapor.csv"
    with (HERE / "lapor-export.csv").open(encoding="utf-8", newline="") as fh:
        header, *given = list(csv.reader(fh))
    titles = [
        "Pelapor: Siti Aminah minta KTP segera dicetak",
        "bu siti minta ktp dicetak, sudah 2 bulan",
        "KTP atas permintaan AMINAH belum jadi",
    ]
    rows = []
    for i, title in enumerate(titles):
        cells = list(given[i % len(given)])
        cells[header.index("Nama Pelapor")] = "Siti  Aminah"
        cells[header.index("Judul")] = title
        rows.append(cells)
    with export.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    result = import_lapor(export, directory(), "Asia/Jakarta")
    summaries = [row["summary"] for row in result.rows]
    assert len(summaries) == 3
    assert all("siti" not in s.lower() and "aminah" not in s.lower() for s in summaries)
    assert summaries[1] == f"bu {NAME_MARK} minta ktp dicetak, sudah 2 bulan"
    assert result.redactions.stored["name"] >= 3
