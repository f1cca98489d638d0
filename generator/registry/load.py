"""Reading ``data/``: the region file and the agency files, into pydantic input models.

Every problem is collected with its file, line and field; nothing stops at the first one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import gc
import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.registry.models import ENUM_WORDS, AccountIn, AgencyIn, ChannelIn, RegionIn
from generator.safeinput.files import input_files, read_text
from generator.safeinput.problems import DisplayPaths, Location, Problem, Problems
from generator.safeinput.words import suggest
from generator.safeinput.yamlio import (
    YAML_MAX_BYTES,
    LineMap,
    PathKey,
    dotted,
    parse_yaml_text,
    read_yaml,
)

REGION_FILE = "region.yml"
AGENCY_DIR = "agencies"

M = TypeVar("M", bound=BaseModel)


@dataclass
class Sourced:
    """Where an agency was written: positions of its values for problem reports."""

    lines: LineMap
    prefix: PathKey  # () for a one-agency file, (i,) for the i-th item of a list file

    def at(self, *path: str | int) -> Location:
        return self.lines.locate((*self.prefix, *path))

    def field(self, *path: str | int) -> str:
        return dotted(path)


@dataclass
class SourcedAgency(Sourced):
    """An agency as written, for the checks that span fields and files."""

    model: AgencyIn


@dataclass
class Salvaged(Sourced):
    """The well-formed accounts and channels of an agency whose structure has errors, kept
    with their original positions so their own checks (handles, phone numbers) still run and
    one run of ``kanal check`` reports them too."""

    accounts: list[tuple[int, AccountIn]]
    channels: list[tuple[int, ChannelIn]]
    # Its id, name, short name and aliases as written (the id first, when it is text): what
    # names it elsewhere is not reported as naming an unknown agency (a partial check).
    names: tuple[str, ...] = ()


def _valid_items(raw: Any, model: type[M]) -> list[tuple[int, M]]:
    if not isinstance(raw, list):
        return []
    out = []
    for i, item in enumerate(raw):
        try:
            out.append((i, model.model_validate(item)))
        except ValidationError:
            continue  # already reported by the agency's own validation
    return out


@dataclass
class RawData:
    region: RegionIn | None
    region_lines: LineMap | None
    agencies: list[SourcedAgency]
    data_dir: Path
    salvaged: list[Salvaged]
    # The names of agency files that gave no agency at all (unreadable, or not YAML): the
    # agencies they hold are unknown, so their file names stand for their ids.
    unread: list[str] = field(default_factory=list)
    today: dt.date | None = None  # the reference date, once validation has fixed it


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
    """A pydantic error as a sentence a non-programmer can act on, in Indonesian."""
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "wajib diisi" + _what_to_write(model, tuple(err["loc"]))
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        hint = _suggestion(name, model, tuple(err["loc"][:-1]))
        allowed = _allowed_fields(model, err["loc"][:-1])
        suggestion = f"; maksud Anda '{hint}'?" if hint else f"; yang dikenal: {', '.join(allowed)}"
        return f"kolom '{name}' tidak dikenal{suggestion}"
    if value is None:
        return "tidak boleh kosong"
    if kind == "enum":
        choices = str(ctx.get("expected", "")).replace(" or ", " atau ")
        return f"nilai '{value}' tidak dikenal{_meant(err, model)}; pilih salah satu: {choices}"
    if kind.startswith("date"):
        return f"tanggal tidak valid: '{value}'; tulis sebagai TTTT-BB-HH, misalnya 2026-01-31"
    if kind.startswith("bool"):
        return f"harus true atau false, bukan '{value}'"
    if kind == "string_type":
        return "harus berupa teks satu baris, bukan daftar atau bagian bertingkat"
    if kind == "list_type":
        return "harus berupa daftar (setiap butir diawali '- ')"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "harus berupa bagian berisi pasangan 'kunci: nilai'"
    return str(err.get("msg", kind))


def _meant(err: dict[str, Any], model: type[BaseModel]) -> str:
    """ "; maksud Anda 'x'?" for an enum value close to a value or a synonym of the field's."""
    loc = tuple(err["loc"])
    parent = _field_model(model, loc[:-1])
    info = parent.model_fields.get(str(loc[-1])) if parent else None
    words = ENUM_WORDS.get(info.annotation) if info else None
    hints = suggest(str(err.get("input")), words) if words else []
    return f"; maksud Anda {' atau '.join(repr(h) for h in hints)}?" if hints else ""


def _what_to_write(model: type[BaseModel], loc: tuple) -> str:
    """For a missing field: its choices or date format, so the clerk need not look them up."""
    parent = _field_model(model, loc[:-1])
    info = parent.model_fields.get(str(loc[-1])) if parent else None
    annotation = info.annotation if info else None
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        values = [f"'{member.value}'" for member in annotation]
        return f"; pilih salah satu: {', '.join(values[:-1])} atau {values[-1]}"
    if annotation is dt.date:
        return "; tulis tanggal sebagai TTTT-BB-HH, misalnya 2026-01-31"
    return ""


def _suggestion(name: str, model: type[BaseModel], loc: tuple) -> str | None:
    """The known field an unknown ``name`` most likely meant, if one is close enough."""
    hint = difflib.get_close_matches(name, _allowed_fields(model, loc), n=1)
    return hint[0] if hint else None


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names valid at ``loc`` inside ``model``, for 'did you mean' hints."""
    current = _field_model(model, loc)
    return sorted(current.model_fields) if current else []


def _field_model(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model that holds the fields at ``loc`` inside ``model`` (list positions skipped)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _model_of(info.annotation) if info else None
    return current


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found:
            return found
    return None


def validate_model(
    model: type[M], raw: Any, lines: LineMap, prefix: PathKey, problems: Problems
) -> M | None:
    """Validate ``raw`` against ``model``; record every error at its own line."""
    if not isinstance(raw, dict):
        problems.error(
            lines.locate(prefix),
            dotted(prefix),
            _message({"type": "dict_type", "input": raw, "loc": ()}, model),
        )
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelled field ("nmae") already says "maksud Anda 'name'?": the field it meant
        # is not also reported as missing.
        meant = {
            (*err["loc"][:-1], hint)
            for err in errors
            if err["type"] == "extra_forbidden"
            and (hint := _suggestion(str(err["loc"][-1]), model, tuple(err["loc"][:-1])))
        }
        for err in errors:
            loc = tuple(err["loc"])
            if err["type"] == "missing" and loc in meant:
                continue
            problems.error(lines.locate((*prefix, *loc)), dotted(loc), _message(err, model))
        return None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector; reference counting still frees memory at once.

    A province's load makes about a million small objects (values, positions, models) that all
    stay alive and hold no cycles, so every automatic collection walked them again for nothing:
    a third of the time of reading 9,174 agency files.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def agency_files(data_dir: Path, problems: Problems) -> list[Path]:
    """The agency files; links and odd entries (a folder named ``x.yml``) become problems."""
    return input_files(data_dir / AGENCY_DIR, (".yml", ".yaml"), problems)


@dataclass
class _Read:
    """One agency file as last read: what it gave and what was wrong with it."""

    stamp: tuple[int, int, int, int]  # inode, size, mtime and ctime (ns) when read
    digest: bytes  # of the text parsed
    racy: bool  # changed too recently to trust the stamp alone
    agencies: list[SourcedAgency]
    salvaged: list[Salvaged]
    problems: list[Problem]
    unread: bool  # not read as YAML at all (RawData.unread)


# A file stamped less than this before it was read may change again within the same clock
# tick of the file system, size unchanged: its stamp alone proves nothing (git's "racy" files).
RACY_NS = 2_000_000_000


class FileCache:
    """Agency files read and validated once, reused while unchanged (``kanal serve``).

    A file is read again when its stamp (inode, size, mtime, ctime) changed; a file whose
    stamp was taken in the same instant as a write could be is compared by content.
    The models are never changed after validation, so reusing them is reusing the result.
    """

    def __init__(self) -> None:
        self.files: dict[Path, _Read] = {}
        self.parsed = 0  # files parsed by the last load (for tests and the benchmark)

    def read(self, file: Path, shown: str, problems: Problems) -> _Read:
        """The file's agencies and problems, from the cache when its content is the same."""
        try:
            info = os.stat(file)
        except OSError:
            info = None
        stamp = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns) if info else None
        known = self.files.get(file)
        if known is not None and stamp == known.stamp and not known.racy:
            problems.extend(known.problems)
            return known
        found = Problems()
        text = read_text(file, shown, found, YAML_MAX_BYTES)
        digest = b"" if text is None else hashlib.blake2b(text.encode(), digest_size=16).digest()
        if known is not None and text is not None and digest == known.digest and stamp:
            known.stamp, known.racy = stamp, _racy(stamp)
            problems.extend(known.problems)
            return known
        parts = None if text is None else _parse_agencies(text, shown, found)
        agencies, salvaged = parts or ([], [])
        problems.extend(found)
        self.parsed += 1
        if stamp is None or text is None:
            self.files.pop(file, None)
            return _Read((0, 0, 0, 0), b"", True, agencies, salvaged, found.items, True)
        read = _Read(stamp, digest, _racy(stamp), agencies, salvaged, found.items, parts is None)
        self.files[file] = read
        return read

    def keep_only(self, files: list[Path]) -> None:
        """Forget files that are gone."""
        wanted = set(files)
        for path in [p for p in self.files if p not in wanted]:
            del self.files[path]


def _racy(stamp: tuple[int, int, int, int]) -> bool:
    return time.time_ns() - max(stamp[2], stamp[3]) < RACY_NS


def _parse_agencies(
    text: str, shown: str, problems: Problems
) -> tuple[list[SourcedAgency], list[Salvaged]] | None:
    """The agencies of one file's text; None when it is not YAML."""
    parsed = parse_yaml_text(text, shown, problems)
    if not parsed:
        return None
    return _agencies_of(*parsed, problems)


def _names_in(item: dict[Any, Any]) -> tuple[str, ...]:
    """What an invalid agency's id, name, short name and aliases say, where they are text."""
    aliases = item.get("aliases")
    found = [item.get(key) for key in ("id", "name", "short_name")]
    found += aliases if isinstance(aliases, list) else []
    return tuple(name for name in found if isinstance(name, str) and name)


def _agencies_of(
    raw: Any, lines: LineMap, problems: Problems
) -> tuple[list[SourcedAgency], list[Salvaged]]:
    """The agencies of one parsed file, and the salvageable parts of the invalid ones."""
    agencies: list[SourcedAgency] = []
    salvaged: list[Salvaged] = []
    # A file holds one agency, or a list of them (handy for a district and its villages).
    items = [((i,), item) for i, item in enumerate(raw)] if isinstance(raw, list) else [((), raw)]
    for prefix, item in items:
        model = validate_model(AgencyIn, item, lines, prefix, problems)
        if model is not None:
            agencies.append(SourcedAgency(lines, prefix, model))
        elif isinstance(item, dict):
            accounts = _valid_items(item.get("accounts"), AccountIn)
            channels = _valid_items(item.get("channels"), ChannelIn)
            salvaged.append(Salvaged(lines, prefix, accounts, channels, _names_in(item)))
    return agencies, salvaged


def read_region(
    data_dir: Path, problems: Problems, display: DisplayPaths
) -> tuple[RegionIn | None, LineMap | None]:
    """``region.yml``, validated, and the positions of its values."""
    region_path = data_dir / REGION_FILE
    if not os.path.lexists(region_path):
        problems.error(
            Location(display(region_path)),
            "",
            f"berkas wilayah '{REGION_FILE}' tidak ditemukan",
        )
        return None, None
    parsed = read_yaml(region_path, display(region_path), problems)
    if not parsed:
        return None, None
    return validate_model(RegionIn, parsed[0], parsed[1], (), problems), parsed[1]


def listed_files(data_dir: Path, problems: Problems, display: DisplayPaths) -> list[Path]:
    """The agency files, with a problem when there is none."""
    files = agency_files(data_dir, problems)
    if not files:
        problems.error(
            Location(display(data_dir / AGENCY_DIR)), "", "tidak ada berkas instansi (*.yml)"
        )
    return files


def read_agencies(
    files: list[Path], problems: Problems, display: DisplayPaths
) -> tuple[list[SourcedAgency], list[Salvaged], list[str]]:
    """The agencies of ``files`` in their order, the salvageable parts of invalid ones, and
    the names of the files that could not be read as YAML (:attr:`RawData.unread`)."""
    agencies: list[SourcedAgency] = []
    salvaged: list[Salvaged] = []
    unread: list[str] = []
    for file in files:
        parsed = read_yaml(file, display(file), problems)
        if not parsed:
            unread.append(file.stem)
            continue
        found, parts = _agencies_of(*parsed, problems)
        agencies.extend(found)
        salvaged.extend(parts)
    return agencies, salvaged, unread


def load_raw(data_dir: Path, problems: Problems, cache: FileCache | None = None) -> RawData:
    """Read the region file and every agency file under ``data_dir``; with a ``cache``,
    unchanged agency files are not read again."""
    display = DisplayPaths()  # thousands of files in a few folders: resolve each once
    region, region_lines = read_region(data_dir, problems, display)
    files = listed_files(data_dir, problems, display)
    if cache is None:
        agencies, salvaged, unread = read_agencies(files, problems, display)
        return RawData(region, region_lines, agencies, data_dir, salvaged, unread)
    agencies, salvaged, unread = [], [], []
    cache.parsed = 0
    cache.keep_only(files)
    for file in files:
        read = cache.read(file, display(file), problems)
        agencies.extend(read.agencies)
        salvaged.extend(read.salvaged)
        if read.unread:
            unread.append(file.stem)
    return RawData(region, region_lines, agencies, data_dir, salvaged, unread)
