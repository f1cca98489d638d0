"""Reading each member's published data: manifest, then the files it lists, each hash-checked.

A member trusts nobody and is trusted by nobody: every figure the province shows is recomputed
from the member's published **records** (``generator.province.records``): the registry counts
from ``agencies.csv`` and ``accounts.csv`` against the official Kepmendagri list this package
carries, the complaint figures from ``complaints.csv`` with its ``calendar.csv`` and targets,
posting from ``posts-YYYY.csv.gz``. Each file must match the size and SHA-256 the manifest gives,
and the member's own published figures (``kanal.json``, ``figures.csv``) must be what its
records give, or the member is *tidak konsisten*.

A member is hostile until read: a folder member's links are refused like a region's own data
(``generator.safeinput.files``), every file is read as a stream bounded in rows as well as
bytes, and its names follow the region's text rules (``generator.safeinput.invisible``). Over
HTTP the same guards as ``kanal fetch`` apply (generator.feeds.fetch: deadlines, size caps after
decompression, redirects bounded, public addresses only).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import hashlib
import math
import re
import time
import unicodedata
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.complaints.figures import wilson
from generator.feeds.fetch import FetchConfig, fetch_one, make_client, run_sync
from generator.opendata.cells import unquote
from generator.opendata.manifest import MANIFEST_NAME, Manifest, ManifestError, read_manifest
from generator.province import records as rec
from generator.province.members import Member
from generator.registry import regions
from generator.registry.accounts import AccountError, identify, normalize_account
from generator.registry.models import Kind
from generator.registry.settings import ComplaintsIn
from generator.registry.zones import timezone_for
from generator.safeinput.files import LINK_MESSAGE, linked_part, read_bytes
from generator.safeinput.invisible import describe, first_invisible
from generator.safeinput.problems import Problems

STALE_DAYS = 45  # a member's data older than this is shown as old, never as current
MANIFEST_MAX = 2_000_000
FILE_MAX = 64_000_000
NEEDED = ("agencies.csv", "accounts.csv")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Status of a member, in the order the page explains them.
STATUS_LABELS = {
    "ok": "Terbaca dan terverifikasi",
    "stale": "Data lama",
    "unreachable": "Tidak dapat dibaca",
    "unknown_version": "Format tidak dikenal",
    "tampered": "Hash tidak cocok",
    "inconsistent": "Tidak konsisten",
}


# As on a regency site: fewer complaints in the period than this are "data belum cukup".
MIN_RECORDS: int = ComplaintsIn.model_fields["min_records"].default
REASON_MAX = 300  # characters of a status reason shown on the page and in the terminal
# Characters of an agency's name or short name the province keeps: its finder copies a
# kecamatan's name into each of its villages' rows, so a 120,000-character name made a 422 KB
# agencies.csv into a 922 MB site. Longer names are cut with an ellipsis, not refused (a
# regency's own check sets no length; the longest real OPD names are under 120 characters).
NAME_MAX = 200
KINDS = frozenset(k.value for k in Kind)


def _shown(text: str) -> str:
    """``text`` safe to show: a member's manifest can put terminal escape sequences, bidi
    controls or megabytes into its region name, and error messages quote it."""
    clean = "".join(
        "\ufffd" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text
    )
    return clean if len(clean) <= REASON_MAX else clean[: REASON_MAX - 1] + "\u2026"


class MemberFailure(Exception):
    def __init__(self, status: str, reason: str):
        reason = _shown(reason)
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass(frozen=True)
class Level:
    registered: int  # registered units with an official code of this member (kecamatan, desa)
    official: int | None
    active: int  # of the registered, those with an active official social-media account

    @property
    def share(self) -> float | None:
        """Share of the official count (of the registered for OPD) with an active account."""
        base = self.official if self.official is not None else self.registered
        return self.active / base if base else None


@dataclass(frozen=True)
class Responsiveness:
    records: int
    eligible: int
    within: int
    share: float | None
    low: float | None
    high: float | None
    median_days: int | None

    @property
    def enough(self) -> bool:
        """At least the minimum sample: otherwise shown as "data belum cukup", as on a
        regency site."""
        return self.records >= MIN_RECORDS


@dataclass(frozen=True)
class Posting:
    """Agencies with a social-media post in the last 30 days (recomputed from the post
    records), of the member's agencies counted as coverage counts them (official counts for
    kecamatan and desa/kelurahan, registered OPD)."""

    agencies: int
    of: int

    @property
    def share(self) -> float | None:
        return self.agencies / self.of if self.of else None


@dataclass
class MemberResult:
    member: Member
    status: str = "unreachable"
    reason: str | None = None
    manifest: Manifest | None = None
    opd: Level | None = None
    kecamatan: Level | None = None
    desa: Level | None = None
    complaints: Responsiveness | None = None
    posting: Posting | None = None  # recomputed from the post records
    # For the province's finder and checker: the member's agencies (id, name, short name, kind,
    # parent id) and their current accounts (agency id, platform, url, status).
    agencies: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    accounts: list[tuple[str, str, str, str]] = field(default_factory=list)
    # Each account's (platform, key) as the checker reads it, None for a website (disputes).
    account_keys: list[tuple[str, str] | None] = field(default_factory=list)
    # Accounts it lists that another member lists as strongly (the URL as it wrote it, those
    # members): left out of the province's finder and checker (see disputes) ...
    disputed: list[tuple[str, list[Member]]] = field(default_factory=list)
    # ... and those other members claim more strongly, or the province settled as another's
    # (the URL, those members, why in words): its own row is left out.
    yielded: list[tuple[str, list[Member], str]] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        """Figures are shown only for members read and verified (old data: marked as old)."""
        return self.status in ("ok", "stale")

    @property
    def reference_date(self) -> dt.date | None:
        return self.manifest.reference_date if self.manifest else None

    @property
    def posting_share(self) -> float | None:
        return self.posting.share if self.posting else None


# -- reading bytes ----------------------------------------------------------------------------


class _Source:
    """Reads a member's published files from a folder or a site."""

    def __init__(self, member: Member, client=None, cfg: FetchConfig | None = None):
        self.member, self.client, self.cfg = member, client, cfg

    async def read(self, name: str, limit: int, too_large: str = "unreachable") -> bytes:
        """The file's bytes; over ``limit`` is a failure with status ``too_large``."""
        if self.member.path is not None:
            return self._read_folder(name, limit, too_large)
        assert self.member.site and self.client is not None and self.cfg is not None
        url = self.member.site.rstrip("/") + "/data/" + name
        # The same guards as the client (allow-list, item caps, deadlines); this file's cap.
        got = await fetch_one(self.client, url, dataclasses.replace(self.cfg, max_bytes=limit))
        if got.outcome != "ok":
            status = too_large if (got.error or "").startswith("isi lebih dari") else "unreachable"
            raise MemberFailure(status, f"{url}: {site_words(got.error or 'gagal dibaca')}")
        return got.body

    def _read_folder(self, name: str, limit: int, too_large: str) -> bytes:
        """A regular file inside the member's folder: a link anywhere from the member folder
        down (``data/`` itself, the file) is refused, never followed, like a region's data."""
        assert self.member.path is not None
        root = self.member.path
        path = root / "data" / name
        link = linked_part(root, path)
        if link is not None:
            where = link.relative_to(root).as_posix()
            raise MemberFailure("unreachable", f"{where} {LINK_MESSAGE}")
        if not path.exists():
            # Not the folder's absolute path: the reason is published on the page and in the CSV.
            raise MemberFailure(
                "unreachable", f"berkas data/{name} tidak ada di folder situs anggota (members.yml)"
            )
        problems = Problems()
        body = read_bytes(path, f"data/{name}", problems, limit)
        if body is None:
            message = problems.errors[0].message if problems.errors else "tidak bisa dibaca"
            status = too_large if message.startswith("berkas terlalu besar") else "unreachable"
            if status == too_large:
                message = f"lebih besar dari {limit:,} bait"
            raise MemberFailure(status, f"data/{name} {message}")
        return body


# Words of the shared fetch guards ("feed") as they apply to a member's site.
_SITE_WORDS = (
    ("alamat feed", "alamat situs anggota"),
    ("tidak boleh dipakai untuk feed", "tidak boleh dibaca sebagai situs anggota"),
    ("feed harus beralamat", "situs anggota harus beralamat"),
)


def site_words(error: str) -> str:
    """A fetch error in the words of the province: a member's site is not a feed."""
    for feed, site in _SITE_WORDS:
        error = error.replace(feed, site)
    return re.sub(r"(?<![\w.])feed(?![\w.])", "situs anggota", error)


def _rows(body: bytes, name: str):
    """The rows of a published CSV file, streamed and bounded (generator.province.records)."""
    return rec.rows(body, name)


async def _verified(source: _Source, manifest: Manifest, name: str) -> bytes:
    entry = next((f for f in manifest.files if f.path == name), None)
    if entry is None:
        raise MemberFailure("tampered", f"data/{name} tidak tercantum di kanal.json")
    # A file larger than the manifest says is not the file the manifest describes.
    mismatch = f"isi data/{name} tidak sama dengan ukuran dan hash SHA-256 di kanal.json"
    try:
        body = await source.read(name, min(FILE_MAX, entry.bytes), too_large="tampered")
    except MemberFailure as exc:
        raise MemberFailure(
            exc.status, mismatch if exc.status == "tampered" else exc.reason
        ) from None
    if len(body) != entry.bytes or hashlib.sha256(body).hexdigest() != entry.sha256:
        raise MemberFailure("tampered", mismatch)
    return body


def _level_of(kind: str) -> str:
    return {
        "kecamatan": "kecamatan",
        "desa": "desa",
        "kelurahan": "desa",
        "kabupaten": "daerah",
        "kota": "daerah",
    }.get(kind, "opd")


def _text(value: str | None, name: str, line: int, column: str) -> str:
    """A member's text cell under the region's text rules: an invisible or direction-changing
    character (NUL, U+202E, ...) refuses the member, as it refuses a region's own data."""
    value = unquote(value)
    found = first_invisible(value)
    if found is not None:
        raise MemberFailure(
            "inconsistent",
            f"{name} baris {line}, kolom {column}: berisi karakter tak terlihat "
            f"{describe(found[1])}",
        )
    if column != "url" and len(value) > NAME_MAX:
        return value[: NAME_MAX - 1] + "\u2026"
    return value


@dataclass
class _Registry:
    """What the province keeps of a member's registry while its files stream past."""

    level: dict[str, str] = field(default_factory=dict)  # agency id -> level
    region_code: dict[str, str] = field(default_factory=dict)
    active: set[str] = field(default_factory=set)  # agencies with an active social account
    social: set[tuple[str, str]] = field(default_factory=set)  # (agency, url) of those accounts


def _figures(
    result: MemberResult,
    manifest: Manifest,
    agencies: bytes,
    accounts: bytes,
    units: dict[str, dict[int, set[str]]],
) -> _Registry:
    """Recompute the registry figures and check the manifest's counts against them."""
    code = result.member.code
    reg = _Registry()
    for line, r in enumerate(_rows(agencies, "agencies.csv"), 2):
        aid = r.get("id") or ""
        kind = r.get("kind") or ""
        if kind not in KINDS:  # an unknown kind would count as an OPD
            raise MemberFailure(
                "inconsistent",
                f"agencies.csv baris {line}: jenis instansi '{kind[:40]}' tidak dikenal",
            )
        if aid in reg.level:
            raise MemberFailure("inconsistent", f"agencies.csv baris {line}: id '{aid[:40]}' ganda")
        reg.level[aid] = _level_of(kind)
        reg.region_code[aid] = r.get("region_code") or ""
        name = _text(r.get("name"), "agencies.csv", line, "name")
        short = _text(r.get("short_name"), "agencies.csv", line, "short_name")
        # Only well-formed ids: they become link paths on the province site.
        if SLUG.fullmatch(aid):
            result.agencies.append((aid, name, short, kind, r.get("parent") or ""))
    known = {a[0] for a in result.agencies}
    owner: dict[str, str] = {}  # an active social account's key -> the agency claiming it
    for line, r in enumerate(_rows(accounts, "accounts.csv"), 2):
        agency, status = r.get("agency") or "", r.get("status") or ""
        url = _text(r.get("url"), "accounts.csv", line, "url")
        if rec.is_active_social(r):
            key = _account_key(r.get("platform") or "", url, line)
            if owner.setdefault(key, agency) != agency:  # as a regency's check refuses it
                raise MemberFailure(
                    "inconsistent",
                    f"accounts.csv baris {line}: akun {url[:80]} diakui oleh dua instansi",
                )
            reg.active.add(agency)
            reg.social.add((agency, url))
        if agency in known and status in ("active", "inactive"):
            result.accounts.append((agency, r.get("platform") or "", url, status))
    counts: dict[str, list[int]] = {}
    for aid, level in reg.level.items():
        c = counts.setdefault(level, [0, 0])
        c[0] += 1
        c[1] += aid in reg.active
    for count in manifest.coverage:
        registered, with_active = counts.get(count.level, [0, 0])
        if count.registered != registered or count.with_active_account != with_active:
            raise MemberFailure(
                "inconsistent",
                f"angka tingkat '{count.level}' di kanal.json tidak sama dengan agencies.csv/accounts.csv",
            )
    official = units.get(code, {3: set(), 4: set()})

    def level(depth: int, name: str) -> Level:
        found: dict[str, bool] = {}
        for aid, lvl in reg.level.items():
            unit = reg.region_code[aid]
            if lvl == name and unit in official[depth]:
                found[unit] = found.get(unit, False) or aid in reg.active
        return Level(len(found), len(official[depth]), sum(found.values()))

    opd_registered, opd_active = counts.get("opd", [0, 0])
    result.opd = Level(opd_registered, None, opd_active)
    result.kecamatan = level(3, "kecamatan")
    result.desa = level(4, "desa")
    return reg


def _account_key(platform: str, url: str, line: int) -> str:
    """The account an active social-media row names, read as a regency reads it: a URL that
    is not an account of its platform (empty, ``javascript:``, another site) counts for no
    coverage."""
    try:
        return normalize_account(platform, None, url).key
    except AccountError as exc:
        raise MemberFailure(
            "inconsistent", f"accounts.csv baris {line}: url {url[:80]!r} tidak sah: {exc}"
        ) from None


def _number(value: str | None, kind=int):
    """A number of figures.csv; text, NaN, infinity or a negative is a broken file."""
    value = unquote(value)
    if value in ("", None):
        return None
    try:
        number = kind(value)
    except ValueError:
        number = None
    if number is None or not math.isfinite(number) or number < 0:
        raise MemberFailure("inconsistent", f"figures.csv memuat angka tidak sah '{value[:40]}'")
    return number


# A member's published shares must be the ones its own counts give (an older member rounded
# them to 6 decimals; a newer one writes them whole).
SHARE_TOLERANCE = 2e-6


def _check_responsiveness(f: Responsiveness) -> None:
    """Counts in order (within <= eligible <= records), shares recomputed from the counts."""
    broken = MemberFailure(
        "inconsistent", "angka aduan di figures.csv tidak cocok satu sama lain (n, persentase)"
    )
    if not f.within <= f.eligible <= f.records:
        raise broken
    low, high = wilson(f.within, f.eligible)
    wanted = (f.within / f.eligible, low, high) if f.eligible else (None, None, None)
    for got, want in zip((f.share, f.low, f.high), wanted, strict=True):
        if (got is None) != (want is None) or (
            got is not None and abs(got - want) > SHARE_TOLERANCE
        ):
            raise broken


def _published_overall(result: MemberResult, manifest: Manifest, body: bytes) -> tuple:
    """figures.csv's overall row, checked in itself and against kanal.json; and its
    reference date."""
    overall = next((r for r in _rows(body, "figures.csv") if r.get("dimension") == "overall"), None)
    summary = manifest.complaints
    if overall is None or summary is None:
        raise MemberFailure("inconsistent", "figures.csv tidak memuat baris 'overall'")
    figures = Responsiveness(
        records=_number(overall.get("records")) or 0,
        eligible=_number(overall.get("first_response_eligible")) or 0,
        within=_number(overall.get("first_response_within_target")) or 0,
        share=_number(overall.get("first_response_within_share"), float),
        low=_number(overall.get("first_response_within_low"), float),
        high=_number(overall.get("first_response_within_high"), float),
        median_days=_number(overall.get("first_response_median_workdays")),
    )
    _check_responsiveness(figures)
    if (figures.records, figures.within, figures.eligible, figures.median_days) != (
        summary.records,
        summary.first_response_within_target,
        summary.first_response_eligible,
        summary.first_response_median_workdays,
    ):
        raise MemberFailure(
            "inconsistent", "angka aduan di kanal.json tidak sama dengan figures.csv"
        )
    try:
        reference = dt.date.fromisoformat(overall.get("reference_date") or "")
    except ValueError:
        raise MemberFailure("inconsistent", "figures.csv: tanggal acuan tidak sah") from None
    return figures, reference


def _days(n: int | None) -> str:
    return "–" if n is None else f"{n} hari kerja"


async def _complaints(result: MemberResult, manifest: Manifest, source: _Source) -> None:
    """The complaint figures recomputed from complaints.csv with the member's calendar and
    targets; the member's own figures.csv must say the same."""
    summary = manifest.complaints
    assert summary is not None
    figures_csv = await _verified(source, manifest, "figures.csv")
    published, reference = await asyncio.to_thread(
        _published_overall, result, manifest, figures_csv
    )
    if reference != manifest.reference_date:
        raise MemberFailure(
            "inconsistent",
            f"tanggal acuan figures.csv {reference.isoformat()} tidak sama dengan kanal.json "
            f"{manifest.reference_date.isoformat()}",
        )
    counts = await asyncio.to_thread(
        rec.recompute_complaints,
        await _verified(source, manifest, "complaints.csv"),
        await _verified(source, manifest, "calendar.csv"),
        (summary.period_start, summary.period_end),
        reference,
        manifest.region.timezone,
    )
    claimed = (published.records, published.eligible, published.within, published.median_days)
    if claimed != (counts.records, counts.eligible, counts.within, counts.median_days):
        raise MemberFailure(
            "inconsistent",
            f"figures.csv menyatakan {published.within} dari {published.eligible} aduan "
            f"ditanggapi dalam target (n = {published.records}, median "
            f"{_days(published.median_days)}), tetapi catatan complaints.csv memberi "
            f"{counts.within} dari {counts.eligible} (n = {counts.records}, median "
            f"{_days(counts.median_days)})",
        )
    low, high = wilson(counts.within, counts.eligible) if counts.eligible else (None, None)
    result.complaints = Responsiveness(
        records=counts.records,
        eligible=counts.eligible,
        within=counts.within,
        share=counts.within / counts.eligible if counts.eligible else None,
        low=low,
        high=high,
        median_days=counts.median_days,
    )


async def _posting(
    result: MemberResult, manifest: Manifest, source: _Source, reg: _Registry, listed: set[str]
) -> None:
    """Posting recomputed from the post records; the member's claims must agree. ``listed``:
    the files the manifest lists."""
    claimed = {c.level: c.posting_30 for c in manifest.coverage if c.posting_30 is not None}
    activity = manifest.activity
    if not claimed and activity is None:
        if any(POST_FILE.fullmatch(name) for name in listed):
            raise MemberFailure(
                "inconsistent",
                "kanal.json tidak memuat angka unggahan, padahal catatan unggahan "
                "posts-*.csv.gz diterbitkan",
            )
        return  # no post history published: nothing claimed, nothing shown
    if activity is not None and activity.agencies_posting_30 > activity.agencies_monitored:
        raise MemberFailure(
            "inconsistent",
            "kanal.json: instansi yang mengunggah lebih banyak daripada instansi yang dipantau",
        )
    posts = [
        (name, await _verified(source, manifest, name))
        for name in (f"posts-{y}.csv.gz" for y in rec.window_years(manifest.reference_date))
        if name in listed
    ]
    posting = await asyncio.to_thread(
        rec.posting_agencies, posts, reg.social, manifest.reference_date
    )
    per_level: dict[str, int] = {}
    for aid in posting:
        level = reg.level.get(aid)
        if level is not None:
            per_level[level] = per_level.get(level, 0) + 1
    for level, count in claimed.items():
        if per_level.get(level, 0) != count:
            raise MemberFailure(
                "inconsistent",
                f"kanal.json menyatakan {count} instansi tingkat '{level}' aktif mengunggah, "
                f"tetapi catatan unggahan posts-*.csv.gz memberi {per_level.get(level, 0)}",
            )
    total = sum(per_level.values())
    if activity is not None and activity.agencies_posting_30 != total:
        raise MemberFailure(
            "inconsistent",
            f"kanal.json menyatakan {activity.agencies_posting_30} instansi aktif mengunggah, "
            f"tetapi catatan unggahan posts-*.csv.gz memberi {total}",
        )
    shown = [(result.opd, "opd"), (result.kecamatan, "kecamatan"), (result.desa, "desa")]
    of = sum(
        (lvl.official if lvl.official is not None else lvl.registered) for lvl, _ in shown if lvl
    )
    result.posting = Posting(sum(per_level.get(name, 0) for _, name in shown), of)


async def _read_member(
    member: Member,
    today: dt.date,
    units: dict[str, dict[int, set[str]]],
    client,
    cfg: FetchConfig,
) -> MemberResult:
    result = MemberResult(member)
    timeout = cfg.timeout if member.site else None
    # The records are parsed in threads (the event loop keeps serving the other members'
    # downloads), which look at this deadline as they read (records.DEADLINE).
    rec.DEADLINE.set(time.monotonic() + timeout if timeout is not None else None)
    try:
        # One deadline for all of a member's files: a server that answers each file just under
        # the per-file limit must not hold the province build for minutes.
        async with asyncio.timeout(timeout):
            await _read_files(result, member, today, units, _Source(member, client, cfg))
    except (TimeoutError, rec.OutOfTime):
        _failed(
            result,
            "unreachable",
            f"{member.site}: waktu habis ({cfg.timeout:g} detik untuk semua berkasnya)",
        )
    except MemberFailure as exc:
        _failed(result, exc.status, exc.reason)
    except rec.RecordsError as exc:
        _failed(result, "inconsistent", str(exc))
    except Exception as exc:  # noqa: BLE001 - one member's data never stops the province
        _failed(result, "inconsistent", f"data anggota tidak bisa diolah ({type(exc).__name__})")
    return result


def _failed(result: MemberResult, status: str, reason: str) -> None:
    reason = _shown(reason)  # a records message quotes the member's own cells
    result.status, result.reason = status, reason
    result.opd = result.kecamatan = result.desa = None
    result.complaints, result.posting = None, None
    result.agencies, result.accounts = [], []


async def _read_files(
    result: MemberResult,
    member: Member,
    today: dt.date,
    units: dict[str, dict[int, set[str]]],
    source: _Source,
) -> None:
    try:
        manifest = read_manifest(await source.read(MANIFEST_NAME, MANIFEST_MAX))
    except ManifestError as exc:
        status = (
            "unknown_version"
            if "versi" in str(exc) or "bukan manifes" in str(exc)
            else "inconsistent"
        )
        raise MemberFailure(status, str(exc)) from None
    result.manifest = manifest
    if manifest.region.code != member.code:
        raise MemberFailure(
            "inconsistent",
            f"kanal.json milik wilayah {manifest.region.code} ({manifest.region.name}), bukan {member.code}",
        )
    _check_clock(manifest, member.code, today)
    listed = {f.path for f in manifest.files}
    if manifest.complaints is None and "complaints.csv" in listed:
        raise MemberFailure(
            "inconsistent",
            "kanal.json tidak memuat angka aduan, padahal catatan complaints.csv diterbitkan",
        )
    if not manifest.coverage:
        raise MemberFailure("inconsistent", "kanal.json tidak memuat angka cakupan akun")
    agencies = await _verified(source, manifest, "agencies.csv")
    accounts = await _verified(source, manifest, "accounts.csv")
    # Read into a result of its own: a thread cannot be stopped, and one still reading after
    # the member's deadline must not fill the result the deadline emptied (_failed).
    found = MemberResult(member)
    registry = await asyncio.to_thread(_figures, found, manifest, agencies, accounts, units)
    result.agencies, result.accounts = found.agencies, found.accounts
    result.opd, result.kecamatan, result.desa = found.opd, found.kecamatan, found.desa
    del agencies, accounts
    if manifest.complaints is not None:
        await _complaints(result, manifest, source)
    await _posting(result, manifest, source, registry, listed)
    age = (today - manifest.reference_date).days
    if age > STALE_DAYS:
        result.status = "stale"
        result.reason = (
            f"data per {manifest.reference_date.isoformat()}, {age} hari sebelum tanggal acuan"
        )
    else:
        result.status = "ok"


POST_FILE = re.compile(r"posts-[0-9]{4}\.csv\.gz")


def _check_clock(manifest: Manifest, code: str, today: dt.date) -> None:
    """The member's reference date and time zone, before any date arithmetic: a year-1 date
    overflows it, a later date than today no build could have, and a zone other than the
    member's own (WIB, WITA, WIT by its province) moves every local date its figures are
    counted by."""
    reference = manifest.reference_date
    if (today - reference).days < -1:  # a day of slack for time zones
        raise MemberFailure(
            "inconsistent", f"tanggal acuan kanal.json {reference.isoformat()} belum terjadi"
        )
    if reference < rec.FIRST_DAY:
        raise MemberFailure(
            "inconsistent", f"tanggal acuan kanal.json {reference.isoformat()} tidak sah"
        )
    zone = manifest.region.timezone
    try:
        expected = zoneinfo.ZoneInfo(timezone_for(code))
        given = zoneinfo.ZoneInfo(zone)
    except (ValueError, KeyError, OSError, zoneinfo.ZoneInfoNotFoundError):
        raise MemberFailure(
            "inconsistent", f"zona waktu kanal.json '{zone[:40]}' tidak dikenal"
        ) from None
    noon = dt.datetime.combine(reference, dt.time(12))
    if given.utcoffset(noon) != expected.utcoffset(noon):
        raise MemberFailure(
            "inconsistent",
            f"zona waktu kanal.json '{zone[:40]}' bukan zona waktu wilayah {code} "
            f"({timezone_for(code)})",
        )


async def _collect(
    members: list[Member],
    today: dt.date,
    units: dict[str, dict[int, set[str]]],
    cfg: FetchConfig,
) -> list[MemberResult]:
    gate = asyncio.Semaphore(cfg.workers)
    async with make_client(cfg) as client:

        async def one(member: Member) -> MemberResult:
            async with gate:
                return await _read_member(member, today, units, client, cfg)

        return list(await asyncio.gather(*(one(m) for m in members)))


def collect(
    members: list[Member],
    today: dt.date,
    cfg: FetchConfig | None = None,
    codes: dict[str, str] | None = None,
) -> list[MemberResult]:
    """Read every member (concurrently); one member's trouble never touches another's result."""
    cfg = cfg or FetchConfig(timeout=30.0, workers=8)
    codes = codes if codes is not None else regions.reference_codes()
    results = run_sync(_collect(members, today, units_by_regency(codes), cfg))
    disputes(results)
    return results


def disputes(results: list[MemberResult]) -> None:
    """An account listed by more than one shown member (one copied the other's, kept an old
    row, or lists an impostor's): which listing the province's finder and checker keep.

    A listing's strength: listed ``active`` by a member read as current ("ok") 3, ``active``
    by one whose data is old ("stale") 2, ``inactive`` by a current one 1, by an old one 0.
    The one member with the strongest listing keeps the account; the others' rows are left
    out (``yielded``: an old site or an abandoned row cannot take a neighbour's account out of
    the checker). Two or more members with the strongest listing: the province cannot tell
    whose it is, and neither's row reaches the finder and checker, which would call the
    account official for both (``disputed``; the page lists them, ``kanal province`` warns).
    An account the province has settled (``owns`` in members.yml) is that member's alone,
    whoever else lists it and however strongly. Each member keeps its figures (each is
    checked alone; a regency's own check refuses an account two of its agencies claim). Each
    URL is identified once, here (``account_keys``, which the finder index reads)."""
    shown = [r for r in results if r.shown]
    strongest: dict[str, tuple[int, list[MemberResult]]] = {}
    listers: Counter[str] = Counter()  # members listing each account
    for r in shown:
        r.account_keys = [listed_key(url) for _, _, url, _ in r.accounts]
        best: dict[str, int] = {}
        for (_, _, _, status), ident in zip(r.accounts, r.account_keys, strict=True):
            if ident is not None:
                level = (2 if status == "active" else 0) + (r.status == "ok")
                best[ident[1]] = max(best.get(ident[1], -1), level)
        for key, level in best.items():
            listers[key] += 1
            top, who = strongest.get(key, (-1, []))
            if level > top:
                strongest[key] = (level, [r])
            elif level == top:
                who.append(r)
    shared = {key for key, n in listers.items() if n > 1}
    # The province's own decisions (members.yml ``owns``): that member's, whoever lists it.
    settled = {key: r for r in results for key in r.member.owns}
    for r in shown:
        if not any(
            ident is not None and (ident[1] in shared or ident[1] in settled)
            for ident in r.account_keys
        ):
            continue
        kept_rows, kept_keys, told = [], [], set()
        for row, ident in zip(r.accounts, r.account_keys, strict=True):
            key = ident[1] if ident is not None else None
            if key in settled:
                if settled[key] is r:
                    kept_rows.append(row)
                    kept_keys.append(ident)
                elif key not in told:
                    told.add(key)
                    owner = settled[key]
                    why = f"diputuskan provinsi milik {member_names([owner.member])}"
                    if not owner.shown:
                        why += " (data daerah itu tidak terbaca saat ini: akun ini tidak tercantum)"
                    r.yielded.append((row[2], [owner.member], why))
                continue
            if key not in shared:
                kept_rows.append(row)
                kept_keys.append(ident)
                continue
            winners = strongest[key][1]
            if len(winners) == 1 and winners[0] is r:
                kept_rows.append(row)
                kept_keys.append(ident)
            elif key not in told:
                told.add(key)
                if r in winners:
                    r.disputed.append((row[2], [o.member for o in winners if o is not r]))
                else:
                    level, names = strongest[key][0], member_names([o.member for o in winners])
                    why = f"dicantumkan {_LISTED[level]} oleh {names}"
                    if len(winners) > 1:
                        why += (
                            ", yang memperebutkannya: akun ini tidak disebut resmi untuk siapa pun"
                        )
                    r.yielded.append((row[2], [o.member for o in winners], why))
        r.accounts, r.account_keys = kept_rows, kept_keys


# How a listing that won reads, by its strength (disputes).
_LISTED = {
    3: "sebagai akun aktif dengan data terbaru",
    2: "sebagai akun aktif (data lama)",
    1: "sebagai akun tidak aktif dengan data terbaru",
    0: "sebagai akun tidak aktif (data lama)",
}


def member_names(members: list[Member], shown: int = 5) -> str:
    """'Kabupaten Blora (33.16), ...' for at most ``shown`` members, then how many more."""
    names = ", ".join(f"{m.name} ({m.code})" for m in members[:shown])
    more = len(members) - shown
    return f"{names} dan {more} daerah lain" if more > 0 else names


def listed_key(url: str) -> tuple[str, str] | None:
    """The account a member's accounts.csv row names, as the province's checker reads it:
    (platform, key), or None for what is no account of a platform (a website)."""
    account = identify(url)
    return (account.platform, account.key) if account is not None else None


def units_by_regency(codes: dict[str, str]) -> dict[str, dict[int, set[str]]]:
    """Kecamatan (depth 3) and desa/kelurahan (depth 4) codes of each regency, in one pass."""
    out: dict[str, dict[int, set[str]]] = {}
    for code in codes:
        depth = regions.depth(code)
        if depth in (3, 4):
            regency = code[:5]  # "PP.KK"
            out.setdefault(regency, {3: set(), 4: set()})[depth].add(code)
    return out


def read_folder(path: Path, code: str, name: str, today: dt.date) -> MemberResult:
    """One member from a built site folder (benchmarks, tests)."""
    from generator.safeinput.problems import Location

    member = Member(code, name, None, path, Location(str(path)))
    return collect([member], today)[0]
