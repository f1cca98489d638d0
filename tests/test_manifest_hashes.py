"""sha256_file remembers large files by identity: the open data is hashed once per build."""

from __future__ import annotations

import hashlib
import os

from generator.opendata import manifest
from generator.opendata.manifest import KNOWN_FROM, remember_hashes, sha256_file


def test_a_large_file_is_hashed_once_and_a_change_is_hashed_again(tmp_path):
    big = tmp_path / "complaints.csv"
    big.write_bytes(b"a" * KNOWN_FROM)
    assert sha256_file(big) == hashlib.sha256(b"a" * KNOWN_FROM).hexdigest()
    moved = tmp_path / "data.csv"
    os.replace(big, moved)  # the worker's files join data/ by rename: same identity
    key = (moved.stat().st_dev, moved.stat().st_ino, KNOWN_FROM, moved.stat().st_mtime_ns)
    assert key in manifest.known_hashes()
    moved.write_bytes(b"b" * (KNOWN_FROM + 1))  # another size and time: hashed again
    assert sha256_file(moved) == hashlib.sha256(b"b" * (KNOWN_FROM + 1)).hexdigest()


def test_hashes_handed_over_by_a_worker_are_used_for_that_file_only(tmp_path):
    big, other = tmp_path / "kanal.sqlite.gz", tmp_path / "figures.csv"
    for path in (big, other):
        path.write_bytes(b"x" * KNOWN_FROM)
    st = big.stat()
    remember_hashes({(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns): "f" * 64})
    assert sha256_file(big) == "f" * 64  # what the worker said, not read again
    assert sha256_file(other) == hashlib.sha256(b"x" * KNOWN_FROM).hexdigest()


def test_small_files_are_always_read(tmp_path):
    small = tmp_path / "data.json"
    small.write_text("[]", encoding="utf-8")
    assert sha256_file(small) == hashlib.sha256(b"[]").hexdigest()
    st = small.stat()
    assert (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) not in manifest.known_hashes()
