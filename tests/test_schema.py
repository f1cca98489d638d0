"""The published JSON Schemas are current and valid, and the data files point editors at them."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from generator.registry.load import validate_model
from generator.registry.models import (
    ENUM_WORDS,
    AccountStatus,
    AgencyIn,
    ChannelType,
    Kind,
    Platform,
)
from generator.registry.settings import OfficeHoursIn
from generator.safeinput.problems import Problems
from generator.safeinput.words import word_key
from generator.safeinput.yamlio import LineMap, read_yaml
from generator.site.schemas import SCHEMA_DIR, render_schema, schemas
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
# The standard validator an office runs in CI or its editor runs (format checks on by default).
CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or (
    "check-jsonschema"
)


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


def _data_files() -> tuple[list[Path], list[Path]]:
    roots = [ROOT / "data", FIXTURES / "tiny", FIXTURES / "hostile"]
    regions = [root / "region.yml" for root in roots]
    agencies = sorted(p for root in roots for p in (root / "agencies").rglob("*.yml"))
    return regions, agencies


def test_every_demo_and_fixture_file_passes_check_jsonschema():
    """With a standard validator and format checks on (what an editor shows): 'end: 16:00'
    in region.yml was a red mark as JSON Schema's 'time' format while Kanal accepts it."""
    regions, agencies = _data_files()
    assert len(agencies) > 250
    for schema, files in (("region.schema.json", regions), ("agency.schema.json", agencies)):
        result = subprocess.run(
            [CHECK_JSONSCHEMA, "--schemafile", str(SCHEMA_DIR / schema), *map(str, files)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "ok -- validation done" in result.stdout


def test_office_hours_pattern_agrees_with_kanal():
    validator = Draft202012Validator(
        schemas()["region.schema.json"], format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    hours = validator.schema["$defs"]["OfficeHoursIn"]["properties"]["end"]
    for text in (
        "16:00",
        "07:30",
        "16:00:00",
        "23:59:59.5",
        "7:30",
        "24:00",
        "16.00",
        "16:00Z",
        "16:00+07:00",
        "16:00 WIB",
    ):
        kanal_ok = _accepted(OfficeHoursIn, {"end": text})
        schema_ok = not list(validator.descend(text, hours))
        assert kanal_ok == schema_ok, text


def _accepted(model: type, raw: dict) -> bool:
    try:
        model.model_validate(raw)
    except ValidationError:
        return False
    return True


def _kanal_rejects_agency(raw: object) -> bool:
    problems = Problems()
    result = validate_model(AgencyIn, raw, LineMap("a.yml"), (), problems)
    return result is None and bool(problems.errors)


AGENCY_FIELDS = set(AgencyIn.model_fields)
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)


@st.composite
def shape_mistakes(draw) -> tuple[str, dict]:
    """A demo agency with one mistake of shape: an unknown field, a value outside an enum,
    or a value of the wrong type, at the top or inside an account or a channel."""
    regions, agencies = _data_files()
    path = draw(st.sampled_from([p for p in agencies if "fixtures/hostile" not in str(p)]))
    parsed = read_yaml(path, path.name, Problems())
    assert parsed is not None
    raw = parsed[0]
    agency = copy.deepcopy(draw(st.sampled_from(raw)) if isinstance(raw, list) else raw)
    targets = [("agency", agency)]
    targets += [("account", a) for a in agency.get("accounts", [])]
    targets += [("channel", c) for c in agency.get("channels", [])]
    where, target = draw(st.sampled_from(targets))
    kind = draw(st.sampled_from(["unknown field", "enum", "type"]))
    if kind == "unknown field":
        name = draw(WORDS.filter(lambda w: w not in target))
        target[name] = draw(WORDS)
    elif kind == "enum":
        field = {"agency": "kind", "account": "status", "channel": "type"}[where]
        if where == "account" and draw(st.booleans()):
            field = "platform"
        target[field] = draw(WORDS.filter(lambda w: word_key(w) not in ENUM_KEYS))
    else:
        field, value = draw(
            st.sampled_from(
                {
                    "agency": [
                        ("name", ["a", "b"]),
                        ("accounts", {"x": "y"}),
                        ("services", "satu teks"),
                        ("office", ["alamat"]),
                        ("parent", {"id": "x"}),
                    ],
                    "account": [("handle", ["a"]), ("reviewed", "kemarin"), ("since", ["x"])],
                    "channel": [("value", ["0812"]), ("label", {"a": "b"})],
                }[where]
            )
        )
        target[field] = value
    return f"{path.name} {where} {kind}", agency


# What Kanal reads as an enum's value: the values and the synonyms it accepts for them
# ("archive" for archived: hypothesis draws words from the code's own constants too).
ENUM_VALUES = {
    *(k.value for k in Kind),
    *(s.value for s in AccountStatus),
    *(p.value for p in Platform),
    *(c.value for c in ChannelType),
}
ENUM_KEYS = {word_key(v) for v in ENUM_VALUES} | {
    key for words in ENUM_WORDS.values() for key in words
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape_mistakes())
def test_a_shape_kanal_rejects_is_rejected_by_the_schema(case):
    label, agency = case
    validator = Draft202012Validator(
        schemas()["agency.schema.json"], format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert _kanal_rejects_agency(agency), label
    assert list(validator.iter_errors(agency)), label
    assert list(validator.iter_errors([agency])), label
