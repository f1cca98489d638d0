"""``kanal import --format open311`` on JSON that is valid but not a list of requests: a
located error, exit 1, nothing written, never a traceback."""

from __future__ import annotations

import json
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from tests.test_cli import kanal

NOT_A_LIST = (
    "error: JSON harus berupa daftar permintaan layanan Open311 ([{...}, ...]) atau "
    '{"service_requests": [...]}'
)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text())


def _run(tmp_path, text: str):
    if not (tmp_path / "data").exists():
        shutil.copytree(FIXTURES / "tiny", tmp_path / "data")
    (tmp_path / "o.json").write_text(text, encoding="utf-8")
    result = kanal("import", "--format", "open311", "o.json", "--out", "hasil.csv", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_json_of_the_wrong_shape_is_a_located_error(tmp_path):
    cases = {
        "5": f"o.json: {NOT_A_LIST}",
        '"teks"': f"o.json: {NOT_A_LIST}",
        '{"service_requests": 5}': f"o.json: {NOT_A_LIST}",
        "[1, null]": "o.json:1:1: error: permintaan ke-1 bukan objek JSON ({...}); tidak dibaca",
        "[" * 50_000 + "]" * 50_000: (
            "o.json: error: JSON tidak valid: terlalu dalam bersarang (kurung di dalam kurung)"
        ),
    }
    for text, expected in cases.items():
        result = _run(tmp_path, text)
        assert result.returncode == 1, result.stderr
        assert expected in result.stderr.splitlines(), (text[:20], result.stderr)
        assert not (tmp_path / "hasil.csv").exists()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(
        st.one_of(SCALARS, st.lists(SCALARS, max_size=2), st.dictionaries(st.text(), SCALARS)),
        max_size=4,
    )
)
def test_any_list_of_json_values_never_raises(tmp_path, items):
    result = _run(tmp_path, json.dumps(items))
    assert result.returncode in (0, 1)


def test_an_id_is_trimmed_and_judged_as_a_sheets_ticket_is(tmp_path):
    """An id with a space or NBSP before a formula is trimmed, then refused as a formula (kanal
    check trims cells, so it would have been written and read as one); an id holding a phone
    number is refused as a sheet's ticket is; a dash-only description is empty."""
    base = {
        "agency_responsible": "dinas-kesehatan",
        "service_name": "sampah",
        "requested_datetime": "2026-03-02T09:00:00+07:00",
        "status": "open",
    }
    items = [
        {**base, "service_request_id": ' =HYPERLINK("http://evil.invalid/")'},
        {**base, "service_request_id": "\u00a0-2+3+cmd|' /C calc'!A0"},
        {**base, "service_request_id": " R-3 ", "description": "-"},
    ]
    result = _run(tmp_path, json.dumps(items))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [e.split(": error: ")[0] for e in errors] == ["o.json:1:1", "o.json:2:1"]
    assert "id: diawali '=' dan berisi rumus" in errors[0] and "id: diawali '-'" in errors[1]
    assert not (tmp_path / "hasil.csv").exists()
    result = _run(tmp_path, json.dumps(items[2:]))
    assert result.returncode == 0, result.stderr
    assert (
        (tmp_path / "hasil.csv")
        .read_text(encoding="utf-8")
        .splitlines()[1]
        .startswith("R-3,dinas-kesehatan,")
    )
    assert (tmp_path / "hasil.csv").read_text(encoding="utf-8").splitlines()[1].endswith(",")
    (tmp_path / "hasil.csv").unlink()
    result = _run(tmp_path, json.dumps([{**base, "service_request_id": "0812-3344-5566"}]))
    assert "o.json:1:1: error: service_request_id: nomor tiket berisi data pribadi" in result.stderr
