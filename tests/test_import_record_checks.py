"""``kanal import`` runs the record checks ``kanal check`` runs, before it writes anything, and
names each problem at the export's own row and column ("Tanggal Selesai (Aduan!H9)"): the
clerk corrects the workbook, not a CSV whose line numbers mean nothing to them.

The property: for any export, the problems ``kanal import`` reports are exactly those
``kanal check`` reports on the file written from that export, row for row (its CSV lines
mapped back to the workbook's rows) and word for word."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.pipeline import check
from generator.cli import main
from generator.complaints.importers import LAPOR, check_rows, import_sheet, write_rows
from generator.complaints.load import kecamatan_names, region_settings
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests.complaints_util import make_data
from tests.conftest import TODAY

HEADER = [
    "No",
    "Nomor Tiket",
    "Tanggal Laporan",
    "Instansi Tujuan",
    "Kategori",
    "Status",
    "Tanggal Tanggapan",
    "Tanggal Selesai",
]
FAULTS = (
    "none",
    "resolved_without_time",
    "reply_before_receipt",
    "same_ticket",
    "future",
    "formula_ticket",
)
TITLE_ROWS = 2  # a title and a blank row above the column names


def _row(n: int, fault: str) -> list:
    received = dt.datetime(2026, 3, 2, 9, 0) + dt.timedelta(days=n % 20)
    if fault == "future":
        received = dt.datetime(TODAY.year + 1, 1, 5, 9, 0)
    reply: dt.datetime | str = received + dt.timedelta(hours=2)
    done: dt.datetime | str = received + dt.timedelta(days=2)
    if fault == "resolved_without_time":
        done = ""
    elif fault == "reply_before_receipt":
        reply = received - dt.timedelta(hours=3)
    ticket = "T-0" if fault == "same_ticket" else f"T-{n}"
    if fault == "formula_ticket":  # a CSV injection: kanal check refuses it as import does
        ticket = f"-{n}+cmd|' /C calc'!A0"
    return [n + 1, ticket, received, "Dinas Kesehatan", "sampah", "Selesai", reply, done]


def _workbook(path: Path, faults: list[str]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Aduan"
    sheet.append(["REKAP ADUAN KOTA UJI"])
    sheet.append([])
    sheet.append(HEADER)
    sheet.append(_row(0, "none"))  # T-0: what "same_ticket" repeats
    for n, fault in enumerate(faults, 1):
        sheet.append(_row(n, fault))
    book.save(path)


def _said(problem) -> str:
    """A problem's message without the place of a first use it quotes ("sudah dipakai di …")."""
    return re.sub(r" di \S+:\d+:\d+$", "", problem.message)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.sampled_from(FAULTS), min_size=1, max_size=8))
def test_import_reports_what_check_reports_at_the_workbooks_rows(
    tmp_path_factory, monkeypatch, faults
):
    root = tmp_path_factory.mktemp("import")
    monkeypatch.chdir(root)
    data = make_data(root, {})
    _workbook(root / "rekap.xlsx", faults)
    directory = load_directory(data, TODAY, Problems())
    config = region_settings(data, Problems())
    zone = directory.region.timezone

    found = import_sheet(root / "rekap.xlsx", directory, zone, LAPOR, config)
    assert not found.problems.errors  # every value maps: only the record checks can fail
    check_rows(found, directory, config, kecamatan_names(data, directory))
    at_import = sorted((p.location.line, _said(p)) for p in found.problems.errors)

    # The same export written without the record checks, then checked as kanal check does.
    written = import_sheet(root / "rekap.xlsx", directory, zone, LAPOR, config)
    write_rows(written.rows, data / "complaints" / "rekap.csv")
    _, problems = check(data, TODAY)
    at_check = sorted(
        (written.lines[p.location.line - 2], _said(p))
        for p in problems.errors
        if p.location.path.endswith("rekap.csv")
    )
    assert at_import == at_check
    # Every faulty row is named, at its own row of the workbook, and no other row is.
    faulty = {TITLE_ROWS + 2 + n for n, fault in enumerate(faults, 1) if fault != "none"}
    assert {line for line, _ in at_import} == faulty


def test_the_clerk_is_told_the_cell_and_nothing_is_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    _workbook(tmp_path / "rekap.xlsx", ["none", "resolved_without_time", "none"])
    out = Path("data/complaints/rekap.csv")
    assert main(["import", "--format", "lapor", "rekap.xlsx", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    # Row 6 of the sheet (title, blank, header, T-0, T-1, then T-2), column H.
    assert "rekap.xlsx:6:8: error: Tanggal Selesai (Aduan!H6): wajib diisi bila status" in err
    assert "Tidak ada yang ditulis" in err and not out.exists()
