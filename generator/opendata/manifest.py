"""The open-data contract: ``data/kanal.json``, a versioned manifest of what a Kanal site publishes.

Every Kanal site is a data source. A province (or national) site aggregates regencies by reading
their manifests: the region, the reference date, the headline figures with their official
denominators, and every published data file with its size and SHA-256, so a reader can verify
each file it downloads. The format is defined by the pydantic models below; the JSON Schema
derived from them is published beside the schemas of the YAML format
(``schema/manifest.schema.json``). Any change to the models must bump ``MANIFEST_VERSION``: a
test fingerprints the schema of each version.

Readers accept only the versions they know (``SUPPORTED_VERSIONS``) and treat anything else as
unreadable rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator import __version__
from generator.registry import regions

MANIFEST_NAME = "kanal.json"
MANIFEST_FORMAT = "kanal-site"
MANIFEST_VERSION = 3
# Version 1 counted posting in accounts and published no post records: its posting figures
# cannot be recomputed, so readers no longer accept it. Version 3 only adds the region kind
# "nasional": a version 2 manifest reads the same.
SUPPORTED_VERSIONS = frozenset({2, 3})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RegionSummary(_Strict):
    code: str = Field(description="Kode wilayah Kepmendagri, misalnya '33.16'.")
    name: str = Field(description="Nama resmi daerah.")
    kind: Literal["provinsi", "kabupaten", "kota", "nasional"] = Field(
        description="Tingkat daerah; nasional: seluruh Indonesia (kode kosong)."
    )
    timezone: str = Field(description="Zona waktu IANA daerah.")
    demo: bool = Field(description="true bila data contoh (fiktif).")
    site_url: str | None = Field(description="Alamat publik situs, bila diisi.")


class PublisherSummary(_Strict):
    name: str
    url: str | None
    email: str | None
    phone: str | None


class LevelCount(_Strict):
    """Coverage of one tier: how many units are registered, how many exist officially."""

    level: Literal["daerah", "opd", "kecamatan", "desa"] = Field(
        description="daerah (kabupaten/kota di bawah provinsi), opd, kecamatan, desa (desa/kelurahan)."
    )
    registered: int = Field(ge=0, description="Unit yang tercatat di registri.")
    official: int | None = Field(
        ge=0,
        description="Jumlah resmi menurut Kepmendagri; null bila tidak ada daftar resmi (OPD).",
    )
    with_active_account: int = Field(
        ge=0, description="Unit terdaftar dengan minimal satu akun media sosial resmi aktif."
    )
    posting_30: int | None = Field(
        ge=0,
        description=(
            "Instansi terdaftar dengan unggahan dalam 30 hari terakhir lewat akun media sosial "
            "resmi aktif (situs web tidak dihitung), menurut posts-*.csv.gz; null tanpa riwayat."
        ),
    )


class ComplaintSummary(_Strict):
    """The region's overall responsiveness row of ``figures.csv`` (dimension 'overall')."""

    period_start: dt.date
    period_end: dt.date
    records: int = Field(ge=0)
    first_response_eligible: int = Field(ge=0)
    first_response_within_target: int = Field(ge=0)
    first_response_within_share: float | None
    first_response_within_low: float | None
    first_response_within_high: float | None
    first_response_median_workdays: int | None
    resolution_eligible: int = Field(ge=0)
    resolution_within_target: int = Field(ge=0)
    resolution_within_share: float | None


class ActivitySummary(_Strict):
    """Posting, in one unit everywhere: the agency (instansi), by its social-media accounts."""

    agencies_monitored: int = Field(
        ge=0,
        description=(
            "Instansi dengan akun media sosial resmi aktif yang punya feed atau riwayat unggahan."
        ),
    )
    agencies_posting_30: int = Field(
        ge=0,
        description=(
            "Instansi yang mengunggah dalam 30 hari terakhir lewat akun media sosial resmi aktif "
            "(jumlah posting_30 semua tingkat)."
        ),
    )


class FileEntry(_Strict):
    path: str = Field(description="Jalur relatif terhadap folder data/ situs.")
    bytes: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Manifest(_Strict):
    """``data/kanal.json``: the versioned contract between a Kanal site and its aggregators."""

    format: Literal["kanal-site"]
    version: Literal[2, 3]
    generator: str = Field(description="Versi Kanal yang membangun situs.")
    region: RegionSummary
    publisher: PublisherSummary
    reference_date: dt.date = Field(description="Tanggal acuan data (tanggal pembangunan situs).")
    coverage: list[LevelCount]
    complaints: ComplaintSummary | None
    activity: ActivitySummary | None
    files: list[FileEntry]


def manifest_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Manifest.model_json_schema(),
    }


def schema_fingerprint() -> str:
    """SHA-256 of the canonical JSON Schema: changes whenever the format changes."""
    text = json.dumps(manifest_schema(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The SHA-256 of large files already hashed, by the file's identity (device, inode, size,
# time in ns): a province's open data (370 MB) is hashed for datapackage.json, by the
# complaint open data's worker too (generator.complaints.opendatajob hands them over), and
# again for kanal.json on the build's longest path. Only files of at least KNOWN_FROM bytes:
# those are written once; a small JSON file may be rewritten within one clock tick.
KNOWN_FROM = 1 << 20
_known: dict[tuple[int, int, int, int], str] = {}


def _identity(path: Path) -> tuple[int, int, int, int]:
    st = path.stat()
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def sha256_file(path: Path) -> str:
    key = _identity(path)
    known = _known.get(key)
    if known is not None:
        return known
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if key[2] >= KNOWN_FROM:
        _known[key] = digest.hexdigest()
    return digest.hexdigest()


def known_hashes() -> dict[tuple[int, int, int, int], str]:
    """The large files this process hashed (for a worker to hand to its parent)."""
    return dict(_known)


def remember_hashes(known: dict[tuple[int, int, int, int], str]) -> None:
    """Hashes a worker computed: a file renamed since keeps its identity."""
    _known.update(known)


def file_entries(data_dir: Path) -> list[FileEntry]:
    """Every published data file under ``data_dir`` (not the manifest itself), sorted by path."""
    entries = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(data_dir).as_posix()
        if rel == MANIFEST_NAME:
            continue
        entries.append(FileEntry(path=rel, bytes=path.stat().st_size, sha256=sha256_file(path)))
    return entries


def write_manifest(manifest: Manifest, data_dir: Path) -> Path:
    path = data_dir / MANIFEST_NAME
    data_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=1, sort_keys=True)
        + "\n",
        encoding="utf-8",
    )
    return path


class ManifestError(ValueError):
    """A manifest that cannot be used; the message is Indonesian, for the province page."""


def read_manifest(text: str | bytes) -> Manifest:
    """Parse and validate a manifest; unknown versions and malformed files are refused."""
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ManifestError(f"kanal.json bukan JSON yang valid ({exc})") from None
    except RecursionError:  # [[[[...: a 400 KB file nested past the interpreter's stack
        raise ManifestError("kanal.json bukan JSON yang valid (bersarang terlalu dalam)") from None
    if not isinstance(raw, dict) or raw.get("format") != MANIFEST_FORMAT:
        raise ManifestError("kanal.json bukan manifes situs Kanal")
    version = raw.get("version")
    # `true == 1` in Python: a boolean (or 2.0) is not a version number.
    if type(version) is not int or version not in SUPPORTED_VERSIONS:
        raise ManifestError(
            f"versi manifes {version!r} tidak dikenal (dikenal: {sorted(SUPPORTED_VERSIONS)})"
        )
    try:
        return Manifest.model_validate(raw)
    except RecursionError:
        raise ManifestError("kanal.json tidak sesuai format (bersarang terlalu dalam)") from None
    except ValueError as exc:
        first = str(exc).splitlines()[:3]
        raise ManifestError("kanal.json tidak sesuai format: " + " ".join(first)) from None


def complaint_summary(overall: dict[str, Any]) -> ComplaintSummary:
    """The manifest's complaint block from the overall figures row."""
    names = ComplaintSummary.model_fields
    values = {n: overall[n] for n in names}
    for name in ("period_start", "period_end"):
        value = values[name]
        values[name] = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return ComplaintSummary(**values)


def build_manifest(
    directory: Any,
    coverage: list[LevelCount],
    data_dir: Path,
    complaints: ComplaintSummary | None = None,
    activity: ActivitySummary | None = None,
) -> Manifest:
    """The manifest of a site whose data files are already written in ``data_dir``."""
    region, publisher = directory.region, directory.region.publisher
    return Manifest(
        format=MANIFEST_FORMAT,
        version=MANIFEST_VERSION,
        generator=f"kanal {__version__}",
        region=RegionSummary(
            code=region.code,
            name=region.name,
            kind=regions.region_kind(region.code, region.name),
            timezone=region.timezone,
            demo=region.demo,
            site_url=region.site_url,
        ),
        publisher=PublisherSummary(
            name=publisher.name, url=publisher.url, email=publisher.email, phone=publisher.phone
        ),
        reference_date=directory.today,
        coverage=coverage,
        complaints=complaints,
        activity=activity,
        files=file_entries(data_dir),
    )
