"""An office's "daftar akun media sosial" spreadsheet read as registry entries.

Columns are recognized by their Indonesian names and common variants ("Nama OPD", "Kode
Wilayah", "Akun IG", "No WA", ...). Two layouts are read, even mixed in one workbook: one row
per unit with a column per platform, or one row per account (a "Platform" column and an
"Akun"/"URL" column). Values are normalized exactly as in hand-written YAML
(``registry.accounts`` for handles and URLs, ``registry.contacts`` for numbers and e-mail).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.registry.accounts import AccountError, identify, normalize_account
from generator.registry.contacts import ContactError, normalize_channel
from generator.registry.models import AccountStatus, ChannelIn, ChannelType
from generator.safeinput.problems import Location, Problems
from generator.safeinput.sheets import SheetRow
from generator.safeinput.words import column_hint, header_key

# Column meaning -> header names (compared after _header_key). "unit": the unit's name.
_HEADERS: dict[str, tuple[str, ...]] = {
    "unit": (
        "nama opd",
        "opd",
        "nama unit",
        "unit",
        "unit kerja",
        "nama unit kerja",
        "nama instansi",
        "instansi",
        "perangkat daerah",
        "nama perangkat daerah",
        "nama",
        "satuan kerja",
        "nama skpd",
        "skpd",
        "nama desa",
        "desa",
        "desa kelurahan",
        "nama desa kelurahan",
        "kelurahan",
        "nama kelurahan",
        "nama kecamatan",
        "unit instansi",
    ),
    "parent": ("kecamatan", "nama kecamatan induk", "kec"),
    "code": (
        "kode",
        "kode wilayah",
        "kode kemendagri",
        "kode kepmendagri",
        "kode desa",
        "kode kecamatan",
        "kode wilayah kemendagri",
        "kode bps kemendagri",
    ),
    "id": ("id", "id kanal", "id instansi"),
    "platform": ("platform", "media sosial", "medsos", "jenis akun", "jenis media sosial"),
    "account": (
        "akun",
        "handle",
        "username",
        "nama akun",
        "url",
        "tautan",
        "link",
        "alamat akun",
        "url akun",
        "link akun",
        "akun url",
    ),
    "status": ("status", "status akun"),
    "note": ("keterangan", "catatan", "ket"),
    "skip": ("no", "nomor urut", "urut"),
}
_PLATFORM_HEADERS: dict[str, tuple[str, ...]] = {
    "instagram": ("instagram", "ig", "akun ig", "akun instagram", "url instagram", "link ig"),
    "facebook": ("facebook", "fb", "akun fb", "akun facebook", "fanspage", "halaman facebook"),
    "x": ("x", "twitter", "x twitter", "twitter x", "akun x", "akun twitter"),
    "tiktok": ("tiktok", "tik tok", "akun tiktok"),
    "youtube": ("youtube", "yt", "kanal youtube", "channel youtube", "akun youtube"),
    "threads": ("threads", "akun threads"),
}
_CHANNEL_HEADERS: dict[ChannelType, tuple[str, ...]] = {
    ChannelType.WHATSAPP: (
        "wa",
        "no wa",
        "nomor wa",
        "whatsapp",
        "no whatsapp",
        "nomor whatsapp",
        "wa pengaduan",
        "whatsapp pengaduan",
        "wa layanan",
        "hotline wa",
    ),
    ChannelType.PHONE: (
        "telepon",
        "telp",
        "tlp",
        "no telp",
        "no telepon",
        "nomor telepon",
        "phone",
        "telepon kantor",
        "no tlp",
    ),
    ChannelType.EMAIL: ("email", "e mail", "surel", "alamat email", "alamat surel"),
    ChannelType.WEBSITE: ("website", "situs", "situs web", "web", "alamat website", "laman"),
}
_PLATFORM_WORDS = {
    "instagram": "instagram",
    "ig": "instagram",
    "facebook": "facebook",
    "fb": "facebook",
    "x": "x",
    "twitter": "x",
    "x twitter": "x",
    "twitter x": "x",
    "tiktok": "tiktok",
    "tik tok": "tiktok",
    "youtube": "youtube",
    "yt": "youtube",
    "threads": "threads",
}
_STATUS_WORDS = {
    "aktif": AccountStatus.ACTIVE,
    "active": AccountStatus.ACTIVE,
    "ya": AccountStatus.ACTIVE,
    "tidak aktif": AccountStatus.INACTIVE,
    "nonaktif": AccountStatus.INACTIVE,
    "non aktif": AccountStatus.INACTIVE,
    "inactive": AccountStatus.INACTIVE,
    "diarsipkan": AccountStatus.ARCHIVED,
    "arsip": AccountStatus.ARCHIVED,
    "archived": AccountStatus.ARCHIVED,
}
_EMPTY = frozenset(
    {"", "-", "--", "—", "–", "tidak ada", "belum ada", "n/a", "na", "nihil", "0", "x"}
)
_SPLIT = re.compile(r"\s*(?:[\n;,]|\s/\s)\s*")


def _header_key(text: str) -> str:
    """:func:`header_key`, with "No HP", "Nomor Telp" and the like as one "no telp"."""
    key = header_key(text)
    words = key.split()
    if words[:1] in (["no"], ["nomor"]) and len(words) > 1 and words[1] in ("hp", "telp"):
        return "no telp"
    return key


_COLUMN_OF = {
    **{_header_key(h): name for name, hs in _HEADERS.items() for h in hs},
    **{_header_key(h): f"platform:{p}" for p, hs in _PLATFORM_HEADERS.items() for h in hs},
    **{_header_key(h): f"channel:{t.value}" for t, hs in _CHANNEL_HEADERS.items() for h in hs},
}


# "Platform" cells that name a contact channel, in the one-row-per-account layout.
_CHANNEL_OF = {f"channel:{_header_key(h)}": t for t, hs in _CHANNEL_HEADERS.items() for h in hs}


@dataclass(frozen=True)
class NewAccount:
    platform: str
    url: str  # normalized
    key: str
    status: AccountStatus
    where: Location
    column: str


@dataclass(frozen=True)
class NewChannel:
    type: ChannelType
    value: str  # as written in YAML: the display form of a number, the address otherwise
    key: str  # canonical, to find one already listed
    where: Location
    column: str


@dataclass
class Entry:
    """One spreadsheet row: which unit it names and what it adds."""

    where: Location
    sheet: str | None
    unit: str = ""
    parent: str = ""
    code: str = ""
    id: str = ""
    accounts: list[NewAccount] = field(default_factory=list)
    channels: list[NewChannel] = field(default_factory=list)
    notes: bool = False


@dataclass
class Columns:
    header: SheetRow
    meaning: dict[int, str]  # column index -> meaning
    ignored: list[str]


def recognize(row: SheetRow) -> Columns | None:
    """The header row: names at least one unit column and one value column."""
    meaning = {
        i: _COLUMN_OF[_header_key(c)]
        for i, c in enumerate(row.cells)
        if _header_key(c) in _COLUMN_OF
    }
    found = set(meaning.values())
    names_unit = found & {"unit", "code", "id", "parent"}
    gives_value = any(m.startswith(("platform:", "channel:")) or m == "account" for m in found)
    if not names_unit or not gives_value:
        return None
    if (
        "unit" not in found and "parent" in found
    ):  # a sheet of kecamatan: "Kecamatan" names the unit
        meaning = {i: "unit" if m == "parent" else m for i, m in meaning.items()}
    known = list(_COLUMN_OF)
    ignored = [
        f"{c}{column_hint(_header_key(c), known)}"
        for i, c in enumerate(row.cells)
        if c and i not in meaning
    ]
    return Columns(row, meaning, ignored)


def _values(text: str) -> list[str]:
    return [v for v in _SPLIT.split(text.strip()) if v.strip().casefold() not in _EMPTY]


def _account(
    platform: str,
    value: str,
    status: AccountStatus,
    where: Location,
    column: str,
    problems: Problems,
) -> NewAccount | None:
    looks_url = "/" in value or value.casefold().startswith(("http", "www."))
    try:
        norm = normalize_account(
            platform, None if looks_url else value, value if looks_url else None
        )
    except AccountError as exc:
        problems.error(where, column, f"'{value}': {exc.message}")
        return None
    return NewAccount(platform, norm.url, norm.key, status, where, column)


def _channel(
    kind: ChannelType, value: str, where: Location, column: str, problems: Problems
) -> NewChannel | None:
    if kind is ChannelType.WEBSITE and not value.casefold().startswith(("http://", "https://")):
        value = "https://" + value
    try:
        channel = normalize_channel(ChannelIn(type=kind, value=value))
    except ContactError as exc:
        problems.error(where, column, f"'{value}': {exc}")
        return None
    shown = (
        channel.display
        if kind in (ChannelType.WHATSAPP, ChannelType.PHONE, ChannelType.SMS)
        else channel.value
    )
    return NewChannel(kind, shown, channel.value, where, column)


def read_entries(rows: list[SheetRow], shown: str, problems: Problems) -> list[Entry]:
    """Entries of every sheet that has a recognizable header; problems at their cell."""
    entries: list[Entry] = []
    sheets: dict[str | None, list[SheetRow]] = {}
    for row in rows:
        sheets.setdefault(row.sheet, []).append(row)
    if not rows:
        return entries
    for sheet, sheet_rows in sheets.items():
        columns = None
        for row in sheet_rows[:20]:  # a title and a blank line may sit above the header
            columns = recognize(row)
            if columns:
                break
        if columns is None:
            place = f"{shown}:{sheet}" if sheet else shown
            problems.error(
                Location(place),
                "",
                "baris judul tidak dikenali: butuh kolom nama unit (misalnya 'Nama OPD', "
                "'Desa') atau 'Kode Wilayah', dan kolom akun (misalnya 'Instagram', 'Akun', "
                "'No WA')",
            )
            continue
        if columns.ignored:
            problems.warning(
                columns.header.where,
                "",
                f"kolom tidak dikenal, diabaikan: {', '.join(columns.ignored)}",
            )
        start = sheet_rows.index(columns.header) + 1
        for row in sheet_rows[start:]:
            entry = _entry(row, columns, problems)
            if entry is not None:
                entries.append(entry)
    return entries


def _entry(row: SheetRow, columns: Columns, problems: Problems) -> Entry | None:
    entry = Entry(row.where, row.sheet)
    header = columns.header.cells
    cell = {
        m: row.cells[i] for i, m in columns.meaning.items() if i < len(row.cells) and row.cells[i]
    }
    entry.unit, entry.parent = cell.get("unit", ""), cell.get("parent", "")
    entry.code, entry.id = cell.get("code", ""), cell.get("id", "")
    entry.notes = "note" in cell
    status = AccountStatus.ACTIVE
    if "status" in cell:
        status = _STATUS_WORDS.get(_header_key(cell["status"]), AccountStatus.ACTIVE)
        if _header_key(cell["status"]) not in _STATUS_WORDS:
            problems.error(
                row.where,
                "Status",
                f"'{cell['status']}' tidak dikenal; tulis aktif, tidak aktif atau diarsipkan",
            )
    for i, meaning in columns.meaning.items():
        text = row.cells[i] if i < len(row.cells) else ""
        name = header[i]
        if meaning.startswith("platform:"):
            for value in _values(text):
                if acc := _account(meaning.split(":")[1], value, status, row.where, name, problems):
                    entry.accounts.append(acc)
        elif meaning.startswith("channel:"):
            for value in _values(text):
                if ch := _channel(
                    ChannelType(meaning.split(":")[1]), value, row.where, name, problems
                ):
                    entry.channels.append(ch)
    if "account" in cell:
        column = next(header[i] for i, m in columns.meaning.items() if m == "account")
        platform_text = cell.get("platform", "")
        platform = _PLATFORM_WORDS.get(_header_key(platform_text))
        kind = _CHANNEL_OF.get(f"channel:{_header_key(platform_text)}")
        for value in _values(cell["account"]):
            if platform is None and kind is not None:  # "Platform: WhatsApp", "Website"
                if ch := _channel(kind, value, row.where, column, problems):
                    entry.channels.append(ch)
                continue
            guess = platform
            if guess is None and not platform_text:
                known = identify(value)
                guess = known.platform if known else None
            if guess is None:
                problems.error(
                    row.where,
                    "Platform",
                    f"platform '{platform_text}' tidak dikenal; tulis Instagram, Facebook, X, "
                    "TikTok, YouTube atau Threads"
                    if platform_text
                    else f"platform akun '{value}' tidak bisa ditebak; isi kolom Platform",
                )
                continue
            if acc := _account(guess, value, status, row.where, column, problems):
                entry.accounts.append(acc)
    if not (entry.unit or entry.code or entry.id):
        if entry.accounts or entry.channels:
            problems.error(row.where, "", "baris tanpa nama unit atau kode wilayah")
        return None
    return entry
