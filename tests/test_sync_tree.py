"""generator.build.swap.sync_tree: the build folder follows the staging folder, touching only changes."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.swap import sync_tree


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


_PATHS = st.sampled_from(["a", "b", "a/x", "a/y", "b/x", "a/x/z", "c/d/e"])


def _trees() -> st.SearchStrategy[dict[str, str]]:
    """File trees with no file where another needs a folder."""
    return st.dictionaries(_PATHS, st.sampled_from(["1", "2"]), max_size=5).filter(
        lambda t: not any(o.startswith(p + "/") for p in t for o in t)
    )


@given(steps=st.lists(st.tuples(_trees(), st.randoms(use_true_random=False)), max_size=5))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_what_the_last_call_returned_replaces_the_walk(tmp_path_factory, steps):
    """``kanal serve`` passes what the previous sync returned instead of walking the whole
    build folder: each step leaves the same tree as the walk, with kept files left alone."""
    base = tmp_path_factory.mktemp("sync")
    walked, tracked = base / "walked", base / "tracked"
    _write(walked, {"a": "1", "old/x": "2"})
    _write(tracked, {"a": "1", "old/x": "2"})
    previous = None
    for n, (tree, rnd) in enumerate(steps):
        now = _tree(walked)
        # Files the caller kept in place (unchanged since the last build) are not staged.
        keep = [p for p, text in tree.items() if now.get(p) == text and rnd.random() < 0.5]
        for dst in (walked, tracked):
            src = base / f"new-{n}-{dst.name}"
            src.mkdir()
            _write(src, {p: t for p, t in tree.items() if p not in keep})
            if dst is walked:
                sync_tree(src, dst, keep)
            else:
                previous = sync_tree(src, dst, keep, previous)
        files = {p: t for p, t in _tree(walked).items() if t is not None}
        assert files == tree
        assert _tree(tracked) == _tree(walked)


def test_kanal_build_replaces_the_docs_folder_whole(tmp_path):
    """replace_docs: the build folder's docs become the staged ones in one exchange; the
    previous ones go to a deleter named like a private docs folder, and nothing stays."""
    import time

    from generator.build.docslock import clean_private
    from generator.build.swap import replace_docs

    build = tmp_path / "build"
    docs = build / "docs"
    _write(docs, {"a.md": "lama", "data/x.csv": "1", "gone.md": "x"})
    staging = build / "docs-abc123" / "docs"
    _write(staging, {"a.md": "baru", "data/x.csv": "1"})
    replace_docs(staging, docs)
    assert _tree(docs) == {"a.md": "baru", "data": None, "data/x.csv": "1"}
    deadline = time.monotonic() + 30
    while list(build.glob(".docs-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in build.iterdir()) == ["docs", "docs-abc123"]
    # A deleter killed half-way leaves a private folder of a dead pid: the next build's.
    dead = build / f".docs-{2**22 + 1}-trash-abc123"
    _write(dead, {"a.md": "lama"})
    clean_private(build)
    assert not dead.exists()
