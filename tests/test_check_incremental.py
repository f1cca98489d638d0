"""`kanal serve` checks only what an edit changed (generator.build.inputcache, registry.cache):
after any sequence of edits, its check gives the same problems and the same directory as a
full check of the same files, also for the checks across files (a number quoted in one file
and registered in another, an account listed twice, a parent in another file)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.inputcache import InputCache
from generator.build.pipeline import check
from tests.conftest import FIXTURES

TODAY = dt.date(2026, 11, 22)

# Each slot of the tiny region and the values an edit may give it (the first is the fixture's).
SLOTS: dict[str, list[str | None]] = {
    # bappeda quotes kelurahan-pajang's registered WhatsApp, or a number nobody registered
    "bappeda_description": [
        None,
        "description: Informasi lewat WA 0813-1111-2222.\n",
        "description: Informasi lewat WA 0857-1234-5678.\n",
    ],
    # the same Instagram account as dinas-kesehatan's, or its own
    "bappeda_account": [
        None,
        "accounts:\n  - platform: instagram\n    handle: dinkes.uji\n    status: active\n"
        "    reviewed: 2026-10-01\n",
        "accounts:\n  - platform: instagram\n    handle: bappeda.uji\n    status: active\n"
        "    reviewed: 2026-10-01\n",
    ],
    "bappeda_kind": ["kind: badan", "kind: [badan"],  # a broken file
    "pajang_whatsapp": ['value: "+62 813-1111-2222"', 'value: "+62 813-1111-9999"'],
    "dinkes_handle": [
        'handle: "@Dinkes.Uji"\n    url: https://www.instagram.com/dinkes.uji/',
        'handle: "@Dinkes.Kota"\n    url: https://www.instagram.com/dinkes.kota/',
    ],
    "bumi_parent": [
        'parent: kecamatan-laweyan\n  region_code: "33.72.01.1003"',
        'parent: kecamatan-tidak-ada\n  region_code: "33.72.01.1003"',
    ],
    # a new file quoting dinas-kesehatan's registered office line
    "dinsos": [
        None,
        "id: dinas-sosial\nname: Dinas Sosial\nkind: dinas\n"
        "description: Kantor bersama, telepon (0271) 712345.\n",
    ],
}


def _write(data: Path, base: dict[str, str], state: dict[str, int]) -> None:
    """The region's files for ``state`` (each slot's value by index); unchanged files are
    not written again, as an editor saves only the file it changed."""
    files = dict(base)
    bappeda = files["bappeda.yml"].replace(
        "kind: badan", SLOTS["bappeda_kind"][state["bappeda_kind"]]
    )
    for slot in ("bappeda_description", "bappeda_account"):
        bappeda += SLOTS[slot][state[slot]] or ""
    files["bappeda.yml"] = bappeda
    files["laweyan.yml"] = (
        files["laweyan.yml"]
        .replace(SLOTS["pajang_whatsapp"][0], SLOTS["pajang_whatsapp"][state["pajang_whatsapp"]])
        .replace(SLOTS["bumi_parent"][0], SLOTS["bumi_parent"][state["bumi_parent"]])
    )
    files["dinkes.yml"] = files["dinkes.yml"].replace(
        SLOTS["dinkes_handle"][0], SLOTS["dinkes_handle"][state["dinkes_handle"]]
    )
    dinsos = SLOTS["dinsos"][state["dinsos"]]
    agencies = data / "agencies"
    if dinsos is None:
        (agencies / "dinsos.yml").unlink(missing_ok=True)
    else:
        files["dinsos.yml"] = dinsos
    for name, text in files.items():
        path = agencies / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def _outcome(data: Path, cache: InputCache | None) -> tuple[list[str], object]:
    inputs, problems = check(data, TODAY, cache=cache)
    lines = [str(p) for p in problems.sorted()]
    if inputs is None:
        return lines, None
    d = inputs.directory
    return lines, (d.agencies, d.region_names, d.official, d.impostors, d.region)


_STEPS = st.lists(
    st.sampled_from(sorted(SLOTS)).flatmap(
        lambda slot: st.tuples(st.just(slot), st.integers(0, len(SLOTS[slot]) - 1))
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=_STEPS)
def test_incremental_check_equals_a_full_check(tmp_path_factory, steps):
    data = tmp_path_factory.mktemp("check") / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    base = {p.name: p.read_text(encoding="utf-8") for p in (data / "agencies").glob("*.yml")}
    state = {slot: 0 for slot in SLOTS}
    cache = InputCache()
    _outcome(data, cache)
    for slot, value in steps:
        state[slot] = value
        _write(data, base, state)
        assert _outcome(data, cache) == _outcome(data, None), state


def test_a_quoted_number_follows_its_registration_in_another_file(tmp_path):
    """The free-text check of an unchanged file is kept only while the registered numbers
    are the same: unregistering a number elsewhere makes the quote personal data."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    base = {p.name: p.read_text(encoding="utf-8") for p in (data / "agencies").glob("*.yml")}
    state = {slot: 0 for slot in SLOTS}
    cache = InputCache()
    state["bappeda_description"] = 1  # quotes kelurahan-pajang's registered number
    _write(data, base, state)
    inputs, problems = check(data, TODAY, cache=cache)
    assert inputs is not None and not problems.errors
    state["pajang_whatsapp"] = 1  # laweyan.yml changes; bappeda.yml does not
    _write(data, base, state)
    inputs, problems = check(data, TODAY, cache=cache)
    assert cache.registry.agencies.texts_checked == 5  # every agency: the values changed
    errors = [str(p) for p in problems.errors]
    assert any("bappeda.yml" in e and "data pribadi" in e for e in errors), errors
    state["pajang_whatsapp"] = 0
    _write(data, base, state)
    inputs, problems = check(data, TODAY, cache=cache)
    assert inputs is not None and not problems.errors
    # Registered values unchanged, one file edited: only that file's text is checked again.
    state["dinkes_handle"] = 1
    _write(data, base, state)
    inputs, problems = check(data, TODAY, cache=cache)
    assert inputs is not None
    assert cache.registry.agencies.texts_checked == 1
