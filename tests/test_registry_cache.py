"""The registry's cache for `kanal serve` (generator.registry.cache): an unchanged file is not
read again, and a changed one always is, also when its size and time did not change."""

from __future__ import annotations

import datetime as dt
import os
import shutil

from generator.build.inputcache import InputCache
from generator.build.pipeline import check
from tests.conftest import FIXTURES

TODAY = dt.date(2026, 11, 22)
HOUR_NS = 3600 * 10**9


def _names(inputs) -> dict[str, str]:
    return {a.id: a.name for a in inputs.directory.agencies.values()}


def test_unchanged_files_are_not_read_or_checked_again(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    old = os.stat(data / "region.yml").st_mtime_ns - HOUR_NS
    for path in data.rglob("*.yml"):
        os.utime(path, ns=(old, old))  # not "just written"
    cache = InputCache()
    first, problems = check(data, TODAY, cache=cache)
    assert first is not None and cache.registry.files.parsed == 3
    again, again_problems = check(data, TODAY, cache=cache)
    assert cache.registry.files.parsed == 0 and cache.registry.agencies.checked == 0
    assert _names(again) == _names(first)
    assert [str(p) for p in again_problems.sorted()] == [str(p) for p in problems.sorted()]
    # The directory's agencies are fresh objects: filling children twice would double them.
    assert again.directory.agencies["kecamatan-laweyan"].children == [
        "kelurahan-pajang",
        "kelurahan-bumi",
    ]


def test_same_size_same_time_edit_is_seen(tmp_path):
    """An editor that saves twice within one tick of the file system's clock, same size: the
    stamp is the same, the content is not (a just-written file is compared by content)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    bappeda = data / "agencies" / "bappeda.yml"
    cache = InputCache()
    check(data, TODAY, cache=cache)
    stamp = os.stat(bappeda)
    text = bappeda.read_text(encoding="utf-8")
    edited = text.replace("Badan Perencanaan", "Badan Perencanaam")
    assert len(edited) == len(text)
    bappeda.write_text(edited, encoding="utf-8")
    os.utime(bappeda, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    inputs, _ = check(data, TODAY, cache=cache)
    assert cache.registry.files.parsed == 1
    assert inputs.directory.agencies["bappeda"].name.startswith("Badan Perencanaam")


def test_a_broken_file_reports_the_same_located_error_from_the_cache(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    (data / "agencies" / "bappeda.yml").write_text("id: bappeda\nname: [rusak\n")
    cache = InputCache()
    for _ in range(2):
        inputs, problems = check(data, TODAY, cache=cache)
        assert inputs is None
        located = [str(p) for p in problems.errors]
        assert any("bappeda.yml:2:" in line and "tanda kurung [" in line for line in located)
