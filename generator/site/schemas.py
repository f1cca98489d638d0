"""JSON Schemas of the YAML format, for editors (yaml-language-server) and for the site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.registry.impostors import ImpostorsIn
from generator.registry.models import AgencyIn, RegionIn

SCHEMA_DIR = Path(__file__).parent.parent / "schema"  # generator/schema/, beside the package


# JSON Schema's "time" format (RFC 3339) requires seconds and a UTC offset, so a valid
# ``end: '16:00'`` would get a red mark in an editor; Kanal reads wall-clock times, HH:MM[:SS].
TIME_PATTERN = (
    r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$"
)


def _portable(node: Any) -> Any:
    """The schema with formats Kanal reads differently from JSON Schema replaced by patterns."""
    if isinstance(node, list):
        return [_portable(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _portable(value) for key, value in node.items()}
    if out.get("format") == "time":
        del out["format"]
        out["pattern"] = TIME_PATTERN
    return out


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema. Agency files may hold one agency or a list of them."""
    agency = AgencyIn.model_json_schema()
    agency_file = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Berkas instansi Kanal",
        "description": "Satu instansi, atau daftar instansi (misalnya satu kecamatan beserta desanya).",
        "$defs": {**agency.pop("$defs", {}), "AgencyIn": agency},
        "anyOf": [
            {"$ref": "#/$defs/AgencyIn"},
            {"type": "array", "items": {"$ref": "#/$defs/AgencyIn"}},
        ],
    }
    region = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **RegionIn.model_json_schema(),
    }
    impostors = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Daftar peniru yang diketahui (impostors.yml)",
        **ImpostorsIn.model_json_schema(),
    }
    from generator.opendata.manifest import manifest_schema  # the published site's data contract

    return {
        "agency.schema.json": _portable(agency_file),
        "region.schema.json": _portable(region),
        "impostors.schema.json": _portable(impostors),
        "manifest.schema.json": manifest_schema(),
    }


def render_schema(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(target: Path = SCHEMA_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in schemas().items():
        path = target / name
        path.write_text(render_schema(data), encoding="utf-8")
        written.append(path)
    return written
