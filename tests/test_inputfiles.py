"""Listing, reading and naming input files: the fast paths give what the plain definitions give."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.safeinput.files import MB, input_files, read_bytes
from generator.safeinput.problems import DisplayPaths, Problems, display_path


def reference_display(path: Path, base: Path) -> str:
    """The definition: the folder resolved, the last part as written, relative to ``base``."""
    named = path.name not in ("", ".", "..")
    full = path.parent.resolve() / path.name if named else path.resolve()
    try:
        return str(full.relative_to(base.resolve()))
    except ValueError:
        return str(path)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with real folders, a linked folder, a linked file and an outside."""
    work = tmp_path / "kerja"
    (work / "data" / "agencies" / "33.01").mkdir(parents=True)
    (work / "data" / "agencies" / "33.01" / "a.yml").write_text("id: a\n")
    (tmp_path / "luar").mkdir()
    (work / "tautan").symlink_to(work / "data" / "agencies")
    (work / "keluar").symlink_to(tmp_path / "luar")
    (work / "data" / "agencies" / "b.yml").symlink_to(tmp_path / "luar")
    monkeypatch.chdir(work)
    return work


PARTS = st.sampled_from(
    ["data", "agencies", "33.01", "a.yml", "b.yml", "tautan", "keluar", "..", ".", "x.yml"]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.booleans(), st.lists(PARTS, min_size=0, max_size=6))
def test_display_paths_match_the_definition(tree, absolute, parts):
    shown = DisplayPaths()
    path = Path(tree if absolute else ".", *parts)
    expected = reference_display(path, Path.cwd())
    assert display_path(path) == expected
    assert shown(path) == expected
    assert shown(path) == expected  # from the remembered folder
    assert display_path(path, tree.parent) == reference_display(path, tree.parent)


def test_a_link_is_shown_by_its_own_name(tree):
    assert display_path(Path("data/agencies/b.yml")) == "data/agencies/b.yml"
    assert display_path(Path("tautan/33.01/a.yml")) == "data/agencies/33.01/a.yml"
    assert display_path(Path("keluar/c.yml")) == "keluar/c.yml"  # outside: as written


def test_files_come_in_the_order_of_sorted_paths(tmp_path):
    """Sorted by parts, not by text: 'a/z.yml' comes before 'a-b/x.yml' ('-' < '/')."""
    for name in ["a/z.yml", "a-b/x.yml", "a.yml", "a/b/c.yml", "A.yml", "a0.yml", "b.yml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n")
    problems = Problems()
    found = input_files(tmp_path, (".yml",), problems)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "A.yml",
        "a/b/c.yml",
        "a/z.yml",
        "a-b/x.yml",
        "a.yml",
        "a0.yml",
        "b.yml",
    ]
    assert found == sorted(found)
    assert not problems


@pytest.mark.parametrize("size", [0, 1, MB - 1, MB, MB + 1, 3 * MB + 5])
def test_read_bytes_reads_every_byte_up_to_the_limit(tmp_path, size):
    path = tmp_path / "isi.bin"
    content = os.urandom(size)
    path.write_bytes(content)
    problems = Problems()
    assert read_bytes(path, "isi.bin", problems, max_bytes=3 * MB + 5) == content
    assert not problems


def test_read_bytes_refuses_one_byte_over_the_limit(tmp_path):
    path = tmp_path / "isi.bin"
    path.write_bytes(b"x" * (MB + 1))
    problems = Problems()
    assert read_bytes(path, "isi.bin", problems, max_bytes=MB) is None
    assert [str(p) for p in problems] == [
        "isi.bin: error: berkas terlalu besar (1,0 MB; batas 1,0 MB); pecah menjadi beberapa berkas"
    ]
