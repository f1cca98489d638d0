"""Every bad-record rule, with the exact line (file:row:col) an editor reads."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator.build.pipeline import check
from tests.complaints_util import HEADER, run_check
from tests.conftest import TODAY, without_completeness

GOOD = "A-1,dinas-kesehatan,lapor,layanan kesehatan,2026-01-05T09:15+07:00,2026-01-05T10:00+07:00,2026-01-07T11:00+07:00,resolved,,Antrean lama\n"


def test_valid_records_load(tmp_path, monkeypatch):
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + GOOD})
    assert lines == []
    (record,) = inputs.complaints.records
    assert record.agency == "dinas-kesehatan"
    assert record.received.isoformat() == "2026-01-05T09:15:00+07:00"


def test_each_bad_record_rule_at_its_row_and_column(tmp_path, monkeypatch):
    rows = [
        # unknown agency (a misspelled short name: the hint names the agency)
        "B-1,Dinkess,lapor,lainnya,2026-01-05T09:15+07:00,,,open,,\n",
        # duplicate id
        "A-1,bappeda,lapor,lainnya,2026-01-05T09:15+07:00,,,open,,\n",
        # response before receipt
        "B-3,bappeda,x,lainnya,2026-01-05T09:15+07:00,2026-01-04T09:00+07:00,,open,,\n",
        # resolved before receipt
        "B-4,bappeda,x,lainnya,2026-01-05T09:15+07:00,,2026-01-01T09:00+07:00,resolved,,\n",
        # time in the future
        "B-5,bappeda,x,lainnya,2026-12-05T09:15+07:00,,,open,,\n",
        # missing time zone
        "B-6,bappeda,x,lainnya,2026-01-05 09:15,,,open,,\n",
        # unknown channel and unknown status
        "B-7,bappeda,tiktokk,lainnya,2026-01-05T09:15+07:00,,,selese,,\n",
        # resolved without a closing time
        "B-8,bappeda,x,lainnya,2026-01-05T09:15+07:00,,,resolved,,\n",
    ]
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + GOOD + "".join(rows)})
    assert inputs is None
    assert lines == [
        "data/complaints/a.csv:3:2: error: agency: instansi 'Dinkess' tidak ada di direktori; maksud Anda 'dinas-kesehatan'? (tulis id, nama, singkatan atau alias instansi; alias ditambahkan di berkas instansinya)",
        "data/complaints/a.csv:4:1: error: id: id 'A-1' sudah dipakai di data/complaints/a.csv:2:1",
        "data/complaints/a.csv:5:6: error: first_response: tanggapan pertama (2026-01-04T09:00:00+07:00) lebih awal daripada waktu aduan diterima (2026-01-05T09:15:00+07:00)",
        "data/complaints/a.csv:6:7: error: resolved: waktu selesai (2026-01-01T09:00:00+07:00) lebih awal daripada waktu aduan diterima (2026-01-05T09:15:00+07:00)",
        "data/complaints/a.csv:7:5: error: received: waktu 2026-12-05T09:15:00+07:00 ada di masa depan (setelah 2026-11-22)",
        "data/complaints/a.csv:8:5: error: received: zona waktu tidak ada pada '2026-01-05 09:15'; tulis offset (misalnya +07:00) atau isi kolom timezone (WIB, WITA atau WIT)",
        "data/complaints/a.csv:9:3: error: channel: nilai 'tiktokk' tidak dikenal; maksud Anda 'tiktok'?; pilih salah satu: instagram, x, facebook, tiktok, youtube, whatsapp, lapor, portal, email, phone, sms, walk-in, letter, other",
        "data/complaints/a.csv:9:8: error: status: nilai 'selese' tidak dikenal; maksud Anda 'resolved'?; pilih salah satu: open, resolved, rejected",
        "data/complaints/a.csv:10:7: error: resolved: wajib diisi bila status 'resolved': waktu aduan selesai (aduan tanpa waktu itu dihitung masih terbuka, atau terlambat)",
    ]


def test_timezone_column_makes_bare_times_valid_and_converts(tmp_path, monkeypatch):
    header = HEADER.rstrip("\n") + ",timezone\n"
    row = "C-1,bappeda,walk-in,lainnya,2026-01-05 09:15,,,open,,,Asia/Makassar\n"
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": header + row})
    assert lines == []
    # 09:15 WITA is 08:15 WIB, the region's zone
    assert inputs.complaints.records[0].received.isoformat() == "2026-01-05T08:15:00+07:00"


def test_personal_and_unknown_columns_are_refused(tmp_path, monkeypatch):
    header = "id,agency,channel,category,received,status,nik,sumber\n"
    _, lines = run_check(tmp_path, monkeypatch, {"a.csv": header})
    assert lines == [
        "data/complaints/a.csv:1:7: error: nik: kolom 'nik' berisi data pribadi dan tidak boleh disimpan; hapus kolomnya (kanal import membuangnya)",
        "data/complaints/a.csv:1:8: error: sumber: kolom 'sumber' tidak dikenal; yang dikenal: id, agency, channel, category, received, first_response, resolved, status, kecamatan, summary, timezone",
    ]


def test_yaml_records_with_file_timezone_and_errors_at_their_lines(tmp_path, monkeypatch):
    text = """\
    timezone: Asia/Jakarta
    complaints:
      - id: Y-1
        agency: bappeda
        channel: walk-in
        category: lainnya
        received: "2026-02-02 10:00"
        status: open
      - id: Y-2
        agency: bappeda
        channel: walk-in
        category: lainnya
        received: "2026-02-02 10:00"
        status: ditutup
        nama: Budi
    """
    inputs, lines = run_check(tmp_path, monkeypatch, {"loket.yml": text})
    assert lines == [
        "data/complaints/loket.yml:15:11: error: aduan ke-2 (complaints).nama: kolom 'nama' tidak dikenal; yang dikenal: agency, category, channel, first_response, id, kecamatan, received, resolved, status, summary, timezone",
    ]
    text = """\
    complaints:
      - id: Y-1
        agency: bappeda
        channel: walk-in
        category: lainnya
        received: "2026-02-02 10:00"
        status: ditutup
    """
    (tmp_path / "data" / "complaints" / "loket.yml").write_text(
        textwrap.dedent(text), encoding="utf-8"
    )
    _, problems = check(Path("data"), TODAY)
    assert without_completeness([str(p) for p in problems.sorted()]) == [
        "data/complaints/loket.yml:6:15: error: aduan ke-1 (complaints).received: zona waktu tidak ada pada '2026-02-02 10:00'; tulis offset (misalnya +07:00) atau isi kolom timezone (WIB, WITA atau WIT)",
        "data/complaints/loket.yml:7:13: error: aduan ke-1 (complaints).status: nilai 'ditutup' tidak dikenal; pilih salah satu: open, resolved, rejected",
    ]


def test_all_problems_reported_at_once_and_cli_exits_1(tmp_path):
    import subprocess
    import sys

    from tests.complaints_util import make_data
    from tests.conftest import ROOT

    bad = "B-1,nope,lapor,lainnya,2026-01-05T09:15+07:00,,,open,,\nB-2,nope2,lapor,lainnya,2026-01-05 09:15,,,open,,\n"
    make_data(tmp_path, {"a.csv": HEADER + bad})
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--data", "data", "--today", "2026-11-22"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "a.csv:2:2: error: agency" in done.stderr and "a.csv:3:2: error: agency" in done.stderr
    assert "a.csv:3:5: error: received: zona waktu tidak ada" in done.stderr
    assert "3 galat" in done.stderr
