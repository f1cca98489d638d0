"""Resources that features add to the site's Frictionless Data Package (``datapackage.json``).

The complaint open data writes the package; features that publish more tables (the post
records and feed status, a province's comparison) add their resources to it with
:func:`add_resources`, each with its title, size and SHA-256 like every other file of
``data/``. A JSON table with no rows is ``[]``, which Frictionless cannot read as a table: it is
declared as a plain file (its columns are those of the CSV resource of the same table).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.opendata.manifest import sha256_file

PACKAGE = "datapackage.json"
_MEDIA = {
    "csv": "text/csv",
    "json": "application/json",
    "sqlite": "application/vnd.sqlite3",
    "gz": "application/gzip",
}


def resource(
    out: Path,
    name: str,
    path: str,
    schema: dict[str, Any] | None,
    description: str,
    title: str,
) -> dict[str, Any]:
    """A resource for the file ``out/path``: a table when ``schema`` is given, else a file."""
    file = out / path
    parts = path.split(".")
    compressed = parts[-1] == "gz"
    fmt = parts[-2] if compressed and schema is not None else parts[-1]
    if schema is not None and fmt == "json" and file.read_bytes().strip() == b"[]":
        schema = None  # an empty JSON table: a file (Frictionless reads no table from "[]")
        description += f" Saat ini kosong (array JSON []); kolomnya sama dengan {parts[0]}.csv."
    entry: dict[str, Any] = {
        "name": name,
        "path": path,
        "title": title,
        "type": "table" if schema is not None else "file",
        "format": fmt,
        "mediatype": _MEDIA.get(fmt, "application/octet-stream"),
        "description": description,
    }
    # frictionless cannot measure a JSON table it parses whole ("byte-count" error): a JSON
    # table's size is in kanal.json and DCAT-AP only (frictionless skips its hash check).
    if not (schema is not None and fmt == "json"):
        entry["bytes"] = file.stat().st_size
    entry["hash"] = f"sha256:{sha256_file(file)}"
    if schema is not None:
        entry["encoding"] = "utf-8"
        entry["schema"] = schema
        if compressed:
            entry["compression"] = "gz"
    return entry


def add_resources(out: Path, resources: list[dict[str, Any]], title: str) -> None:
    """Add ``resources`` to ``out/datapackage.json`` (made when missing), replacing any of the
    same name, so a rebuild never lists a resource twice."""
    path = out / PACKAGE
    if path.exists():
        package = json.loads(path.read_text(encoding="utf-8"))
    else:
        package = {"name": "kanal", "title": title, "resources": []}
    names = {r["name"] for r in resources}
    package["resources"] = [r for r in package["resources"] if r["name"] not in names] + resources
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def refresh_file(out: Path, path: str) -> None:
    """Update the size and hash of the resource for ``out/path`` after the file changed."""
    package_path = out / PACKAGE
    package = json.loads(package_path.read_text(encoding="utf-8"))
    for entry in package["resources"]:
        if entry.get("path") == path and "bytes" in entry:
            entry["bytes"] = (out / path).stat().st_size
            entry["hash"] = f"sha256:{sha256_file(out / path)}"
    package_path.write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
