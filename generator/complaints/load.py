"""Reading ``data/complaints/`` (CSV and YAML) into validated public records.

Every problem names file, line and column: in a CSV the line is the row's line in the file
(the header is line 1) and the column is the field's position; the field is the column name.

Time zone rule: a time must carry its offset (``2026-01-05T09:15+07:00`` or ``...Z``), unless
the record says which zone its bare times are in: a ``timezone`` column in a CSV, or a
``timezone:`` key in a YAML file (for the whole file) or record. A bare time without either is
an error ("zona waktu tidak ada"): guessing the zone would shift figures by hours.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zoneinfo
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from generator.complaints.check import (
    RecordChecker,
    category_key,
    columns,
)
from generator.complaints.csvblocks import line_blocks, plain_columns
from generator.complaints.fastload import read_clean
from generator.complaints.models import (
    COLUMNS,
    PERSONAL_COLUMNS,
    REQUIRED,
    Complaint,
    ComplaintFileIn,
)
from generator.complaints.table import EMPTY, Table
from generator.registry.models import Directory, RegionIn
from generator.registry.regions import depth, read_codes, reference_codes
from generator.registry.settings import ComplaintsIn
from generator.safeinput.files import MB, input_files
from generator.safeinput.invisible import cell_message, is_invisible
from generator.safeinput.privacy import Redactions
from generator.safeinput.problems import Location, Problems, display_path
from generator.safeinput.recordsheets import column_letter, read_csv_text, read_xlsx
from generator.safeinput.yamlio import dotted, read_yaml

COMPLAINT_DIR = "complaints"
# A year of a large regency's complaints is a few megabytes of CSV; the cap bounds memory.
COMPLAINT_MAX_BYTES = 50 * MB


@dataclass
class ComplaintData:
    """The validated complaint records of a region, with the settings that govern them."""

    config: ComplaintsIn
    timezone: str
    table: Table = field(default_factory=lambda: EMPTY)
    files: list[str] = field(default_factory=list)
    redactions: Redactions = field(default_factory=Redactions)

    def __len__(self) -> int:
        return len(self.table)

    @property
    def first_received(self) -> dt.datetime | None:
        """The earliest accepted record's receipt, in the region's time zone."""
        return self._when(self.table.received.min()) if len(self.table) else None

    @property
    def latest_received(self) -> dt.datetime | None:
        """The latest accepted record's receipt, in the region's time zone."""
        return self._when(self.table.received.max()) if len(self.table) else None

    def _when(self, seconds) -> dt.datetime:
        return dt.datetime.fromtimestamp(int(seconds), zoneinfo.ZoneInfo(self.timezone))

    @property
    def records(self) -> list[Complaint]:
        """The accepted records as objects (tests and small tools; the build reads ``table``)."""
        return self.table.records(zoneinfo.ZoneInfo(self.timezone))


def complaint_files(data_dir: Path, problems: Problems) -> list[Path]:
    """The complaint files; links and odd entries (a folder named ``x.csv``) become problems."""
    return input_files(data_dir / COMPLAINT_DIR, (".csv", ".xlsx", ".yml", ".yaml"), problems)


def region_settings(data_dir: Path, problems: Problems) -> ComplaintsIn:
    """The ``complaints:`` section of region.yml (already validated with the region)."""
    path = data_dir / "region.yml"
    parsed = read_yaml(path, display_path(path), Problems())
    if parsed and isinstance(parsed[0], dict):
        try:
            region = RegionIn.model_validate(parsed[0])
        except ValueError:
            return ComplaintsIn()
        if region.complaints is not None:
            config = region.complaints
            if config.office_hours.end <= config.office_hours.start:
                problems.error(
                    parsed[1].locate(("complaints", "office_hours", "end")),
                    "complaints.office_hours.end",
                    "jam tutup harus setelah jam buka",
                )
            _check_summary_settings(config, parsed[1], problems)
            _check_category_settings(config, parsed[1], problems)
            if config.period and config.period.end < config.period.start:
                problems.error(
                    parsed[1].locate(("complaints", "period", "end")),
                    "complaints.period.end",
                    "akhir periode harus setelah awal periode",
                )
            return config
    return ComplaintsIn()


def _check_summary_settings(config: ComplaintsIn, lines, problems: Problems) -> None:
    """``withhold_summaries`` is still read, but publishing is now ``publish_summaries``."""
    if config.withhold_summaries is None:
        return
    where = lines.locate(("complaints", "withhold_summaries"))
    if config.withhold_summaries is False or config.publish_summaries:
        problems.error(
            where,
            "complaints.withhold_summaries",
            "pengaturan usang; ringkasan hanya diterbitkan dengan complaints.publish_summaries: true (hapus withhold_summaries)",
        )
    else:
        problems.warning(
            where,
            "complaints.withhold_summaries",
            "pengaturan usang dan kini bawaan: ringkasan tidak diterbitkan kecuali complaints.publish_summaries: true; hapus baris ini",
        )


def _check_category_settings(config: ComplaintsIn, lines, problems: Problems) -> None:
    """Two spellings of one category in the settings would give it two targets."""
    listed = {category_key(c) for c in config.category_list()}
    for section, names in (
        ("targets", list(config.targets)),
        ("field_check_categories", config.field_check_categories),
    ):
        for i, name in enumerate(names):
            if category_key(name) not in listed:
                path = ("complaints", section, name if section == "targets" else i)
                problems.error(
                    lines.locate(path),
                    f"complaints.{section}",
                    f"kategori '{name}' tidak ada di daftar kategori (complaints.categories"
                    + (")" if config.categories else ", bawaan: daftar topik SP4N-LAPOR!)")
                    + "; tambahkan ke daftar atau perbaiki penulisannya",
                )
    for section, names in (
        ("categories", config.categories or []),
        ("targets", list(config.targets)),
        ("field_check_categories", config.field_check_categories),
    ):
        seen: dict[str, int] = {}
        for i, name in enumerate(names):
            first = names[seen.setdefault(category_key(name), i)]
            if seen[category_key(name)] != i:
                path = ("complaints", section, name if section == "targets" else i)
                problems.error(
                    lines.locate(path),
                    f"complaints.{section}",
                    f"kategori '{name}' sama dengan '{first}' (huruf besar/kecil dan spasi tidak dibedakan)",
                )


def kecamatan_names(data_dir: Path, directory: Directory) -> dict[str, str]:
    """The region's kecamatan (Kepmendagri, plus a demo's extra codes): key -> official name."""
    region = directory.region
    codes = dict(reference_codes())
    path = data_dir / "region.yml"
    parsed = read_yaml(path, display_path(path), Problems())
    extra = parsed[0].get("extra_region_codes") if parsed and isinstance(parsed[0], dict) else None
    if region.demo and isinstance(extra, str):
        try:
            with (data_dir / extra).open(encoding="utf-8") as fh:
                codes.update(read_codes(fh))
        except (OSError, ValueError):
            pass  # already reported by the directory check
    prefix = region.code + "."
    return {
        category_key(name): name
        for code, name in codes.items()
        if code.startswith(prefix) and depth(code) == 3
    }


BLOCK_ROWS = 65_536  # rows checked at once: bounded memory, numpy-sized work
# A smaller file (a regency's month: a few thousand records) is read the careful way: in less
# time than polars takes to import (0.1 s).
CLEAN_PATH_CHARACTERS = 1_000_000


def _header(header: list[str], shown: str, problems: Problems) -> list[str] | None:
    """The column names of a header row; None (with located errors) when one is wrong."""
    header = [h.strip().lower() for h in header]
    bad = False
    for i, name in enumerate(header, 1):
        if name in PERSONAL_COLUMNS:
            problems.error(
                Location(shown, 1, i),
                name,
                f"kolom '{name}' berisi data pribadi dan tidak boleh disimpan; hapus kolomnya (kanal import membuangnya)",
            )
            bad = True
        elif name not in COLUMNS:
            problems.error(
                Location(shown, 1, i),
                name,
                f"kolom '{name}' tidak dikenal; yang dikenal: {', '.join(COLUMNS)}",
            )
            bad = True
    for name in REQUIRED:
        if name not in header:
            problems.error(
                Location(shown, 1, 1), name, f"kolom wajib '{name}' tidak ada di baris judul"
            )
            bad = True
    return None if bad else header


def _read_xlsx(file: Path, shown: str, checker: RecordChecker, problems: Problems) -> None:
    """The first worksheet of an Excel workbook, cells named as Excel does (Sheet1!C7)."""
    sheet = read_xlsx(file, shown, problems, COMPLAINT_MAX_BYTES)
    if sheet is None:
        return
    if not sheet.header:
        problems.error(Location(shown, 1, 1), "", "lembar pertama kosong")
        return
    header = _header(sheet.header, shown, problems)
    if header is None:
        return
    position = {name: i + 1 for i, name in enumerate(header)}
    width = len(header)
    rows, starts = [], []
    for number, cells in sheet.rows:
        if len(cells) > width:
            problems.error(
                Location(shown, number, width + 1),
                "",
                f"baris berisi {len(cells)} kolom, baris judul {width}",
            )
            continue
        rows.append(tuple(c.strip() for c in cells) + ("",) * (width - len(cells)))
        starts.append(number)
    for lo in range(0, len(rows), BLOCK_ROWS):
        block, lines = rows[lo : lo + BLOCK_ROWS], starts[lo : lo + BLOCK_ROWS]
        cols = {name: [row[j] for row in block] for j, name in enumerate(header)}

        def at(i: int, name: str, lines=lines) -> Location:
            return Location(shown, lines[i], position.get(name, 1))

        def label(i: int, name: str, lines=lines) -> str:
            return f"{name} ({sheet.name}!{column_letter(position.get(name, 1))}{lines[i]})"

        checker.check(cols, len(block), at, label)


def _read_csv(
    file: Path, shown: str, checker: RecordChecker, problems: Problems, fast: bool = True
) -> None:
    read = read_csv_text(file, shown, problems, COMPLAINT_MAX_BYTES)
    if read is None:
        return
    text, delimiter = read
    # Invisible characters are refused in every cell: one scan of the file finds none in the
    # usual file, and only a file with one is checked cell by cell. Such a file has none of the
    # characters str.splitlines breaks lines at besides CR and LF either, so reading it as a
    # stream (no list of a million lines) finds the same lines.
    visible = _all_visible(text)
    first = _LINE_END.search(text)
    body = first.end() if first else len(text)
    # A header line without quotes is one record: read alone, and the rest in plain blocks
    # (a stream over the whole text would first copy it, four bytes a character).
    plain = visible and '"' not in text[:body]
    if plain:
        source: io.StringIO | list[str] = io.StringIO(text[:body], newline="")
    else:
        source = io.StringIO(text, newline="") if visible else text.splitlines(keepends=True)
    reader = csv.reader(source, delimiter=delimiter)
    header = next(reader, None)
    if not header:
        problems.error(Location(shown, 1, 1), "", "berkas kosong")
        return
    header = _header(header, shown, problems)
    if header is None:
        return
    position = {name: i + 1 for i, name in enumerate(header)}
    width = len(header)
    base = 0  # lines read before ``reader``'s first line
    clean_path = plain and fast and len(text) >= CLEAN_PATH_CHARACTERS
    if clean_path and read_clean(text, body, delimiter, header, shown, checker):
        return  # a clean file, read whole (generator.complaints.fastload)
    if plain:
        # Plain blocks are split without csv.reader; from the first other block on, csv.reader
        # reads the rest (it stands at a record's start: every row so far was one line).
        for start, end, lines in line_blocks(text, body, BLOCK_ROWS):
            found = plain_columns(text[start:end], lines, delimiter, width)
            if found is None:
                source = io.StringIO(text[start:], newline="")
                reader = csv.reader(source, delimiter=delimiter)
                break
            cols, spaced = found
            starts = range(base + 2, base + 2 + lines)
            _check_columns(cols, lines, starts, header, position, shown, checker, spaced)
            base += lines
        else:
            return
        base += 1  # the header
    while True:
        first_line = base + reader.line_num + 1
        block = list(islice(reader, BLOCK_ROWS))
        if not block:
            break
        last_line = base + reader.line_num
        if last_line - first_line + 1 == len(block):  # one line per row: the usual file
            starts = range(first_line, first_line + len(block))
        else:  # a cell with a line break: find where each row starts
            if not isinstance(source, list):
                source = text.splitlines(keepends=True)
            starts = _row_starts(source[first_line - 1 : last_line], first_line, delimiter)
        if visible:
            usual = _usual_columns(block, width)
            if usual is not None:  # every row full width, none blank
                _check_columns(usual, len(block), starts, header, position, shown, checker)
                continue
        rows, kept = [], []
        for row, start in zip(block, starts, strict=True):
            if not "".join(row).strip():  # a blank line, or only commas and spaces
                continue
            if len(row) != width:
                problems.error(
                    Location(shown, start, 1),
                    "",
                    f"baris berisi {len(row)} kolom, baris judul {width}",
                )
                continue
            if not visible:
                _check_visible(row, header, Location(shown, start), problems)
            rows.append(row)
            kept.append(start)
        _check_rows(rows, kept, header, position, shown, checker)


def _row_starts(lines: list[str], first_line: int, delimiter: str = ",") -> list[int]:
    """The line each CSV row of ``lines`` starts on (rows may span lines)."""
    reader = csv.reader(lines, delimiter=delimiter)
    starts, line = [], first_line
    for _ in reader:
        starts.append(line)
        line = first_line + reader.line_num
    return starts


def _usual_columns(block: list[list[str]], width: int) -> list[tuple[str, ...]] | None:
    """The block's columns when every row has ``width`` cells and none is blank (only spaces
    and delimiters), as in the usual file; None otherwise. Decided in C, not row by row:
    one column whose every cell holds more than white space proves no row is blank."""
    if not width or set(map(len, block)) != {width}:
        return None
    cols = list(zip(*block, strict=True))
    if any(all(map(str.strip, col)) for col in cols):
        return cols
    return None


def _check_rows(
    rows: list[list[str]],
    starts: list[int] | range,
    header: list[str],
    position: dict[str, int],
    shown: str,
    checker: RecordChecker,
) -> None:
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(header)
    _check_columns(cols, len(rows), starts, header, position, shown, checker)


def _check_columns(
    columns: list[tuple[str, ...]],
    n: int,
    starts: list[int] | range,
    header: list[str],
    position: dict[str, int],
    shown: str,
    checker: RecordChecker,
    spaced: bool = True,
) -> None:
    """Check a block's columns; ``spaced=False``: no cell starts or ends with white space."""
    cols = {
        name: _stripped(values) if spaced else values
        for name, values in zip(header, columns, strict=True)
    }

    def at(i: int, name: str) -> Location:
        return Location(shown, starts[i], position.get(name, 1))

    def label(i: int, name: str) -> str:
        return name

    checker.check(cols, n, at, label)


# A cell with white space at its start, in the cells joined by NUL (which str.strip keeps)
# with a NUL at both ends; run on the reversed text too for white space at a cell's end. A
# literal first character lets the regex engine skip ahead: a column is scanned in one pass.
_LEADING_SPACE = re.compile(r"\x00\s")


def _stripped(cells: tuple[str, ...]) -> tuple[str, ...]:
    """The cells without surrounding white space (an empty cell stays ""); one scan of the
    column decides whether any needs it."""
    joined = "\x00" + "\x00".join(cells) + "\x00"
    if _LEADING_SPACE.search(joined) or _LEADING_SPACE.search(joined[::-1]):
        return tuple(cell.strip() for cell in cells)
    return cells


_LINE_END = re.compile(r"\r\n|\r|\n")  # where a line ends for csv.reader's source
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_VISIBLE_ASCII = bytes(c for c in range(128) if not _ASCII_CONTROL.match(chr(c)))


def _all_visible(text: str) -> bool:
    """True when no cell of ``text`` can hold a refused character (see generator.safeinput.invisible);
    line ends (CR, LF) and tabs are allowed."""
    if text.isascii():  # the usual file: deleting every allowed byte leaves nothing
        return not text.encode("ascii").translate(None, _VISIBLE_ASCII)
    if _ASCII_CONTROL.search(text):
        return False
    return not any(is_invisible(c) for c in set(_NON_ASCII.findall(text)))


def _check_visible(row: list[str], header: list[str], at: Location, problems: Problems) -> None:
    """Invisible characters in a cell are refused, as in YAML (see generator.safeinput.invisible)."""
    for col, (name, cell) in enumerate(zip(header, row, strict=True), 1):
        message = cell_message(cell)
        if message is not None:
            problems.error(Location(at.path, at.line, col), name, message)


def _read_yaml(file: Path, shown: str, checker: RecordChecker, problems: Problems) -> None:
    from generator.registry.load import validate_model

    parsed = read_yaml(file, shown, problems, COMPLAINT_MAX_BYTES)
    if not parsed:
        return
    raw, lines = parsed
    model = validate_model(ComplaintFileIn, raw, lines, (), problems)
    if model is None:
        return
    records = []
    own_zone = []
    for item in model.complaints:
        values = item.model_dump()
        own_zone.append(bool(values.get("timezone")))
        values["timezone"] = values.get("timezone") or model.timezone
        records.append(values)
    cols, n = columns(records, COLUMNS)

    def path(i: int, name: str) -> tuple:
        if name != "timezone":
            return ("complaints", i, name)
        return ("complaints", i, "timezone") if own_zone[i] else ("timezone",)

    def at(i: int, name: str) -> Location:
        return lines.locate(path(i, name))

    def label(i: int, name: str) -> str:
        return dotted(path(i, name))

    checker.check(cols, n, at, label)


def load_complaints(
    data_dir: Path, directory: Directory, problems: Problems, fast: bool = True
) -> ComplaintData:
    """Read and check every complaint file; problems go to ``problems``. ``fast=False``
    reads every file the careful way (the clean-file path gives the same; tests compare)."""
    config = region_settings(data_dir, problems)
    checker = RecordChecker(directory, config, problems, kecamatan_names(data_dir, directory))
    data = ComplaintData(config, directory.region.timezone)
    for file in complaint_files(data_dir, problems):
        shown = display_path(file)
        data.files.append(shown)
        if file.suffix == ".csv":
            _read_csv(file, shown, checker, problems, fast)
        elif file.suffix == ".xlsx":
            _read_xlsx(file, shown, checker, problems)
        else:
            _read_yaml(file, shown, checker, problems)
    data.table = checker.finish()
    data.redactions = checker.redactions
    return data
