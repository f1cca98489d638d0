"""``datapackage.json`` (Frictionless Data Package) and ``metadata.json`` (Datasette).

Every resource carries its title, description, size and SHA-256, so a reader can check each
file it downloads; table resources carry their Table Schema with the same primary and foreign
keys as ``kanal.sqlite`` (``generator.opendata.tables``). A JSON table with rows carries no
``bytes``: Frictionless 5 counts no bytes of a JSON table and reports any declared size as
wrong; its size is in ``kanal.json`` and ``dcat-ap.jsonld``.

A JSON table with no rows is the empty array ``[]``, the same shape as a table with rows (an
array of row objects). Frictionless cannot read a table out of an empty array ("cannot extract
JSON tabular data") and rejects the package, so such a file is declared as a plain JSON file
resource; its columns are those of the CSV resource of the same table, which a header line
keeps valid when empty.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.opendata.manifest import sha256_file
from generator.opendata.tables import TABLES, Field, table_schema

MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
FORMAT_NAMES = {"csv": "CSV", "json": "JSON"}


@dataclass(frozen=True)
class PublishedTable:
    """One table as written: its fields, how many rows, and the formats of its files."""

    name: str
    fields: list[Field]
    rows: int
    formats: tuple[str, ...]


@dataclass(frozen=True)
class PackageInfo:
    """What the package says about itself (title, period, licence, dates)."""

    title: str
    description: str
    licence: str
    created: dt.date


def licence_url(licence: str) -> str:
    return f"https://spdx.org/licenses/{licence}.html"


def table_resources(out: Path, tables: Sequence[PublishedTable]) -> list[dict[str, Any]]:
    """The Data Package resources of every table file under ``out``."""
    resources = []
    for table in tables:
        doc = TABLES[table.name]
        for ext in table.formats:
            path = out / f"{table.name}.{ext}"
            resource: dict[str, Any] = {
                "name": f"{table.name}-{ext}",
                "path": path.name,
                "title": f"{doc.title} ({FORMAT_NAMES[ext]})",
                "description": doc.description,
                "type": "table",
                "format": ext,
                "mediatype": MEDIA_TYPES[ext],
                "encoding": "utf-8",
                "bytes": path.stat().st_size,
                "hash": f"sha256:{sha256_file(path)}",
            }
            if ext == "json" and table.rows:
                # Frictionless 5 reads a JSON table through ijson and counts no bytes of it:
                # any declared size is reported as wrong ("actual is None"). The hash stays
                # (checked by any reader; frictionless skips what it did not compute), and
                # kanal.json and dcat-ap.jsonld give the size of every file.
                del resource["bytes"]
            if ext == "json" and table.rows == 0:
                resource["type"] = "file"
                resource["description"] += (
                    f" Saat ini kosong (array JSON []); kolomnya sama dengan {table.name}.csv."
                )
            else:
                linked = {t.name: f"{t.name}-{ext}" for t in tables if ext in t.formats}
                if ext == "json":  # a link to an empty JSON table goes to its CSV instead
                    empty = {t.name for t in tables if t.rows == 0}
                    linked = {n: r if n not in empty else f"{n}-csv" for n, r in linked.items()}
                resource["schema"] = table_schema(table.name, table.fields, linked)
            resources.append(resource)
    return resources


def file_resource(path: Path, name: str, title: str, about: str, fmt: str, media: str) -> dict:
    """A non-table file (the SQLite database) with its size and hash."""
    return {
        "name": name,
        "path": path.name,
        "title": title,
        "type": "file",
        "format": fmt,
        "mediatype": media,
        "description": about,
        "bytes": path.stat().st_size,
        "hash": f"sha256:{sha256_file(path)}",
    }


def write_datapackage(out: Path, info: PackageInfo, resources: list[dict[str, Any]]) -> dict:
    """Write ``datapackage.json`` into ``out``; returns the descriptor."""
    package = {
        "name": "kanal-aduan",
        "title": info.title,
        "description": info.description,
        "licenses": [
            {"name": info.licence, "path": licence_url(info.licence), "title": info.licence}
        ],
        "created": dt.datetime.combine(info.created, dt.time(0), dt.UTC)
        .isoformat()
        .replace("+00:00", "Z"),
        "resources": resources,
    }
    (out / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return package


def write_datasette_metadata(
    out: Path, info: PackageInfo, tables: Sequence[PublishedTable]
) -> None:
    """``metadata.json`` for Datasette (``datasette kanal.sqlite -m metadata.json``)."""
    metadata = {
        "title": info.title,
        "description": info.description
        + " Cara menghitung ulang setiap angka: halaman Metodologi di situs.",
        "license": info.licence,
        "license_url": licence_url(info.licence),
        "source": "Registri dan catatan aduan pemerintah daerah, diterbitkan dengan Kanal",
        "databases": {
            "kanal": {
                "tables": {
                    t.name: {
                        "title": TABLES[t.name].title,
                        "description": TABLES[t.name].description,
                        "columns": {fd["name"]: fd.get("description", "") for fd in t.fields},
                    }
                    for t in tables
                }
            }
        },
    }
    (out / "metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
