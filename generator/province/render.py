"""The province comparison page (``provinsi/``) and its open data (``data/provinsi.csv|json``)."""

from __future__ import annotations

import csv
import gzip
import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.opendata.gz import gzip_file
from generator.province.collect import (
    MIN_RECORDS,
    STALE_DAYS,
    STATUS_LABELS,
    MemberResult,
    listed_key,
)
from generator.province.members import Member
from generator.registry import regions
from generator.site.charts import ranked_bars
from generator.site.pages import PageRef, Renderer

PAGE = PageRef("provinsi/index.md", "provinsi/")

FIELDS = [
    ("code", "Kode Kepmendagri kabupaten/kota."),
    ("name", "Nama resmi."),
    (
        "status",
        "ok, stale (data lama), unreachable, unknown_version, tampered, inconsistent, no_site.",
    ),
    ("reason", "Keterangan status."),
    ("reference_date", "Tanggal acuan data kabupaten/kota itu."),
    ("rank", "Peringkat menurut cakupan desa/kelurahan (hanya status ok)."),
    ("kecamatan_official", "Jumlah kecamatan resmi (Kepmendagri 2025)."),
    ("kecamatan_registered", "Kecamatan terdaftar di registrinya."),
    ("kecamatan_active", "Kecamatan terdaftar dengan akun media sosial resmi aktif."),
    ("desa_official", "Jumlah desa/kelurahan resmi (Kepmendagri 2025)."),
    ("desa_registered", "Desa/kelurahan terdaftar di registrinya."),
    ("desa_active", "Desa/kelurahan terdaftar dengan akun media sosial resmi aktif."),
    ("opd_registered", "Perangkat daerah terdaftar (tidak ada daftar resmi)."),
    ("opd_active", "Perangkat daerah dengan akun media sosial resmi aktif."),
    ("complaints_records", "Aduan dalam periode laporannya (n)."),
    ("complaints_period_start", "Hari pertama periode laporan aduannya (periode tiap daerah)."),
    ("complaints_period_end", "Hari terakhir periode laporan aduannya."),
    ("first_response_eligible", "Penyebut persentase ditanggapi dalam target."),
    ("first_response_within_target", "Aduan ditanggapi dalam target."),
    ("first_response_within_share", "Persentase ditanggapi dalam target (0-1)."),
    ("first_response_within_low", "Batas bawah interval Wilson 95%."),
    ("first_response_within_high", "Batas atas interval Wilson 95%."),
    (
        "first_response_median_workdays",
        "Median tanggapan pertama (hari kerja; peringkat terdekat, nilai ke-ceil(n/2) dari aduan "
        "yang sudah ditanggapi).",
    ),
    (
        "complaints_enough",
        "true bila aduan dalam periode mencapai jumlah minimum; false: data belum cukup.",
    ),
    (
        "posting_30_agencies",
        "Instansi dengan unggahan 30 hari terakhir dari akun media sosial resmi aktifnya "
        "(satuan: instansi, situs web tidak dihitung), dihitung ulang dari posts-*.csv.gz.",
    ),
    (
        "posting_30_of",
        "Penyebutnya: kecamatan dan desa/kelurahan resmi (Kepmendagri) ditambah OPD terdaftar.",
    ),
    ("posting_30_share", "posting_30_agencies / posting_30_of (0-1)."),
    ("site", "Alamat situs Kanal-nya."),
]


@dataclass
class Row:
    code: str
    name: str
    result: MemberResult | None  # None: no Kanal site listed for this regency/city
    rank: int | None = None

    @property
    def status(self) -> str:
        return self.result.status if self.result else "no_site"


def _rank_key(r: MemberResult) -> tuple[float, float]:
    desa = r.desa.share if r.desa and r.desa.share is not None else -1.0
    kec = r.kecamatan.share if r.kecamatan and r.kecamatan.share is not None else -1.0
    return (-desa, -kec)


def rows_of(results: list[MemberResult], province: str, codes: dict[str, str]) -> list[Row]:
    """Ranked members first (by desa/kelurahan coverage of the official count, then
    kecamatan; equal keys share a rank, 1, 2, 2, 4, as on a regency's ranking; equal ones in
    name order), then the rest."""
    ranked = sorted(
        (r for r in results if r.status == "ok"),
        key=lambda r: (*_rank_key(r), r.member.name.casefold()),
    )
    rows: list[Row] = []
    for i, r in enumerate(ranked, 1):
        same = rows and _rank_key(rows[-1].result) == _rank_key(r)  # type: ignore[arg-type]
        rows.append(Row(r.member.code, r.member.name, r, rows[-1].rank if same else i))
    rows += [
        Row(r.member.code, r.member.name, r)
        for r in sorted(results, key=lambda r: r.member.code)
        if r.status != "ok"
    ]
    listed = {r.member.code for r in results}
    rows += [
        Row(c, codes[c], None)
        for c in sorted(codes)
        if c.startswith(province + ".") and regions.depth(c) == 2 and c not in listed
    ]
    return rows


def _record(row: Row) -> dict[str, Any]:
    r = row.result
    out: dict[str, Any] = {name: None for name, _ in FIELDS}
    out.update(code=row.code, name=row.name, status=row.status, rank=row.rank)
    if r is None:
        out["reason"] = "belum ada situs Kanal yang tercantum"
        return out
    out["reason"] = r.reason
    out["site"] = r.member.site
    out["reference_date"] = r.reference_date.isoformat() if r.reference_date else None
    if not r.shown:
        return out
    for name, level in (("kecamatan", r.kecamatan), ("desa", r.desa)):
        if level:
            out[f"{name}_official"] = level.official
            out[f"{name}_registered"] = level.registered
            out[f"{name}_active"] = level.active
    if r.opd:
        out["opd_registered"], out["opd_active"] = r.opd.registered, r.opd.active
    if r.complaints:
        c = r.complaints
        summary = r.manifest.complaints if r.manifest else None
        if summary is not None:
            out["complaints_period_start"] = summary.period_start.isoformat()
            out["complaints_period_end"] = summary.period_end.isoformat()
        out.update(
            complaints_records=c.records,
            first_response_eligible=c.eligible,
            first_response_within_target=c.within,
            first_response_within_share=c.share,
            first_response_within_low=c.low,
            first_response_within_high=c.high,
            first_response_median_workdays=c.median_days,
            complaints_enough=c.enough,
        )
    if r.posting:
        out["posting_30_agencies"], out["posting_30_of"] = r.posting.agencies, r.posting.of
        out["posting_30_share"] = r.posting.share
    return out


def write_data(rows: list[Row], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    records = [_record(r) for r in rows]
    with (out / "provinsi.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([name for name, _ in FIELDS])
        for rec in records:
            writer.writerow([_csv_cell(rec[n]) for n, _ in FIELDS])
    (out / "provinsi.json").write_text(
        json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def _field_type(name: str) -> str:
    """The Frictionless type of a provinsi.csv column."""
    if name in ("code", "name", "status", "reason", "site"):
        return "string"
    if name in ("reference_date", "complaints_period_start", "complaints_period_end"):
        return "date"
    if name == "complaints_enough":
        return "boolean"
    return "number" if name.endswith(("_share", "_low", "_high")) else "integer"


TABLE = "provinsi"
TABLE_DOC = (
    "Perbandingan kabupaten/kota: cakupan, aduan dan unggahan setiap anggota, dihitung ulang "
    "dari catatan yang diterbitkan masing-masing; status dan alasannya."
)


def publish_province_tables(data: Path) -> None:
    """Put provinsi.csv/.json (written by render_province) into the site's database
    (``kanal.sqlite``, or ``.sqlite.gz`` when large) and Data Package."""
    from generator.opendata.resources import PACKAGE, add_resources, refresh_file, resource

    fields = [{"name": n, "type": _field_type(n), "description": d} for n, d in FIELDS]
    records = json.loads((data / f"{TABLE}.json").read_text(encoding="utf-8"))
    gz = data / "kanal.sqlite.gz"
    db_path = data / "kanal.sqlite"
    if gz.exists():  # a large province database: opened, extended, compressed again
        with gzip.open(gz, "rb") as fin, db_path.open("wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
    sql = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
    db = sqlite3.connect(db_path)
    try:
        db.execute(f'DROP TABLE IF EXISTS "{TABLE}"')
        columns = [f'"{f["name"]}" {sql.get(f["type"], "TEXT")}' for f in fields]
        db.execute(f'CREATE TABLE "{TABLE}" ({", ".join(columns)}, PRIMARY KEY ("code"))')
        db.executemany(
            f'INSERT INTO "{TABLE}" VALUES ({", ".join("?" * len(fields))})',
            [[r[f["name"]] for f in fields] for r in records],
        )
        db.commit()
    finally:
        db.close()
    if gz.exists():
        gzip_file(db_path, gz)
        db_path.unlink()
    if (data / PACKAGE).exists():
        refresh_file(data, gz.name if gz.exists() else db_path.name)
    metadata = data / "metadata.json"  # Datasette's titles and descriptions, when written
    if metadata.exists():
        doc = json.loads(metadata.read_text(encoding="utf-8"))
        tables = doc.setdefault("databases", {}).setdefault("kanal", {}).setdefault("tables", {})
        tables[TABLE] = {"description": TABLE_DOC, "columns": dict(FIELDS)}
        metadata.write_text(
            json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    schema = {"fields": fields, "primaryKey": ["code"]}
    add_resources(
        data,
        [
            resource(
                data,
                f"{TABLE}-{ext}",
                f"{TABLE}.{ext}",
                schema,
                TABLE_DOC,
                f"Perbandingan kabupaten/kota ({ext.upper()})",
            )
            for ext in ("csv", "json")
        ],
        "Data terbuka Kanal",
    )


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


_SHORT = (
    ("Kabupaten Administrasi ", "Kab. "),
    ("Kota Administrasi ", "Kota "),
    ("Kabupaten ", "Kab. "),
)


def short_name(name: str) -> str:
    """A member as the province's chart names it ("Kab. Banggai Kep.", "Kota Jakarta Pusat"):
    its tier shortened, "Kepulauan" too; the table beside it gives the official name."""
    for long, short in _SHORT:
        if name.startswith(long):
            name = short + name[len(long) :]
            break
    return " ".join("Kep." if word == "Kepulauan" else word for word in name.split(" "))


def render_province(renderer: Renderer, results: list[MemberResult]) -> None:
    d = renderer.d
    codes = {**regions.reference_codes(), **d.region_names}
    rows = rows_of(results, d.region.code, codes)
    write_data(rows, renderer.docs / "data")
    ranked = [r for r in rows if r.rank]
    chart = None
    if ranked:
        chart = ranked_bars(
            "prov-desa",
            "Desa/kelurahan dengan akun resmi aktif, per kabupaten/kota",
            "Persentase desa/kelurahan resmi (Kepmendagri 2025) yang terdaftar dan memiliki akun "
            "media sosial resmi aktif, per kabupaten/kota yang datanya terverifikasi. Angka lengkap "
            "ada di tabel.",
            [short_name(r.name) for r in ranked],
            [
                100 * r.result.desa.share
                if r.result and r.result.desa and r.result.desa.share is not None
                else None
                for r in ranked
            ],
            unit="%",
            scale=100,
        )
    counts = {s: sum(1 for r in rows if r.status == s) for s in [*STATUS_LABELS, "no_site"]}
    # One row per account listed by several members (collect.disputes), in URL order.
    disputed: dict[str, tuple[str, dict[str, Member]]] = {}
    for r in results:
        for url, others in r.disputed:
            ident = listed_key(url)
            _, who = disputed.setdefault(ident[1] if ident else url, (url, {}))
            who.update({m.code: m for m in (r.member, *others)})
    renderer.page(
        PAGE,
        "provinsi.html.j2",
        "Perbandingan kabupaten/kota",
        f"Registri, cakupan akun resmi dan kinerja aduan kabupaten/kota di {d.region.name}, "
        "dari data terbuka yang diterbitkan masing-masing.",
        rows=rows,
        chart=chart,
        counts=counts,
        status_labels={**STATUS_LABELS, "no_site": "Belum ada situs Kanal"},
        stale_days=STALE_DAYS,
        min_records=MIN_RECORDS,
        fields=FIELDS,
        disputed=[
            (url, [who[c] for c in sorted(who)])
            for url, who in sorted(disputed.values(), key=lambda item: item[0])
        ],
    )


def add_members_to_index(index: dict[str, Any], results: list[MemberResult]) -> int:
    """Add the verified members' agencies and accounts to the province's finder index, so
    the finder, the header search and the checker answer for every regency and city.

    Their rows link to the member's own site (absolute URLs; a member read from a folder
    has none, so its rows link to the comparison page). Returns the agencies added.
    """
    from generator.registry.models import KIND_LABELS, Kind

    fields = index["agency_fields"]
    assert fields[:5] == ["name", "short_name", "kind", "url", "parent"], fields
    added = 0
    for r in sorted(results, key=lambda r: r.member.code):
        if not r.shown:
            continue
        names = {a[0]: a[1] for a in r.agencies}
        site = r.member.site.rstrip("/") + "/" if r.member.site else None
        position: dict[str, int] = {}
        for aid, name, short, kind, parent in r.agencies:
            try:
                label = KIND_LABELS[Kind(kind)][0]
            except ValueError:
                label = ""
            village = kind in ("desa", "kelurahan") and parent in names
            if site:
                url = f"{site}instansi/{parent}/#{aid}" if village else f"{site}instansi/{aid}/"
            else:
                url = "provinsi/"
            where = f"{names[parent]}, {r.member.name}" if village else r.member.name
            position[aid] = len(index["agencies"])
            index["agencies"].append([name, short, label, url, where, "", None])
            added += 1
        # Identified once, by collect.disputes (a national aggregation's 283,000 URLs: 3 s).
        keys = r.account_keys if len(r.account_keys) == len(r.accounts) else None
        for i, (aid, _platform, url, status) in enumerate(r.accounts):
            ident = keys[i] if keys is not None else listed_key(url)
            if ident is not None:
                index["accounts"].append([ident[0], ident[1], status, position[aid], ""])
    return added
