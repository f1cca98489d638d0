"""Reading each member's published data: manifest, then the files it lists, each hash-checked.

A member's figures are never taken on trust from its manifest alone: the registry counts are
recomputed from its ``agencies.csv`` and ``accounts.csv`` against the official Kepmendagri
list this package carries, and the complaint figures are read from its ``figures.csv``; each
of those files must match the size and SHA-256 the manifest gives. The manifest's own counts
must agree with what the files say, or the member is marked inconsistent.

Over HTTP the same guards as ``kanal fetch`` apply (generator.feeds.fetch: deadlines, size caps
after decompression, redirects bounded, public addresses only).
"""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import datetime as dt
import hashlib
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from generator.complaints.figures import wilson
from generator.feeds.fetch import FetchConfig, fetch_one, make_client, run_sync
from generator.opendata.manifest import MANIFEST_NAME, Manifest, ManifestError, read_manifest
from generator.province.members import Member
from generator.registry import regions

STALE_DAYS = 45  # a member's data older than this is shown as old, never as current
MANIFEST_MAX = 2_000_000
FILE_MAX = 64_000_000
NEEDED = ("agencies.csv", "accounts.csv")
SOCIAL = {"instagram", "x", "facebook", "youtube", "tiktok", "threads"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Status of a member, in the order the page explains them.
STATUS_LABELS = {
    "ok": "Terbaca dan terverifikasi",
    "stale": "Data lama",
    "unreachable": "Tidak dapat dibaca",
    "unknown_version": "Format tidak dikenal",
    "tampered": "Hash tidak cocok",
    "inconsistent": "Angka tidak cocok dengan datanya",
}


REASON_MAX = 300  # characters of a status reason shown on the page and in the terminal


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
    posting_share: float | None = None  # accounts with a post in 30 days / monitored accounts
    # For the province's finder and checker: the member's agencies (id, name, short name, kind,
    # parent id) and their current accounts (agency id, platform, url, status).
    agencies: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    accounts: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        """Figures are shown only for members read and verified (old data: marked as old)."""
        return self.status in ("ok", "stale")

    @property
    def reference_date(self) -> dt.date | None:
        return self.manifest.reference_date if self.manifest else None


# -- reading bytes ----------------------------------------------------------------------------


class _Source:
    """Reads a member's published files from a folder or a site."""

    def __init__(self, member: Member, client=None, cfg: FetchConfig | None = None):
        self.member, self.client, self.cfg = member, client, cfg

    async def read(self, name: str, limit: int, too_large: str = "unreachable") -> bytes:
        """The file's bytes; over ``limit`` is a failure with status ``too_large``."""
        if self.member.path is not None:
            path = self.member.path / "data" / name
            try:
                if not path.is_file():
                    raise MemberFailure("unreachable", f"berkas data/{name} tidak ada di {path}")
                if path.stat().st_size > limit:
                    raise MemberFailure(too_large, f"data/{name} lebih besar dari {limit:,} bait")
                return path.read_bytes()
            except OSError as exc:
                raise MemberFailure(
                    "unreachable", f"data/{name} tidak bisa dibaca ({exc})"
                ) from None
        assert self.member.site and self.client is not None and self.cfg is not None
        url = self.member.site.rstrip("/") + "/data/" + name
        # The same guards as the client (allow-list, item caps, deadlines); this file's cap.
        got = await fetch_one(self.client, url, dataclasses.replace(self.cfg, max_bytes=limit))
        if got.outcome != "ok":
            status = too_large if (got.error or "").startswith("isi lebih dari") else "unreachable"
            raise MemberFailure(status, f"{url}: {got.error or 'gagal dibaca'}")
        return got.body


def _csv_rows(body: bytes, name: str) -> list[dict[str, str]]:
    try:
        return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise MemberFailure(
            "inconsistent", f"{name} tidak bisa dibaca sebagai CSV ({exc})"
        ) from None


def _unquote(value: str | None) -> str:
    """Undo the spreadsheet-safety quote Kanal's CSV puts before +, -, =, @ (see opendata)."""
    value = value or ""
    return value[1:] if value[:2] in ("'+", "'-", "'=", "'@") else value


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


def _figures(
    result: MemberResult,
    manifest: Manifest,
    agencies: bytes,
    accounts: bytes,
    units: dict[str, dict[int, set[str]]],
) -> None:
    """Recompute the registry figures and check the manifest's counts against them."""
    code = result.member.code
    rows = _csv_rows(agencies, "agencies.csv")
    account_rows = _csv_rows(accounts, "accounts.csv")
    active = {
        r.get("agency")
        for r in account_rows
        if r.get("status") == "active" and r.get("platform") in SOCIAL
    }
    # Only well-formed ids: they become link paths on the province site.
    result.agencies = [
        (
            r["id"],
            _unquote(r.get("name")),
            _unquote(r.get("short_name")),
            r.get("kind") or "",
            r.get("parent") or "",
        )
        for r in rows
        if SLUG.fullmatch(r.get("id") or "")
    ]
    known = {a[0] for a in result.agencies}
    result.accounts = [
        (r["agency"], r.get("platform") or "", _unquote(r.get("url")), r.get("status") or "")
        for r in account_rows
        if r.get("agency") in known and r.get("status") in ("active", "inactive")
    ]
    by_level: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_level.setdefault(_level_of(r.get("kind") or ""), []).append(r)
    for count in manifest.coverage:
        members = by_level.get(count.level, [])
        if count.registered != len(members) or count.with_active_account != sum(
            1 for r in members if r.get("id") in active
        ):
            raise MemberFailure(
                "inconsistent",
                f"angka tingkat '{count.level}' di kanal.json tidak sama dengan agencies.csv/accounts.csv",
            )
    official = units.get(code, {3: set(), 4: set()})

    def level(depth: int, name: str) -> Level:
        units: dict[str, bool] = {}
        for r in by_level.get(name, []):
            unit = r.get("region_code") or ""
            if unit in official[depth]:
                units[unit] = units.get(unit, False) or r.get("id") in active
        return Level(len(units), len(official[depth]), sum(units.values()))

    opd = by_level.get("opd", [])
    result.opd = Level(len(opd), None, sum(1 for r in opd if r.get("id") in active))
    result.kecamatan = level(3, "kecamatan")
    result.desa = level(4, "desa")


def _number(value: str | None, kind=int):
    """A number of figures.csv; text, NaN, infinity or a negative is a broken file."""
    value = _unquote(value)
    if value in ("", None):
        return None
    try:
        number = kind(value)
    except ValueError:
        number = None
    if number is None or not math.isfinite(number) or number < 0:
        raise MemberFailure("inconsistent", f"figures.csv memuat angka tidak sah '{value[:40]}'")
    return number


# A member's published shares must be the ones its own counts give (to the 6 digits written).
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


def _complaints(result: MemberResult, manifest: Manifest, body: bytes) -> None:
    overall = next(
        (r for r in _csv_rows(body, "figures.csv") if r.get("dimension") == "overall"), None
    )
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
    if (figures.records, figures.within, figures.eligible) != (
        summary.records,
        summary.first_response_within_target,
        summary.first_response_eligible,
    ):
        raise MemberFailure(
            "inconsistent", "angka aduan di kanal.json tidak sama dengan figures.csv"
        )
    result.complaints = figures


async def _read_member(
    member: Member,
    today: dt.date,
    units: dict[str, dict[int, set[str]]],
    client,
    cfg: FetchConfig,
) -> MemberResult:
    result = MemberResult(member)
    try:
        # One deadline for all of a member's files: a server that answers each file just under
        # the per-file limit must not hold the province build for minutes.
        async with asyncio.timeout(cfg.timeout if member.site else None):
            await _read_files(result, member, today, units, _Source(member, client, cfg))
    except TimeoutError:
        _failed(
            result,
            "unreachable",
            f"{member.site}: waktu habis ({cfg.timeout:g} detik untuk semua berkasnya)",
        )
    except MemberFailure as exc:
        _failed(result, exc.status, exc.reason)
    return result


def _failed(result: MemberResult, status: str, reason: str) -> None:
    result.status, result.reason = status, reason
    result.opd = result.kecamatan = result.desa = None
    result.complaints, result.posting_share = None, None
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
    agencies = await _verified(source, manifest, "agencies.csv")
    accounts = await _verified(source, manifest, "accounts.csv")
    _figures(result, manifest, agencies, accounts, units)
    if manifest.complaints is not None:
        _complaints(result, manifest, await _verified(source, manifest, "figures.csv"))
    activity = manifest.activity
    if activity is not None and activity.agencies_posting_30 > activity.agencies_monitored:
        raise MemberFailure(
            "inconsistent",
            "kanal.json: akun yang mengunggah lebih banyak daripada akun yang dipantau",
        )
    if manifest.activity is not None and manifest.activity.agencies_monitored:
        result.posting_share = (
            manifest.activity.agencies_posting_30 / manifest.activity.agencies_monitored
        )
    age = (today - manifest.reference_date).days
    if age < -1:  # a day of slack for time zones; later is a date no build could have
        raise MemberFailure(
            "inconsistent",
            f"tanggal acuan kanal.json {manifest.reference_date.isoformat()} belum terjadi",
        )
    if age > STALE_DAYS:
        result.status = "stale"
        result.reason = (
            f"data per {manifest.reference_date.isoformat()}, {age} hari sebelum tanggal acuan"
        )
    else:
        result.status = "ok"


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
    return run_sync(_collect(members, today, units_by_regency(codes), cfg))


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
