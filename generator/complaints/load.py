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
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.complaints.models import (
    COLUMNS,
    PERSONAL_COLUMNS,
    REQUIRED,
    Channel,
    Complaint,
    ComplaintFileIn,
    ComplaintsIn,
    Status,
)
from generator.complaints.privacy import Redactions, identifier_findings, redact
from generator.inputfiles import MB, input_files, read_text
from generator.invisible import first_invisible, invisible_message
from generator.models import Directory, RegionIn
from generator.problems import Location, Problems, Severity, display_path
from generator.regions import depth, read_codes, reference_codes
from generator.yamlio import dotted, read_yaml

COMPLAINT_DIR = "complaints"
_HAS_CLOCK = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_KEY = re.compile(r"\s+")
CATEGORY_MAX = 80
# A year of a large regency's complaints is a few megabytes of CSV; the cap bounds memory.
COMPLAINT_MAX_BYTES = 50 * MB


@dataclass
class ComplaintData:
    """The validated complaint records of a region, with the settings that govern them."""

    config: ComplaintsIn
    timezone: str
    records: list[Complaint] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    redactions: Redactions = field(default_factory=Redactions)


def complaint_files(data_dir: Path, problems: Problems) -> list[Path]:
    """The complaint files; links and odd entries (a folder named ``x.csv``) become problems."""
    return input_files(data_dir / COMPLAINT_DIR, (".csv", ".yml", ".yaml"), problems)


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
    for section, names in (
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


def agency_key(name: str) -> str:
    return _KEY.sub(" ", name).strip().casefold()


def category_key(name: str) -> str:
    """Categories match whatever their case and spacing: "Jalan  Rusak" is "jalan rusak"."""
    return agency_key(name)


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


def agency_names(directory: Directory) -> dict[str, str]:
    """Every name an export may use for an agency (id, name, short name, aliases) -> id."""
    names: dict[str, str] = {}
    for agency in directory.agencies.values():
        for name in (agency.id, agency.name, agency.short_name, *agency.aliases):
            if name:
                names.setdefault(agency_key(name), agency.id)
    return names


class _Checker:
    """Checks one record at a time; shared by the CSV and YAML readers."""

    def __init__(
        self,
        directory: Directory,
        config: ComplaintsIn,
        problems: Problems,
        kecamatan: dict[str, str] | None = None,
    ):
        self.directory = directory
        self.kecamatan = kecamatan or {}
        # category key -> the first spelling seen; (key, spelling) pairs already warned about
        self.categories: dict[str, tuple[str, Location]] = {}
        self.spellings: set[tuple[str, str]] = set()
        # Exports repeat the same texts: redact each distinct text once.
        self.redacted: dict[tuple[str, bool], tuple[str, Redactions]] = {}
        self.config = config
        self.problems = problems
        self.tz = zoneinfo.ZoneInfo(directory.region.timezone)
        self.now = dt.datetime.combine(directory.today, dt.time.max, self.tz)
        self.names = agency_names(directory)
        self.seen: dict[str, Location] = {}
        self.records: list[Complaint] = []
        self.redactions = Redactions()

    def check(
        self,
        values: dict[str, str | None],
        at: Callable[[str], Location],
        label: Callable[[str], str],
    ) -> None:
        """Check one record; ``at``/``label`` give a column's place and name in its file."""
        p = self.problems
        self._at, self._label = at, label
        before = len(p.items)  # not len(p.errors): that is a scan of every problem so far
        for name in REQUIRED:
            if not values.get(name):
                self._err(name, "wajib diisi")
        rid = values.get("id") or ""
        if rid:
            first = self.seen.get(rid)
            if first is not None:
                self._err("id", f"id '{rid}' sudah dipakai di {first}")
            else:
                self.seen[rid] = at("id")
            found = identifier_findings(rid)
            if found.total:
                self._err(
                    "id",
                    f"id berisi data pribadi ({found.describe()}); id diterbitkan di data terbuka, "
                    "pakai nomor tiket tanpa data pelapor",
                )
        agency = values.get("agency") or ""
        if agency and agency not in self.directory.agencies:
            known = self.names.get(agency_key(agency))
            hint = f"; maksud Anda id '{known}'?" if known else ""
            self._err("agency", f"instansi '{agency}' tidak ada di direktori{hint}")
        channel = self._enum(values, "channel", Channel, at)
        status = self._enum(values, "status", Status, at)
        zone = self._zone(values.get("timezone"))
        times = {
            name: self._time(values.get(name), zone, name)
            for name in ("received", "first_response", "resolved")
        }
        received, first, resolved = times["received"], times["first_response"], times["resolved"]
        if received and first and first < received:
            self._err(
                "first_response",
                f"tanggapan pertama ({first.isoformat()}) lebih awal daripada waktu aduan diterima ({received.isoformat()})",
            )
        if received and resolved and resolved < received:
            self._err(
                "resolved",
                f"waktu selesai ({resolved.isoformat()}) lebih awal daripada waktu aduan diterima ({received.isoformat()})",
            )
        elif first and resolved and resolved < first:
            self._err(
                "resolved",
                f"waktu selesai ({resolved.isoformat()}) lebih awal daripada tanggapan pertama ({first.isoformat()})",
            )
        if status in (Status.RESOLVED, Status.REJECTED) and not values.get("resolved"):
            self._err("resolved", f"wajib diisi bila status '{status.value}'")
        if status is Status.OPEN and values.get("resolved"):
            self._err("resolved", "harus kosong bila status 'open'")
        category = self._category(values.get("category") or "")
        kecamatan = self._kecamatan(values.get("kecamatan") or "")
        if any(x.severity is Severity.ERROR for x in p.items[before:]):
            return
        summary = None
        if self.config.publish_summaries and values.get("summary"):
            summary, found = self._redact(values["summary"])
            if found.total:
                self.redactions.add(found)
                self.problems.warning(
                    self._at("summary"),
                    self._label("summary"),
                    f"berisi data pribadi ({found.describe()}); disamarkan sebelum diterbitkan, hapus juga dari berkas sumber",
                )
        assert received and channel and status
        self.records.append(
            Complaint(
                id=rid,
                agency=agency,
                channel=channel,
                category=category,
                received=received,
                # Closing a case answers it: without a separate first response, the closure is it.
                first_response=first or resolved,
                resolved=resolved,
                status=status,
                kecamatan=kecamatan,
                summary=summary,
            )
        )

    def _redact(self, text: str, label: bool = False) -> tuple[str, Redactions]:
        known = self.redacted.get((text, label))
        if known is None:
            found = Redactions()
            known = self.redacted[text, label] = (redact(text, found, label=label), found)
        return known

    def _category(self, text: str) -> str:
        """The category in its first-seen spelling; personal data in it is an error."""
        text = text.strip()
        if not text:
            return ""
        if len(text) > CATEGORY_MAX:
            self._err(
                "category",
                f"kategori terlalu panjang ({len(text)} karakter, paling banyak {CATEGORY_MAX}); tulis topiknya saja",
            )
            return text
        _, found = self._redact(text, label=True)
        if found.total:
            self._err(
                "category",
                f"kategori berisi data pribadi ({found.describe()}); kategori diterbitkan, tulis topiknya saja",
            )
            return text
        key = category_key(text)
        first = self.categories.setdefault(key, (text, self._at("category")))
        if first[0] != text and (key, text) not in self.spellings:
            self.spellings.add((key, text))
            self.problems.warning(
                self._at("category"),
                self._label("category"),
                f"kategori '{text}' sama dengan '{first[0]}' ({first[1]}) kecuali huruf besar/kecil atau spasi; dihitung sebagai '{first[0]}', samakan penulisannya",
            )
        return first[0]

    def _kecamatan(self, text: str) -> str | None:
        """A kecamatan of the region, in its official spelling; anything else is an error."""
        text = text.strip()
        if not text:
            return None
        _, found = self._redact(text, label=True)
        if found.total:
            self._err(
                "kecamatan",
                f"kecamatan berisi data pribadi ({found.describe()}); isi nama kecamatan saja",
            )
            return None
        if not self.kecamatan:
            return text
        official = self.kecamatan.get(category_key(text))
        if official is None:
            names = sorted(self.kecamatan.values())
            shown = ", ".join(names[:12]) + (
                f", ... ({len(names)} kecamatan)" if len(names) > 12 else ""
            )
            self._err(
                "kecamatan",
                f"kecamatan '{text}' tidak ada di {self.directory.region.name}; yang dikenal: {shown}",
            )
        return official

    def _err(self, name: str, message: str) -> None:
        self.problems.error(self._at(name), self._label(name), message)

    def _enum(self, values, name, enum, at):
        value = values.get(name)
        if not value:
            return None
        try:
            return enum(value.strip().lower())
        except ValueError:
            choices = ", ".join(e.value for e in enum)
            self._err(name, f"nilai '{value}' tidak dikenal; pilih salah satu: {choices}")
            return None

    def _zone(self, name: str | None):
        if not name:
            return None
        try:
            return zoneinfo.ZoneInfo(name.strip())
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            self._err(
                "timezone",
                f"zona waktu '{name}' tidak dikenal; pakai Asia/Jakarta, Asia/Makassar atau Asia/Jayapura",
            )
            return None

    def _time(self, text: str | None, zone, name: str) -> dt.datetime | None:
        if not text:
            return None
        text = text.strip()
        try:
            if not _HAS_CLOCK.match(text):
                raise ValueError
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            self._err(
                name,
                f"waktu '{text}' tidak valid; tulis tanggal, jam dan offset, misalnya 2026-01-05T09:15+07:00",
            )
            return None
        if value.tzinfo is None:
            if zone is None:
                self._err(
                    name,
                    f"zona waktu tidak ada pada '{text}'; tulis offset (misalnya +07:00) atau isi kolom timezone",
                )
                return None
            value = value.replace(tzinfo=zone)
        value = value.astimezone(self.tz)
        if value > self.now:
            self._err(
                name,
                f"waktu {value.isoformat()} ada di masa depan (setelah {self.directory.today.isoformat()})",
            )
            return None
        return value


def _read_csv(file: Path, shown: str, checker: _Checker, problems: Problems) -> None:
    text = read_text(file, shown, problems, COMPLAINT_MAX_BYTES, "utf-8-sig")
    if text is None:
        return
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader, None)
    if not header:
        problems.error(Location(shown, 1, 1), "", "berkas kosong")
        return
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
    if bad:
        return
    position = {name: i + 1 for i, name in enumerate(header)}
    line = reader.line_num + 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.error(
                Location(shown, start, 1),
                "",
                f"baris berisi {len(row)} kolom, baris judul {len(header)}",
            )
            continue
        values = {name: (cell.strip() or None) for name, cell in zip(header, row, strict=True)}
        _check_visible(row, header, Location(shown, start), problems)

        def at(name: str, start: int = start) -> Location:
            return Location(shown, start, position.get(name, 1))

        checker.check(values, at, str)


def _check_visible(row: list[str], header: list[str], at: Location, problems: Problems) -> None:
    """Invisible characters in a cell are refused, as in YAML (see generator.invisible)."""
    for col, (name, cell) in enumerate(zip(header, row, strict=True), 1):
        found = first_invisible(cell.replace("\r", ""))  # line ends of multi-line cells
        if found is not None:
            where = Location(at.path, at.line, col)
            problems.error(where, name, invisible_message(found[1]))


def _read_yaml(file: Path, shown: str, checker: _Checker, problems: Problems) -> None:
    from generator.load import validate_model

    parsed = read_yaml(file, shown, problems, COMPLAINT_MAX_BYTES)
    if not parsed:
        return
    raw, lines = parsed
    model = validate_model(ComplaintFileIn, raw, lines, (), problems)
    if model is None:
        return
    for i, item in enumerate(model.complaints):
        values = item.model_dump()
        own_zone = values.get("timezone")
        values["timezone"] = own_zone or model.timezone
        zone_path = ("complaints", i, "timezone") if own_zone else ("timezone",)

        def at(name: str, i: int = i, zone_path: tuple = zone_path) -> Location:
            path = zone_path if name == "timezone" else ("complaints", i, name)
            return lines.locate(path)

        def label(name: str, i: int = i, zone_path: tuple = zone_path) -> str:
            return dotted(zone_path if name == "timezone" else ("complaints", i, name))

        checker.check(values, at, label)


def load_complaints(data_dir: Path, directory: Directory, problems: Problems) -> ComplaintData:
    """Read and check every complaint file; problems go to ``problems``."""
    config = region_settings(data_dir, problems)
    checker = _Checker(directory, config, problems, kecamatan_names(data_dir, directory))
    data = ComplaintData(config, directory.region.timezone)
    for file in complaint_files(data_dir, problems):
        shown = display_path(file)
        data.files.append(shown)
        if file.suffix == ".csv":
            _read_csv(file, shown, checker, problems)
        else:
            _read_yaml(file, shown, checker, problems)
    data.records = checker.records
    data.redactions = checker.redactions
    return data
