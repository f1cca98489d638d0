"""The published tables: their titles, keys and links, and the registry's rows.

One definition serves every format: ``kanal.sqlite`` declares the same primary and foreign
keys as ``datapackage.json`` (Table Schema ``primaryKey``/``foreignKeys``), and Datasette's
``metadata.json`` the same titles. Every key is stable between builds (an id, a URL, a date, a
Kepmendagri code), never a row number, so Datasette's row addresses do not move.

The registry's tables (agencies, accounts, channels, the official Kepmendagri units and their
counts) are built here from the validated directory; the complaint tables are defined by
``generator.complaints.opendata``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.registry import regions
from generator.registry.coverage import OFFICIAL_LEVELS
from generator.registry.models import Channel, Directory, Kind

Field = dict[str, Any]
Rows = list[list[Any]]
# The source of every official count and unit (generator/reference/).
OFFICIAL_SOURCE = "Kepmendagri 2025 (kode dan nama wilayah administrasi pemerintahan)"


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    to: tuple[str, ...]


def _to_agency(*columns: str) -> tuple[ForeignKey, ...]:
    return tuple(ForeignKey((c,), "agencies", ("id",)) for c in columns)


@dataclass(frozen=True)
class TableDoc:
    """What a reader is told about one table, in every format."""

    title: str
    description: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()


TABLES: dict[str, TableDoc] = {
    "agencies": TableDoc(
        "Instansi",
        "Instansi dalam registri: perangkat daerah, kecamatan, desa/kelurahan, dengan kode "
        "wilayah Kepmendagri.",
        ("id",),
        _to_agency("parent"),
    ),
    "accounts": TableDoc(
        "Akun media sosial resmi",
        "Akun media sosial resmi setiap instansi (active, inactive, archived); satu baris per "
        "alamat akun.",
        ("url",),
        _to_agency("agency"),
    ),
    "channels": TableDoc(
        "Kontak resmi",
        "Kontak resmi setiap instansi: WhatsApp, telepon, SMS, surel, situs, kanal pengaduan.",
        ("id",),
        _to_agency("agency"),
    ),
    "official_counts": TableDoc(
        "Jumlah wilayah resmi (penyebut cakupan)",
        "Jumlah resmi kecamatan dan desa/kelurahan (atau kabupaten/kota untuk provinsi) "
        f"menurut {OFFICIAL_SOURCE}: penyebut setiap angka cakupan.",
        ("level",),
    ),
    "official_units": TableDoc(
        "Daftar wilayah resmi",
        f"Setiap wilayah resmi yang dihitung cakupan ({OFFICIAL_SOURCE}), dengan id instansi "
        "yang mendaftarkannya bila ada. Jumlah baris per tingkat = official_counts.official.",
        ("code",),
        _to_agency("agency"),
    ),
    "complaints": TableDoc(
        "Aduan publik",
        "Aduan publik, satu baris per aduan, dengan hari kerja yang dihitung per aduan. Tanpa "
        "data pribadi.",
        ("id",),
        _to_agency("agency", "kecamatan_agency"),
    ),
    "figures": TableDoc(
        "Angka kinerja layanan aduan",
        "Semua angka agregat kinerja layanan aduan yang diterbitkan di situs, dapat dihitung "
        "ulang dari tabel aduan dan kalender.",
        ("id",),
        _to_agency("agency"),
    ),
    "calendar": TableDoc(
        "Kalender hari kerja",
        "Kalender hari kerja: libur nasional, cuti bersama dan libur daerah.",
        ("date",),
    ),
    # The registry history (generator.opendata.changes): agencies since removed stay in it,
    # so it has no foreign key to agencies.
    "registry_changes": TableDoc(
        "Riwayat perubahan registri",
        "Riwayat perubahan registri dari commit git: akun, kanal dan instansi yang ditambahkan, "
        "dihapus, diarsipkan, diaktifkan lagi atau berubah alamat/nomor, dengan id commit-nya.",
        ("commit", "seq"),
    ),
    "coverage_monthly": TableDoc(
        "Cakupan akun resmi per bulan",
        "Cakupan akun resmi pada akhir setiap bulan terhadap jumlah unit resmi Kepmendagri.",
        ("month", "level"),
    ),
}


def sql_constraints(name: str) -> list[str]:
    """The SQLite table constraints of ``name``: the same keys as its Table Schema."""
    doc = TABLES.get(name)
    if doc is None:
        return []
    quoted = lambda cols: ", ".join(f'"{c}"' for c in cols)  # noqa: E731
    out = [f"PRIMARY KEY ({quoted(doc.primary_key)})"]
    out += [
        f'FOREIGN KEY ({quoted(fk.fields)}) REFERENCES "{fk.table}" ({quoted(fk.to)})'
        for fk in doc.foreign_keys
    ]
    return out


def table_schema(name: str, fields: list[Field], resource_of: dict[str, str]) -> dict[str, Any]:
    """The Table Schema of ``name``; ``resource_of`` names the resource each linked table is
    published as in the same format (a self-reference is the empty string, as the spec says)."""
    schema: dict[str, Any] = {"fields": fields}
    doc = TABLES.get(name)
    if doc is None:
        return schema
    schema["primaryKey"] = list(doc.primary_key)
    links = [
        {
            "fields": list(fk.fields),
            "reference": {
                "resource": "" if fk.table == name else resource_of[fk.table],
                "fields": list(fk.to),
            },
        }
        for fk in doc.foreign_keys
        if fk.table == name or fk.table in resource_of
    ]
    if links:
        schema["foreignKeys"] = links
    return schema


def _field(name: str, doc: str, kind: str = "string") -> Field:
    return {"name": name, "type": kind, "description": doc}


AGENCY_FIELDS = [
    _field("id", "id instansi."),
    _field("name", "Nama resmi."),
    _field("short_name", "Singkatan."),
    _field("kind", "Jenis instansi."),
    _field("parent", "id instansi induk."),
    _field("region_code", "Kode wilayah Kepmendagri (kecamatan, desa/kelurahan)."),
]
ACCOUNT_FIELDS = [
    _field("agency", "id instansi."),
    _field("platform", "Platform media sosial."),
    _field("handle", "Nama akun."),
    _field("url", "Alamat profil (kunci: satu akun hanya milik satu instansi)."),
    _field("status", "active, inactive, archived."),
    _field("since", "Resmi sejak.", "date"),
    _field("reviewed", "Terakhir diperiksa.", "date"),
    _field("note", "Catatan publik pengelola registri tentang akun ini."),
]
CHANNEL_FIELDS = [
    _field(
        "id",
        "Kunci tetap: id instansi, jenis dan nilai (agency:type:value); kontak yang sama "
        "tercantum lagi di instansi yang sama diberi akhiran #2, #3, ...",
    ),
    _field("agency", "id instansi."),
    _field("type", "whatsapp, phone, sms, email, website, complaint_portal."),
    _field(
        "value",
        "Nomor sebagai URI tel: (RFC 3966, mis. tel:+6281234567890; nomor layanan singkat "
        "apa adanya, mis. tel:112), alamat surel atau URL resmi instansi.",
    ),
    _field("label", "Keterangan."),
]
OFFICIAL_COUNT_FIELDS = [
    _field("level", "Tingkat: daerah (kabupaten/kota di provinsi), kecamatan, desa."),
    _field("region_code", "Kode Kepmendagri wilayah yang unit-unitnya dihitung (daerah ini)."),
    _field("region_name", "Nama resmi wilayah itu."),
    _field("official", f"Jumlah resmi unit tingkat ini menurut {OFFICIAL_SOURCE}.", "integer"),
]
OFFICIAL_UNIT_FIELDS = [
    _field("code", "Kode wilayah Kepmendagri."),
    _field("name", "Nama resmi menurut Kepmendagri."),
    _field("level", "Tingkat: daerah, kecamatan, desa (desa dan kelurahan)."),
    _field("parent_code", "Kode Kepmendagri wilayah induk."),
    _field("agency", "id instansi terdaftar untuk wilayah ini; kosong bila belum terdaftar."),
]


def registry_tables(
    directory: Directory | None, agency_ids: Iterable[str] = ()
) -> dict[str, tuple[list[Field], Rows]]:
    """agencies, accounts, channels and the official units and counts, as fields and rows.

    Without a directory (open data of bare complaint records) only the agencies' ids are known.
    """
    if directory is None:
        return {
            "agencies": (AGENCY_FIELDS, [[a, a, None, None, None, None] for a in agency_ids]),
            "accounts": (ACCOUNT_FIELDS, []),
            "channels": (CHANNEL_FIELDS, []),
            "official_counts": (OFFICIAL_COUNT_FIELDS, []),
            "official_units": (OFFICIAL_UNIT_FIELDS, []),
        }
    listed = list(directory.agencies.values())
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    counts, units = _official(directory)
    return {
        "agencies": (
            AGENCY_FIELDS,
            [[a.id, a.name, a.short_name, a.kind.value, a.parent, a.region_code] for a in listed],
        ),
        "accounts": (
            ACCOUNT_FIELDS,
            [
                [a.id, x.platform.value, x.handle, x.url, x.status.value, iso(x.since)]
                + [iso(x.reviewed), x.note]
                for a in listed
                for x in a.accounts
            ],
        ),
        "channels": (CHANNEL_FIELDS, _channel_rows(directory)),
        "official_counts": (OFFICIAL_COUNT_FIELDS, counts),
        "official_units": (OFFICIAL_UNIT_FIELDS, units),
    }


def _channel_rows(directory: Directory) -> Rows:
    rows: Rows = []
    seen: dict[str, int] = {}
    for a in directory.agencies.values():
        for c in a.channels:
            value = channel_value(c)
            key = f"{a.id}:{c.type.value}:{value}"
            seen[key] = n = seen.get(key, 0) + 1
            rows.append([key if n == 1 else f"{key}#{n}", a.id, c.type.value, value, c.label])
    return rows


def channel_value(channel: Channel) -> str:
    """A number as an RFC 3966 ``tel:`` URI, anything else as it is.

    A spreadsheet opening the CSV turns a bare "+6281234567890" into the number 6,28E+12 (the
    plus and any leading digits lost); "tel:+6281234567890" stays text, in every format alike.
    """
    if channel.type.value in ("whatsapp", "phone", "sms"):
        return f"tel:{channel.value}"
    return channel.value


def _official(directory: Directory) -> tuple[Rows, Rows]:
    """The official counts per level and the official units, with the registering agency."""
    region = directory.region
    levels = OFFICIAL_LEVELS.get(regions.depth(region.code), {})
    registered = {(a.region_code, a.level.value): a.id for a in directory.agencies.values()}
    units: Rows = []
    counts: dict[str, int] = {}
    for code in sorted(directory.official, key=_code_order):
        level = levels.get(regions.depth(code))
        if level is None:
            continue
        counts[level.value] = counts.get(level.value, 0) + 1
        agency = registered.get((code, level.value))
        units.append(
            [code, directory.official[code], level.value, regions.parent_code(code), agency]
        )
    count_rows = [
        [level.value, region.code, region.name, counts.get(level.value, 0)]
        for level in levels.values()
    ]
    return count_rows, units


def _code_order(code: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in code.split("."))


def kecamatan_links(directory: Directory | None) -> dict[str, tuple[str | None, str | None]]:
    """A complaint's kecamatan (its official name) -> (Kepmendagri code, registered agency id).

    Names are unique within a regency but not within a province (Bulu is a kecamatan of three
    regencies of Jawa Tengah): an ambiguous name gets no code and no agency.
    """
    if directory is None:
        return {}
    prefix = directory.region.code + "."
    names: dict[str, set[str]] = {}
    for source in (directory.official, regions.reference_codes()):
        for code, name in source.items():
            if code.startswith(prefix) and regions.depth(code) == 3:
                names.setdefault(name, set()).add(code)
    by_code = {
        a.region_code: a.id
        for a in directory.agencies.values()
        if a.kind is Kind.KECAMATAN and a.region_code
    }
    return {
        name: (code, by_code.get(code))
        for name, codes in names.items()
        if len(codes) == 1
        for code in codes
    }
