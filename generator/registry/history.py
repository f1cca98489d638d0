"""Registry history: what changed in the agency files, commit by commit, read from git.

The data folder's own repository is the source of truth: a change is dated by the commit
that made it (committer time, in the region's zone) and names that commit, so anyone can
check it with ``git show``. Reading is plumbing only (``git log --raw`` for the blob ids of
the files each commit changed, ``git cat-file --batch`` for their content; nothing is
checked out) along the first-parent line of the current branch, and bounded: the newest
``MAX_COMMITS`` commits that touch ``agencies/`` or ``region.yml``, at most
``MAX_FILE_VERSIONS`` changed files in all, each blob parsed once (reused by its hash).
When older history is left out the result says so (``cut``).

Old file versions are read leniently (formats change; history must not fail a build), with
the same bounded YAML reader as ``data/``; invisible and direction-changing characters in an
old value are shown as ``[U+202E]``, never passed on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.registry.accounts import AccountError, normalize_account, shown_name
from generator.registry.contacts import ContactError, normalize_channel
from generator.registry.diff import Change, account_changes, channel_changes
from generator.registry.gitread import Blobs, GitError, log_commits, run_git
from generator.registry.models import (
    SOCIAL_PLATFORMS,
    Account,
    AccountStatus,
    Agency,
    Channel,
    ChannelIn,
    ChannelType,
    Kind,
    Level,
    Platform,
    level_of,
)
from generator.safeinput.invisible import is_invisible
from generator.safeinput.problems import Location, Problems
from generator.safeinput.yamlio import YAML_MAX_BYTES, parse_yaml_text

MAX_COMMITS = 3_000  # about eight years of daily commits
MAX_FILE_VERSIONS = (
    100_000  # changed files over all commits read (a reformat of 9,000 files: 9,000)
)
TEXT_MAX = 200  # characters of an old name, label or note shown
WINDOW = 256  # commits whose blobs are fetched together
AGENCY_DIR = "agencies"
REGION_FILE = "region.yml"
_REGULAR = ("100644", "100755")  # links (120000) and submodules are never read

WHY_NO_GIT = (
    "riwayat perubahan tidak tersedia: folder data bukan bagian dari repositori git; "
    "hanya keadaan sekarang yang diterbitkan"
)
WHY_NO_GIT_TOOL = (
    "riwayat perubahan tidak tersedia: program git tidak ditemukan; "
    "hanya keadaan sekarang yang diterbitkan"
)
WHY_SHALLOW = (
    "riwayat perubahan tidak tersedia: repositori ini salinan dangkal (shallow clone); "
    "ambil seluruh riwayat (git fetch --unshallow, atau fetch-depth: 0 di GitHub Actions); "
    "hanya keadaan sekarang yang diterbitkan"
)
WHY_PARTIAL = (
    "riwayat perubahan tidak tersedia: repositori ini salinan sebagian (partial clone) dan "
    "isi berkas lamanya tidak ada di sini; Kanal tidak mengunduhnya saat membangun; "
    "hanya keadaan sekarang yang diterbitkan"
)
WHY_UNTRACKED = (
    "riwayat perubahan tidak tersedia: berkas data instansi belum pernah di-commit ke git; "
    "hanya keadaan sekarang yang diterbitkan"
)
WHY_NOT_YET = (
    "riwayat perubahan tidak tersedia: belum ada commit data instansi sampai tanggal acuan; "
    "hanya keadaan sekarang yang diterbitkan"
)
WHY_FAILED = (
    "riwayat perubahan tidak tersedia: riwayat git tidak bisa dibaca ({}); "
    "hanya keadaan sekarang yang diterbitkan"
)


@dataclass(frozen=True)
class RegistryChange:
    """One change of the registry, as published (values are public registry values)."""

    when: dt.datetime  # commit time in the region's zone
    commit: str  # full commit id
    kind: str  # as `kanal diff --format json`: account_url_changed, channel_changed, ...
    agency: str  # agency id ("" for the publisher in region.yml)
    agency_name: str
    text: str  # Indonesian, without the agency
    before: str | None
    after: str | None
    sensitive: bool

    @property
    def month(self) -> str:
        return f"{self.when.year:04d}-{self.when.month:02d}"


@dataclass(frozen=True)
class MonthState:
    """The registry at the end of a month (its last commit): per level, distinct units with an
    active official social-media account, and units registered."""

    month: str  # YYYY-MM
    with_account: dict[Level, int]
    registered: dict[Level, int]


@dataclass(frozen=True)
class MonthCoverage:
    """Coverage at the end of a month: ``count`` of the ``total`` official units of a level
    had an active official social-media account (computed in generator.build.compute)."""

    month: str  # YYYY-MM
    level: Level
    count: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.count / self.total if self.total else 0.0


@dataclass
class RegistryHistory:
    """What the data folder's git history says, or why there is none (``reason``)."""

    available: bool
    reason: str = ""  # one line, Indonesian, when not available
    changes: list[RegistryChange] = field(default_factory=list)  # oldest first
    months: list[MonthState] = field(default_factory=list)  # every month from the first read
    commits: int = 0  # commits read
    since: dt.datetime | None = None  # the oldest commit read
    cut: bool = False  # older commits exist but were not read (MAX_COMMITS, MAX_FILE_VERSIONS)
    unreadable: int = 0  # file versions that could not be read (their previous version kept)
    commit_times: list[dt.datetime] = field(
        default_factory=list
    )  # of the commits read, oldest first


# ---------------------------------------------------------------- values from old files


def visible(value: Any, limit: int = TEXT_MAX) -> str:
    """An old value as safe plain text: invisible characters named, one line, bounded."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    if not (text.isascii() and text.isprintable()):
        text = "".join(
            f"[U+{ord(c):04X}]" if is_invisible(c) or unicodedata.category(c) in ("Cn", "Cs") else c
            for c in text
        )
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _enum(kind: Any, value: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        return None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _account(raw: Any) -> Account | None:
    if not isinstance(raw, dict):
        return None
    platform = _enum(Platform, raw.get("platform"))
    status = _enum(AccountStatus, raw.get("status"))
    if platform is None or status is None:
        return None
    handle = raw.get("handle") if isinstance(raw.get("handle"), str) else None
    url = raw.get("url") if isinstance(raw.get("url"), str) else None
    try:
        norm = normalize_account(platform.value, handle, url)
        shown, url_text, key = visible(shown_name(norm)), visible(norm.url), norm.key
    except AccountError:  # not valid today: kept as written, so the change is still told
        url_text = shown = visible(url or handle or "?")
        key = f"{platform.value}:{shown.casefold()}"
    note = visible(raw.get("note")) or None
    reviewed = _date(raw.get("reviewed")) or dt.date.min
    return Account(
        platform, None, shown, url_text, key, status, _date(raw.get("since")), reviewed, note, None
    )


def _channel(raw: Any) -> Channel | None:
    if not isinstance(raw, dict):
        return None
    kind = _enum(ChannelType, raw.get("type"))
    value = raw.get("value")
    if kind is None or not isinstance(value, str):
        return None
    label = visible(raw.get("label")) or None
    try:
        ch = normalize_channel(ChannelIn(type=kind, value=value))
        return Channel(kind, visible(ch.value), visible(ch.display), "", label)
    except (ContactError, ValidationError):
        return Channel(kind, visible(value), visible(value), "", label)


def _agency(raw: Any) -> Agency | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return None
    ident = visible(raw["id"], 80)
    accounts = raw.get("accounts") if isinstance(raw.get("accounts"), list) else []
    channels = raw.get("channels") if isinstance(raw.get("channels"), list) else []
    code = raw.get("region_code")
    return Agency(
        id=ident,
        name=visible(raw.get("name")) or ident,
        short_name=None,
        kind=_enum(Kind, raw.get("kind")) or Kind.LAINNYA,
        parent=None,
        region_code=visible(code, 20) if isinstance(code, str) else None,
        aliases=[],
        services=[],
        description=None,
        accounts=[a for item in accounts if (a := _account(item)) is not None],
        channels=[c for item in channels if (c := _channel(item)) is not None],
        address=None,
        hours=None,
        source=Location(""),
    )


Parsed = list[Agency] | dict[str, str]  # an agency file's agencies, or region.yml's publisher


def parse_blob(body: bytes, path: str, region: bool = False) -> Parsed | None:
    """One file version (``region``: region.yml); None when it cannot be read at all (not
    UTF-8, not YAML, refused)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    parsed = parse_yaml_text(text, path, Problems())
    if parsed is None:
        return None
    raw = parsed[0]
    if region:
        publisher = raw.get("publisher") if isinstance(raw, dict) else None
        if not isinstance(publisher, dict):
            return {}
        return {k: visible(publisher.get(k)) for k in PUBLISHER_FIELDS if publisher.get(k)}
    items = raw if isinstance(raw, list) else [raw]
    return [a for item in items if (a := _agency(item)) is not None]


PUBLISHER_FIELDS = {"name": "nama", "url": "situs web", "email": "surel", "phone": "telepon"}


# ---------------------------------------------------------------- comparing two states


def _empty(agency: Agency) -> Agency:
    """The agency with no accounts or channels: what an addition is compared against."""
    return dataclasses.replace(agency, accounts=[], channels=[])


def compare_agencies(old: dict[str, Agency], new: dict[str, Agency]) -> list[Change]:
    """Changes from ``old`` to ``new`` (agencies of the files one commit changed), by id.

    An agency added (or removed) brings its accounts and channels as added (removed): the
    log then answers "since when is this account listed".
    """
    out: list[Change] = []
    for ident in sorted(old.keys() | new.keys()):
        a, b = old.get(ident), new.get(ident)
        if a is None and b is not None:
            out.append(Change("agency_added", b.id, b.name, "instansi ditambahkan", after=b.name))
            a = _empty(b)
        elif b is None and a is not None:
            out.append(Change("agency_removed", a.id, a.name, "instansi dihapus", before=a.name))
            b = _empty(a)
        assert a is not None and b is not None
        if a.name != b.name:
            text = f"nama berubah dari '{a.name}' menjadi '{b.name}'"
            out.append(Change("agency_renamed", b.id, b.name, text, False, a.name, b.name))
        out += account_changes(a, b)
        out += channel_changes(a, b)
    return out


def compare_publisher(old: dict[str, str], new: dict[str, str], name: str) -> list[Change]:
    """The publisher's contacts in region.yml: where "report a fake account" leads."""
    out = []
    for key, word in PUBLISHER_FIELDS.items():
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if a and b:
            text = f"{word} pengelola berubah dari {a} menjadi {b}"
        elif b:
            text = f"{word} pengelola {b} ditambahkan"
        else:
            text = f"{word} pengelola {a} dihapus"
        out.append(Change("publisher_changed", "", name, text, key != "name", a, b))
    return out


# ---------------------------------------------------------------- the history


def _month_state(month: str, state: dict[str, str], cache: dict[str, Parsed | None]) -> MonthState:
    """Units with an active social account at this point: Kepmendagri codes counted once per
    level (the same unit in two files is one unit), agencies without a code by id."""
    active: dict[Level, set[str]] = {}
    known: dict[Level, set[str]] = {}
    for sha in state.values():
        parsed = cache.get(sha)
        if not isinstance(parsed, list):
            continue
        for agency in parsed:
            level = level_of(agency.kind)
            unit = agency.region_code or agency.id
            known.setdefault(level, set()).add(unit)
            if any(
                a.status is AccountStatus.ACTIVE and a.platform in SOCIAL_PLATFORMS
                for a in agency.accounts
            ):
                active.setdefault(level, set()).add(unit)
    return MonthState(
        month,
        {lv: len(active.get(lv, ())) for lv in known},
        {lv: len(units) for lv, units in known.items()},
    )


def _next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


def _wanted(path: str, prefix: str) -> bool:
    if path == prefix + REGION_FILE:
        return True
    return path.startswith(prefix + AGENCY_DIR + "/") and path.endswith((".yml", ".yaml"))


def read_history(
    data: Path,
    timezone: str,
    publisher_name: str = "Pengelola",
    max_commits: int | None = None,
    max_versions: int | None = None,
) -> RegistryHistory:
    """The registry's changes from the git history of ``data`` (never raises for git reasons).

    ``max_commits`` and ``max_versions`` default to MAX_COMMITS and MAX_FILE_VERSIONS."""
    folder = data.resolve()
    try:
        head = run_git(
            ["rev-parse", "--is-shallow-repository", "--show-toplevel", "--show-prefix"], folder
        )
    except FileNotFoundError:
        return RegistryHistory(False, WHY_NO_GIT_TOOL)
    except GitError as exc:
        if "not a git repository" in str(exc):
            return RegistryHistory(False, WHY_NO_GIT)
        return RegistryHistory(False, WHY_FAILED.format(visible(str(exc), 120)))
    except OSError:
        return RegistryHistory(False, WHY_NO_GIT)
    lines = head.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < 3:
        return RegistryHistory(False, WHY_NO_GIT)
    if lines[0].strip() == "true":
        return RegistryHistory(False, WHY_SHALLOW)
    top, prefix = Path(lines[1]), lines[2]
    try:  # a promisor remote (or the extension) marks a partial clone
        found = run_git(
            ["config", "--get-regexp", r"^(extensions\.partialclone|remote\..*\.promisor)$"], top
        )
    except (GitError, OSError):  # exit 1: none set
        found = b""
    if any(line.split()[-1:] != [b"false"] for line in found.splitlines() if line.strip()):
        return RegistryHistory(False, WHY_PARTIAL)
    try:
        return _read(
            top,
            prefix,
            zoneinfo.ZoneInfo(timezone),
            publisher_name,
            MAX_COMMITS if max_commits is None else max_commits,
            MAX_FILE_VERSIONS if max_versions is None else max_versions,
        )
    except (GitError, OSError, ValueError) as exc:
        return RegistryHistory(False, WHY_FAILED.format(visible(str(exc), 120)))


def _read(
    top: Path, prefix: str, zone: dt.tzinfo, publisher: str, max_commits: int, max_versions: int
) -> RegistryHistory:
    paths = [prefix + AGENCY_DIR, prefix + REGION_FILE]
    commits, cut = log_commits(top, paths, max_commits, max_versions)
    if not commits:
        return RegistryHistory(False, WHY_UNTRACKED)
    commits.reverse()  # oldest first
    region_path = prefix + REGION_FILE
    blobs: Blobs[Parsed] = Blobs(
        top, lambda body, path: parse_blob(body, path, path == region_path), YAML_MAX_BYTES
    )
    try:
        state: dict[str, str] = {}  # path -> blob of the version in effect
        base = commits[0].parent
        if base:  # the files as they were before the oldest commit read
            listing = run_git(["ls-tree", "-r", "-z", "--full-tree", base, "--", *paths], top)
            for entry in listing.split(b"\0"):
                if not entry:
                    continue
                meta, _, raw_path = entry.partition(b"\t")
                mode, kind, sha = meta.decode("ascii").split()
                path = raw_path.decode("utf-8", "surrogateescape")
                if kind == "blob" and mode in _REGULAR and _wanted(path, prefix):
                    state[path] = sha
            blobs.load([(sha, path) for path, sha in state.items()], set())
        result = RegistryHistory(True, cut=cut, commits=len(commits))
        month = ""
        for i, commit in enumerate(commits):
            if i % WINDOW == 0:  # the window's blobs in a few round trips, not one per commit
                window = commits[i : i + WINDOW]
                wanted = [
                    (f[3], p)
                    for c in window
                    for f, p in zip(c.files, c.paths, strict=True)
                    if f[2] in _REGULAR and _wanted(p, prefix)
                ]
                blobs.load(wanted, set(state.values()))
            when = dt.datetime.fromtimestamp(commit.time, dt.UTC).astimezone(zone)
            this_month = f"{when.year:04d}-{when.month:02d}"
            if month and this_month != month:
                while month != this_month:  # months without a commit repeat the last state
                    result.months.append(_month_state(month, state, blobs.cache))
                    month = _next_month(month)
            month = this_month
            result.since = result.since or when
            result.commit_times.append(when)
            changed = [
                (f, p)
                for f, p in zip(commit.files, commit.paths, strict=True)
                if _wanted(p, prefix)
            ]
            old_agencies: dict[str, Agency] = {}
            new_agencies: dict[str, Agency] = {}
            old_pub: dict[str, str] | None = None
            new_pub: dict[str, str] | None = None
            for (_, _, new_mode, new_sha), path in changed:
                before = blobs.cache.get(state[path]) if path in state else None
                after = blobs.cache.get(new_sha) if new_mode in _REGULAR else None
                if new_mode in _REGULAR and after is None:
                    result.unreadable += 1  # keep the last readable version in effect
                    continue
                if new_mode in _REGULAR:
                    state[path] = new_sha
                else:
                    state.pop(path, None)
                if path == prefix + REGION_FILE:
                    old_pub = before if isinstance(before, dict) else {}
                    new_pub = after if isinstance(after, dict) else {}
                    continue
                for agency in before if isinstance(before, list) else []:
                    old_agencies.setdefault(agency.id, agency)
                for agency in after if isinstance(after, list) else []:
                    new_agencies.setdefault(agency.id, agency)
            found = compare_agencies(old_agencies, new_agencies)
            if old_pub is not None and new_pub is not None and old_pub != new_pub:
                found += compare_publisher(old_pub, new_pub, publisher)
            result.changes += [
                RegistryChange(
                    when,
                    commit.sha,
                    c.kind,
                    c.agency,
                    c.agency_name,
                    c.text,
                    c.before,
                    c.after,
                    c.sensitive,
                )
                for c in found
            ]
        result.months.append(_month_state(month, state, blobs.cache))
        return result
    finally:
        blobs.close()
