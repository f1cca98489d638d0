"""The published JSON Schemas are current and valid, and the data files point editors at them."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from generator.schema import SCHEMA_DIR, render_schema, schemas

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_current():
    for name, data in schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == render_schema(data), (
            f"run 'kanal schema' to refresh {name}"
        )


def test_schemas_are_valid_json_schema():
    for name in ("agency.schema.json", "region.schema.json"):
        Draft202012Validator.check_schema(
            json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
        )


def test_schema_accepts_an_agency_and_rejects_unknown_fields():
    validator = Draft202012Validator(schemas()["agency.schema.json"])
    good = {
        "id": "dinkes",
        "name": "Dinas Kesehatan",
        "kind": "dinas",
        "accounts": [
            {"platform": "x", "handle": "dinkes", "status": "active", "reviewed": "2026-10-01"}
        ],
    }
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors([good])) == []
    assert list(validator.iter_errors({**good, "nmae": "x"}))


def test_demo_files_reference_the_schema():
    files = sorted((ROOT / "data" / "agencies").rglob("*.yml"))
    assert len(files) > 250
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == SCHEMA_DIR / "agency.schema.json", path
