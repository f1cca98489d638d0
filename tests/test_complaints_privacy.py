"""Personal data never reaches the published records: dropped, redacted, counted, withheld."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.cli import main
from generator.complaints.importers import import_lapor, import_open311
from generator.complaints.privacy import EMAIL_MARK, NIK_MARK, PHONE_MARK, Redactions, redact
from generator.problems import Problems
from generator.validate import load_directory
from tests.complaints_util import HEADER, make_data, run_check
from tests.conftest import FIXTURES, TODAY

HERE = Path(__file__).parent / "fixtures" / "complaints"


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("NIK saya 3372011234567890 ya", f"NIK saya {NIK_MARK} ya", "nik"),
        ("NIK 337201 123456 7890.", f"NIK {NIK_MARK}.", "nik"),
        ("WA 0812-3456-7890 sore", f"WA {PHONE_MARK} sore", "phone"),
        ("hubungi +62 813 1234 5678", f"hubungi {PHONE_MARK}", "phone"),
        ("atau 6285712345678!", f"atau {PHONE_MARK}!", "phone"),
        ("kantor (0271) 712345", f"kantor {PHONE_MARK}", "phone"),
        ("surel budi.s@gmail.com ok", f"surel {EMAIL_MARK} ok", "email"),
    ],
)
def test_redaction_of_each_kind(text, expected, kind):
    found = Redactions()
    assert redact(text, found) == expected
    assert found.counts[kind] == 1 and found.total == 1


def test_ordinary_numbers_are_left_alone():
    text = "Jalan rusak 2 km di RT 03/RW 05 sejak 12-01-2026, kerugian Rp 150.000, KM 12."
    found = Redactions()
    assert redact(text, found) == text
    assert found.total == 0


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
    assert dict(result.redactions.counts) == {"nik": 1, "email": 0, "phone": 0}
    first, second, third = result.rows
    assert first["agency"] == "dinas-kesehatan" and third["agency"] == "dinas-kesehatan"
    assert first["received"] == "2026-01-05T09:15+07:00"
    assert (first["status"], second["status"], third["status"]) == ("resolved", "open", "rejected")
    assert second["summary"] == f"Jalan rusak, NIK saya {NIK_MARK}"
    published = " ".join(v for row in result.rows for v in row.values())
    for secret in ("Budi", "3372011234567890", "0812", "budi@example.com", "Melati"):
        assert secret not in published


def test_open311_importer_maps_and_lists_unmapped_agencies():
    result = import_open311(HERE / "open311.json", directory(), "Asia/Jakarta")
    assert dict(result.dropped) == {"alamat": 1, "lokasi": 2, "surel": 1, "nama": 1}
    assert result.redactions.counts["phone"] == 1
    closed = result.rows[0]
    assert closed["agency"] == "bappeda"
    assert closed["resolved"] == closed["first_response"] == "2026-02-04T10:00+07:00"
    assert result.rows[1]["received"] == "2026-02-03T08:00+07:00"  # 01:00Z in WIB
    (problem,) = result.problems.errors
    assert str(problem).endswith(
        "open311.json:2:1: error: agency: nama instansi 'Dinas Kebersihan Kota Uji' tidak dikenal; tambahkan ke aliases di berkas instansinya"
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
    assert "Disamarkan di ringkasan: 1 NIK" in printed
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


def test_withheld_summaries_and_redaction_warning(tmp_path, monkeypatch):
    row = "A-1,bappeda,lapor,x,2026-01-05T09:15+07:00,,,open,,Hubungi 081234567890\n"
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + row})
    assert lines == [
        "data/complaints/a.csv:2:10: warning: summary: berisi data pribadi (1 nomor telepon); disamarkan sebelum diterbitkan, hapus juga dari berkas sumber"
    ]
    assert inputs.complaints.records[0].summary == f"Hubungi {PHONE_MARK}"
    settings = "\ncomplaints:\n  withhold_summaries: true\n"
    (tmp_path / "w").mkdir()
    inputs, _ = run_check(tmp_path / "w", monkeypatch, {"a.csv": HEADER + row}, settings)
    assert inputs.complaints.records[0].summary is None
