"""Spreadsheets as offices keep them: ``.xlsx`` read directly, or the CSV Excel writes.

``read_sheet`` returns every non-empty row with its place (``daftar.xlsx:Sheet1!baris 12``,
``daftar.csv:baris 12``) and its cells as text; what the columns mean is the caller's business.
An Indonesian-locale Excel writes CSV with ``;`` and often in Windows-1252: the separator is
sniffed from the first line, a BOM is dropped, and a file that is not UTF-8 gets the fix in
words ("simpan sebagai CSV UTF-8") rather than a byte offset.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.safeinput.files import MB, check_given_file
from generator.safeinput.problems import Location, Problems

MAX_BYTES = 20 * MB  # a registry of 9,000 villages is well under 2 MB as xlsx
MAX_UNPACKED = 200 * MB  # an xlsx is a zip: its parts together, unpacked
MAX_ROWS = 50_000
MAX_COLUMNS = 100
MAX_CELL = 2_000  # characters; a handle, a URL or a note is far shorter
SEPARATORS = ";,\t"
NOT_UTF8_CSV = (
    "berkas bukan UTF-8 (mungkin disimpan Excel sebagai 'CSV (dipisahkan koma)' atau "
    "Windows-1252); di Excel pilih Simpan Sebagai > 'CSV UTF-8 (dipisahkan koma)', "
    "atau simpan sebagai .xlsx"
)


@dataclass(frozen=True)
class SheetRow:
    """One non-empty row: where it is, its 1-based number, its cells as stripped text."""

    where: Location
    sheet: str | None  # the worksheet's name; None for CSV
    number: int
    cells: tuple[str, ...]


def cell_text(value: object) -> str:
    """A cell as the clerk sees it: 81234567 typed as a number stays digits, not 81234567.0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


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
        return _xlsx(data, shown, problems)
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
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(Location(f"{shown}:baris {line}"), "", NOT_UTF8_CSV)
        return []
    first = next((line for line in text.splitlines() if line.strip()), "")
    # The header names the columns and holds no quoted separators in practice: the separator
    # it uses most is the file's.
    separator = max(SEPARATORS, key=lambda s: (first.count(s), s == ","))
    rows: list[SheetRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
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


def _xlsx(data: bytes, shown: str, problems: Problems) -> list[SheetRow]:
    from openpyxl import load_workbook

    buffer = io.BytesIO(data)
    try:
        with zipfile.ZipFile(buffer) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        problems.error(Location(shown), "", "berkas .xlsx rusak (bukan arsip zip yang utuh)")
        return []
    if unpacked > MAX_UNPACKED:
        problems.error(
            Location(shown),
            "",
            f"isi berkas .xlsx terlalu besar setelah dibuka ({unpacked // MB} MB; batas "
            f"{MAX_UNPACKED // MB} MB)",
        )
        return []
    try:
        # read_only streams rows; data_only takes a formula's cached value, never the formula.
        book = load_workbook(buffer, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file  # noqa: BLE001
        problems.error(
            Location(shown), "", f"berkas .xlsx tidak bisa dibaca ({type(exc).__name__})"
        )
        return []
    rows: list[SheetRow] = []
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue  # hidden helper sheets (lists for drop-downs) are not data
            for number, values in enumerate(
                sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True), start=1
            ):
                cells = [cell_text(v) for v in values]
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
