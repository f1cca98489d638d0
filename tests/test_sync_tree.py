"""generator.build.pipeline.sync_tree: the build folder follows the staging folder, touching only changes."""

from __future__ import annotations

import os
from pathlib import Path

from generator.build.pipeline import sync_tree


def _tree(root: Path) -> dict[str, str | None]:
    return {
        str(p.relative_to(root)): None if p.is_dir() else p.read_text("utf-8")
        for p in sorted(root.rglob("*"))
    }


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")


def test_only_changed_files_are_replaced_and_stale_ones_removed(tmp_path):
    dst = tmp_path / "docs"
    _write(dst, {"same.md": "a", "changed.md": "old", "longer.md": "x", "gone/old.md": "z"})
    os.utime(dst / "same.md", (1_000_000, 1_000_000))
    src = tmp_path / "new"
    _write(src, {"same.md": "a", "changed.md": "new", "longer.md": "xy", "added/n.md": "n"})
    sync_tree(src, dst)
    assert _tree(dst) == {
        "added": None,
        "added/n.md": "n",
        "changed.md": "new",
        "longer.md": "xy",
        "same.md": "a",
    }
    assert (dst / "same.md").stat().st_mtime == 1_000_000  # untouched: live reload stays calm


def test_a_file_that_became_a_folder_and_back(tmp_path):
    dst = tmp_path / "docs"
    _write(dst, {"page": "was a file", "folder/inner.md": "was in a folder"})
    src = tmp_path / "new"
    _write(src, {"page/index.md": "now a folder", "folder": "now a file"})
    sync_tree(src, dst)
    assert _tree(dst) == {"folder": "now a file", "page": None, "page/index.md": "now a folder"}


def test_into_a_missing_folder(tmp_path):
    src = tmp_path / "new"
    _write(src, {"a/b/c.md": "c", "d.md": "d"})
    folder = (src / "a" / "b").stat().st_ino
    sync_tree(src, tmp_path / "out" / "docs")
    # One rename of the whole tree (a fresh checkout's build): no folder made again, and no
    # emptied staging folders left to remove.
    assert (tmp_path / "out" / "docs" / "a" / "b").stat().st_ino == folder
    assert not src.exists()
    assert _tree(tmp_path / "out" / "docs") == {
        "a": None,
        "a/b": None,
        "a/b/c.md": "c",
        "d.md": "d",
    }
