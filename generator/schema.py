"""JSON Schemas of the YAML format, for editors (yaml-language-server) and for the site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.models import AgencyIn, RegionIn

SCHEMA_DIR = Path(__file__).parent / "schema"


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
    from generator.manifest import manifest_schema  # the published site's data contract

    return {
        "agency.schema.json": agency_file,
        "region.schema.json": region,
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
