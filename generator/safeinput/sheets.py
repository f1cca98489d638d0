"""Spreadsheets as offices keep them: ``.xlsx`` read directly, or the CSV Excel writes.

``read_sheet`` returns every non-empty row with its place (``daftar.xlsx:Sheet1!baris 12``,
``daftar.csv:baris 12``) and its cells as text; what the columns mean is the caller's business.
The reading itself is :mod:`generator.safeinput.recordsheets`' (the complaint files' reader):
one decoding (a BOM dropped; another encoding named with how to save as UTF-8), one separator
sniffer (``;`` of an Indonesian-locale Excel, ``,``, TAB), one bounded workbook opener (zip
parts checked before openpyxl inflates anything) and one cell-to-text rule. This module adds
what a registry list needs: every visible worksheet, rows kept in order with their place, and
bounds on rows, columns and cell length. A cell's leading apostrophe, the spreadsheet's mark
for "this is text" (``'0296 531004``), is dropped (:func:`recordsheets.without_text_marker`):
no registry value starts with one.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from generator.safeinput.files import MB, check_given_file
from generator.safeinput.problems import Location, Problems
from generator.safeinput.recordsheets import (
    decode_csv,
    open_workbook,
    sheet_rows,
    sniff_delimiter,
    without_text_marker,
)

MAX_BYTES = 20 * MB  # a registry of 9,000 villages is well under 2 MB as xlsx
MAX_UNPACKED = 200 * MB  # an xlsx is a zip: its parts together, unpacked
MAX_ROWS = 50_000
MAX_STRINGS = 10 * MAX_ROWS  # distinct texts: a unit and its accounts and channels a row
MAX_COLUMNS = 100
MAX_CELL = 2_000  # characters; a handle, a URL or a note is far shorter
# Rows passed over, empty ones included, in all sheets together: openpyxl yields every row up
# to a sheet's last (one cell at row 1,048,576 is a million empty rows), so 200 sheets of one
# far cell each, 72 KB zipped, took hours before this bound.
MAX_SPAN = 2 * MAX_ROWS


@dataclass(frozen=True)
class SheetRow:
    """One non-empty row: where it is, its 1-based number, its cells as stripped text."""

    where: Location
    sheet: str | None  # the worksheet's name; None for CSV
    number: int
    cells: tuple[str, ...]


def read_sheet(path: Path, shown: str, problems: Problems) -> list[SheetRow]:
    """Every non-empty row of ``path`` (.xlsx: every visible worksheet; else CSV), bounded.

    Problems (unreadable file, wrong encoding, too big) are added at ``shown``; the rows read
    before a bound was reached are still returned so all problems show in one run."""
    if not check_given_file(path, problems, MAX_BYTES):
        return []
    try:
        data = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        problems.error(Location(shown), "", f"berkas tidak bisa dibaca: {exc.strerror}")
        return []
    if data[:4] == b"PK\x03\x04":
        return _xlsx(path, shown, problems)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        problems.error(
            Location(shown),
            "",
            "bukan berkas .xlsx yang sah (format .xls lama dan .ods tidak didukung); "
            "di Excel pilih Simpan Sebagai > 'Buku Kerja Excel (.xlsx)'",
        )
        return []
    return _csv(data, shown, problems)


def _bounded(cells: list[str], where: Location, problems: Problems) -> tuple[str, ...]:
    cells = [without_text_marker(c) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) > MAX_COLUMNS:
        problems.error(where, "", f"lebih dari {MAX_COLUMNS} kolom; kolom sesudahnya diabaikan")
        cells = cells[:MAX_COLUMNS]
    long = [i for i, c in enumerate(cells) if len(c) > MAX_CELL]
    for i in long:
        problems.error(where, "", f"sel kolom ke-{i + 1} lebih dari {MAX_CELL} karakter")
        cells[i] = ""
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _csv(data: bytes, shown: str, problems: Problems) -> list[SheetRow]:
    text = decode_csv(data, shown, problems)
    if text is None:
        return []
    first = next((line for line in text.splitlines() if line.strip()), "")
    rows: list[SheetRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first))
    try:
        for cells in reader:
            number = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                problems.error(Location(shown), "", f"lebih dari {MAX_ROWS} baris; pecah berkasnya")
                break
            where = Location(f"{shown}:baris {number}")
            rows.append(
                SheetRow(where, None, number, _bounded([c.strip() for c in cells], where, problems))
            )
    except csv.Error as exc:
        problems.error(Location(f"{shown}:baris {reader.line_num}"), "", f"CSV rusak: {exc}")
    return rows


def _xlsx(path: Path, shown: str, problems: Problems) -> list[SheetRow]:
    book = open_workbook(
        path, shown, problems, MAX_BYTES, MAX_UNPACKED, given=True, max_strings=MAX_STRINGS
    )
    if book is None:
        return []
    rows: list[SheetRow] = []
    passed = 0
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue  # hidden helper sheets (lists for drop-downs) are not data
            # a registry's dates are days: a "since" typed as a date is not "...T00:00"
            for number, cells in sheet_rows(sheet, max_col=MAX_COLUMNS + 1, day_at_midnight=True):
                passed += 1
                if passed > MAX_SPAN:
                    problems.error(
                        Location(f"{shown}:{sheet.title}!baris {number}"),
                        "",
                        f"lebih dari {MAX_SPAN} baris di semua lembar (baris kosong di antaranya "
                        "ikut dihitung); hapus baris kosong di bawah daftar atau pecah berkasnya",
                    )
                    return rows
                if not any(cells):
                    continue
                if len(rows) >= MAX_ROWS:
                    problems.error(
                        Location(shown), "", f"lebih dari {MAX_ROWS} baris; pecah berkasnya"
                    )
                    return rows
                where = Location(f"{shown}:{sheet.title}!baris {number}")
                rows.append(SheetRow(where, sheet.title, number, _bounded(cells, where, problems)))
    except Exception as exc:  # a damaged part found while streaming  # noqa: BLE001
        problems.error(Location(shown), "", f"berkas .xlsx rusak ({type(exc).__name__})")
    finally:
        book.close()
    return rows
