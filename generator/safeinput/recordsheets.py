"""Complaint records as an office saves them: CSV with ``,`` or ``;`` and Excel's ``.xlsx``,
at the size of a province's year (a million rows; ``sheets`` reads the smaller registry lists).

Excel in an Indonesian locale saves "CSV" with ``;`` between cells (the comma is the decimal
separator) and, unless told "CSV UTF-8", in Windows-1252. The delimiter is sniffed from the
header line; a UTF-8 byte order mark is dropped; any other encoding is a located error that
says how to save the file. An ``.xlsx`` is read with openpyxl in read-only mode, after its
zip directory shows the uncompressed parts fit (a zip bomb is refused before any is
inflated), and up to a bound on rows. Cells become text the way a clerk sees them.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.safeinput.files import MB, read_bytes
from generator.safeinput.problems import Location, Problems

SAVE_AS_UTF8 = (
    "simpan sebagai CSV UTF-8 (Excel: File > Simpan Sebagai > 'CSV UTF-8 (Comma delimited)'; "
    "LibreOffice: Set Karakter 'Unicode (UTF-8)'), atau simpan sebagai .xlsx"
)
DELIMITERS = (",", ";", "\t")
# An .xlsx of a year's complaints is a few megabytes zipped and tens unzipped; each part and
# the whole are bounded before openpyxl inflates anything.
XLSX_MAX_UNCOMPRESSED = 400 * MB
XLSX_MAX_RATIO = 200  # uncompressed / compressed of one part; XML compresses ~10-20x
XLSX_MAX_ROWS = 1_100_000  # Excel's own limit is 1,048,576
# An export has a few dozen columns. openpyxl fills a row's gaps up to its last cell (or up to
# ``max_col``): one cell far right (XFD, column 16,384) made each row 16,384 values, and a
# 250 KB workbook of 30,000 such rows took 48 s and ran out of 4 GB. Rows are read up to one
# column past the bound, so a cell beyond it is an error, not silently dropped.
XLSX_MAX_COLUMNS = 100
# Distinct texts of a workbook (its shared strings): openpyxl holds each as a Python string
# before the first row is read, so their number bounds memory and time, not their size (7.6
# million short ones were 830 MB and 45 s from a 1 MB file). Three a row of a million rows.
XLSX_MAX_STRINGS = 3_000_000
_CHUNK = 1 << 20  # bytes of the shared strings inflated at a time
_STRING_ITEM = re.compile(rb"<si[ >/]")  # one shared string (<si>, <si/>)
XML_PROLOG_MAX = 64 * 1024
XLSX_MAX_WHOLE_PART = (
    20 * MB
)  # styles, workbook, theme: Excel's are well under 1 MB  # what may stand before a part's first element (Excel: ~60 bytes)


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a CSV file from its header line: the most frequent of , ; TAB
    outside quotes (a comma wins a tie: Kanal's own files use it)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def decode_csv(data: bytes, shown: str, problems: Problems) -> str | None:
    """``data`` as UTF-8 text without a byte order mark; another encoding is an error at the
    line of its first foreign byte, with how to save the file as UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.error(
            Location(shown, 1, 1),
            "",
            f"berkas berpengodean UTF-16 ('Teks Unicode'); {SAVE_AS_UTF8}",
        )
        return None
    if data.startswith(b"PK\x03\x04"):
        problems.error(
            Location(shown, 1, 1),
            "",
            "berkas ini .xlsx (Excel) yang dinamai .csv; ganti akhiran namanya menjadi .xlsx",
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        guess = data[exc.start : exc.start + 1].decode("cp1252", "replace")
        problems.error(
            Location(shown, line, col),
            "",
            f"berkas bukan teks UTF-8 (huruf '{guess}' dari pengodean lain, biasanya Windows-1252 "
            f"dari Excel); {SAVE_AS_UTF8}",
        )
        return None


def read_csv_text(
    path: Path, shown: str, problems: Problems, max_bytes: int
) -> tuple[str, str] | None:
    """The text of a CSV file and its delimiter; None (with a located error) when unusable."""
    data = read_bytes(path, shown, problems, max_bytes)
    if data is None:
        return None
    text = decode_csv(data, shown, problems)
    if text is None:
        return None
    end = len(text)
    for stop in ("\n", "\r"):
        found = text.find(stop, 0, 65_536)
        if found >= 0:
            end = min(end, found)
    return text, sniff_delimiter(text[: min(end, 65_536)])


@dataclass
class Sheet:
    """The first worksheet of a workbook: rows of text cells, each with its row number."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the sheet, cells)
    # The day Excel's day numbers count from: 1899-12-30, or 1904-01-01 in a workbook saved
    # in Excel for Mac's 1904 date system (its date cells are converted already; a number
    # cell that is a date, formatted "General", is not).
    epoch: dt.datetime = dt.datetime(1899, 12, 30)


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA (as Excel names columns)."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def without_text_marker(text: str) -> str:
    """``text`` without the apostrophe typed before a value to make a spreadsheet keep it as
    text (``'0296 531004``, ``'081234567890``, ``'@dinkesblora``, ``'05/11/2026 08.15``).

    Excel, LibreOffice and Google Sheets hide that apostrophe and never save it (openpyxl
    reads it as a cell style), but a CSV typed by hand or written by another program keeps it,
    and so may a text cell of a workbook another program wrote. No registry value and no
    complaint field starts with one, but a complaint's free-text summary may open a quote
    (``kanal import`` judges that one itself). One apostrophe, and only before something:
    ``''x`` keeps one, a lone ``'`` stays (and is reported as the value it is)."""
    if text[:1] == "'" and text[1:].strip():
        return text[1:].lstrip()
    return text


def cell_text(value: Any, *, day_at_midnight: bool = False) -> str:
    """A cell as the clerk sees it: a date time as ISO 8601 without a zone (Excel stores none),
    a whole number without ``.0`` (an id or number typed as a number), empty for none.
    ``day_at_midnight``: a date time at 00:00 is the day alone (a registry's "since" date is a
    day; a complaint's time keeps its 00:00)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if day_at_midnight and value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def sheet_rows(
    sheet: Any, *, max_col: int | None = None, day_at_midnight: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) of a worksheet, trailing empty cells dropped (Excel keeps
    formatted empty cells at the end); ``max_col`` bounds the cells read per row."""
    for number, values in enumerate(sheet.iter_rows(max_col=max_col, values_only=True), 1):
        if values.count(None) == len(values):
            # openpyxl fills the rows a sheet skips (one cell at row 1,048,576) with empty ones:
            # passed on without a Python call per cell
            yield number, []
            continue
        cells = [cell_text(v, day_at_midnight=day_at_midnight) for v in values]
        while cells and not cells[-1]:
            cells.pop()
        yield number, cells


def check_zip(
    path: Path,
    shown: str,
    problems: Problems,
    max_unpacked: int = XLSX_MAX_UNCOMPRESSED,
    max_strings: int = XLSX_MAX_STRINGS,
) -> bool:
    """The workbook's zip directory promises parts that fit the bounds (read before inflating),
    and its XML passes :func:`_parts_refused`; False, with one located error, otherwise."""
    try:
        with zipfile.ZipFile(path) as zf:
            why = _refused(zf, max_unpacked, max_strings)
    except (zipfile.BadZipFile, OSError, zlib.error, EOFError):  # a damaged zip or part
        why = "berkas .xlsx rusak atau bukan buku kerja Excel; simpan ulang dari Excel"
    if why:
        problems.error(Location(shown), "", why)
    return why is None


def _refused(zf: zipfile.ZipFile, max_unpacked: int, max_strings: int) -> str | None:
    """Why the workbook may not reach openpyxl, or None: first what its directory promises,
    then what its parts hold."""
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    # Parts openpyxl parses whole into a tree (styles, the workbook, themes): no larger than
    # Excel makes them; only rows and texts are streamed.
    whole = [
        i
        for i in infos
        if i.file_size > XLSX_MAX_WHOLE_PART
        and not i.filename.startswith("xl/worksheets/")
        and i.filename.lower() != "xl/sharedstrings.xml"
    ]
    if total > max_unpacked:
        return (
            f"berkas .xlsx terlalu besar setelah dibuka ({total / MB:.0f} MB, batas "
            f"{max_unpacked / MB:.0f} MB); pecah menjadi beberapa berkas"
        )
    if worst > XLSX_MAX_RATIO:
        return (
            f"berkas .xlsx tidak wajar: satu bagiannya mengembang {worst:.0f} kali saat dibuka "
            f"(batas {XLSX_MAX_RATIO}); simpan ulang dari Excel"
        )
    if whole:
        return (
            f"berkas .xlsx tidak wajar: bagian {whole[0].filename} berukuran "
            f"{whole[0].file_size / MB:.0f} MB setelah dibuka (batas "
            f"{XLSX_MAX_WHOLE_PART / MB:.0f} MB); buka di Excel lalu simpan ulang"
        )
    refused = _parts_refused(zf, infos, max_strings)
    return f"berkas .xlsx tidak wajar: {refused}" if refused else None


def _parts_refused(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], max_strings: int
) -> str | None:
    """Why the workbook's XML may not reach openpyxl, or None. No part may declare a DTD
    (Excel writes none; entities inside one multiply text past every size bound), and the
    shared strings are counted as they inflate, never held."""
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with zf.open(info) as part:
            head = part.read(XML_PROLOG_MAX)
            if _declares_dtd(head):
                return (
                    f"bagian {info.filename} memuat deklarasi DTD (<!DOCTYPE), yang tidak "
                    "pernah ditulis Excel; buka di Excel lalu simpan ulang"
                )
            if info.filename.lower() != "xl/sharedstrings.xml":
                continue
            count, tail = 0, b""
            chunk = head
            while chunk:
                # A tag split across two chunks starts in the last 3 bytes of the one
                # before: counted once, with the chunk that completes it.
                text = tail + chunk
                count += len(_STRING_ITEM.findall(text))
                tail = text[-3:]
                if count > max_strings:
                    return (
                        f"lebih dari {max_strings:,} teks berbeda".replace(",", ".")
                        + "; pecah menjadi beberapa berkas"
                    )
                chunk = part.read(_CHUNK)
    return None


def _declares_dtd(head: bytes) -> bool:
    """Whether a part's prolog (the bytes before its first element) holds ``<!DOCTYPE``; a
    prolog longer than :data:`XML_PROLOG_MAX` counts as one (Excel's is one line)."""
    at = 0
    while True:
        start = head.find(b"<", at)
        if start < 0:
            return len(head) >= XML_PROLOG_MAX  # no element in the first 64 KB
        if head.startswith(b"<?", start):
            end = head.find(b"?>", start)
        elif head.startswith(b"<!--", start):
            end = head.find(b"-->", start)
        else:  # <!DOCTYPE (or <!ENTITY without one): a DTD; else the root element
            return head.startswith(b"<!", start)
        if end < 0:
            return True
        at = end + 2


def open_workbook(
    path: Path,
    shown: str,
    problems: Problems,
    max_bytes: int,
    max_unpacked: int = XLSX_MAX_UNCOMPRESSED,
    *,
    given: bool = False,
    max_strings: int = XLSX_MAX_STRINGS,
) -> Any | None:
    """An ``.xlsx`` opened read-only (formulas as their cached values, never evaluated), once
    the file is regular, inside, bounded and its zip promises bounded parts; None (with a
    located error) when unusable. ``given``: a file named on the command line, already
    checked by ``check_given_file`` (it may be a link: the user chose it). The caller closes
    it."""
    if not given and read_bytes(path, shown, problems, max_bytes) is None:
        return None  # not a regular file inside the data, or too big
    if not check_zip(path, shown, problems, max_unpacked, max_strings):
        return None
    import openpyxl  # only when a workbook is read: the usual build has none

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        problems.error(
            Location(shown), "", "berkas .xlsx tidak bisa dibaca; buka di Excel lalu simpan ulang"
        )
        return None


def read_xlsx(
    path: Path,
    shown: str,
    problems: Problems,
    max_bytes: int,
    max_rows: int | None = None,
    header: bool = True,
) -> Sheet | None:
    """The first visible worksheet of an ``.xlsx`` (a hidden one holds old rows or a
    drop-down's list, not what the clerk sees); None (with a located error) when unusable.
    ``header``: its first non-empty row is the header; else every non-empty row is a row
    (the caller finds the column names among them)."""
    max_rows = max_rows or XLSX_MAX_ROWS
    book = open_workbook(path, shown, problems, max_bytes)
    if book is None:
        return None
    try:
        visible = [s for s in book.worksheets if getattr(s, "sheet_state", "visible") == "visible"]
        if not visible:
            problems.error(
                Location(shown), "", "semua lembar kerja tersembunyi; tampilkan lembar datanya"
            )
            return None
        sheet = visible[0]
        names: list[str] | None = None if header else []
        rows: list[tuple[int, list[str]]] = []
        for number, cells in sheet_rows(sheet, max_col=XLSX_MAX_COLUMNS + 1):
            if len(cells) > XLSX_MAX_COLUMNS:
                problems.error(
                    Location(shown, number, XLSX_MAX_COLUMNS + 1),
                    "",
                    f"lembar '{sheet.title}' berisi isian di kolom "
                    f"{column_letter(XLSX_MAX_COLUMNS + 1)} atau sesudahnya (paling banyak "
                    f"{XLSX_MAX_COLUMNS} kolom, A sampai {column_letter(XLSX_MAX_COLUMNS)}); "
                    "hapus isian itu atau pecah lembarnya",
                )
                return None
            if number > max_rows + 1:
                problems.error(
                    Location(shown, number, 1),
                    "",
                    f"lembar '{sheet.title}' berisi lebih dari {max_rows:,} baris; pecah menjadi beberapa berkas",
                )
                return None
            if names is None:
                if cells:
                    names = cells
                continue
            if any(cells):
                rows.append((number, cells))
        epoch = getattr(book, "epoch", None)
        if isinstance(epoch, dt.datetime) and epoch.year == 1904:
            return Sheet(sheet.title, names or [], rows, dt.datetime(1904, 1, 1))
        return Sheet(sheet.title, names or [], rows)
    finally:
        book.close()
