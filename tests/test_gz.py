"""The published gzip files (generator.opendata.gz): standard gzip that Python's own gzip
reads back exactly, with no name or time in the header, and the same bytes however the
content was cut into writes (ISA-L's output depends on the cuts, so Kanal makes them)."""

from __future__ import annotations

import gzip
import os
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.feeds.postrecords import _Compressor, _GzipCsv
from generator.opendata.gz import BLOCK, blocks, gzip_bytes, gzip_file

# Text like a post CSV (compressible) with random bytes mixed in, a little over 2.5 blocks.
_RNG = random.Random(21)
BIG = b"".join(
    b"%d,instagram,akun.%d,2026-01-%02dT08:00+07:00,%s\n"
    % (i, i % 97, 1 + i % 28, os.urandom(_RNG.randrange(4, 40)).hex().encode())
    for i in range(40_000)
)[: int(2.6 * BLOCK)]


def _cuts(data: bytes, points: list[int]) -> list[bytes]:
    edges = sorted({0, len(data), *(p % (len(data) + 1) for p in points)})
    return [data[a:b] for a, b in zip(edges, edges[1:], strict=False)]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=5000), st.lists(st.integers(0, 10**9), max_size=12))
def test_gzip_bytes_is_standard_gzip_and_ignores_how_small_data_was_cut(data, points):
    packed = gzip_bytes(data)
    assert gzip.decompress(packed) == data
    assert packed[4:8] == b"\0\0\0\0"  # no time
    assert not packed[3] & 0x08  # no file name
    cut, rest = blocks(_cuts(data, points), final=True)
    assert rest == b""
    assert b"".join(cut) == data


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 10**9), max_size=40), st.booleans())
def test_blocks_are_whole_and_in_order_wherever_the_writes_were_cut(points, final):
    parts = _cuts(BIG, points)
    cut, rest = blocks(parts, final)
    assert b"".join(cut) + rest == BIG
    assert all(len(c) == BLOCK for c in cut[:-1])
    if final:
        assert rest == b"" and 0 < len(cut[-1]) <= BLOCK
    else:
        assert all(len(c) == BLOCK for c in cut) and len(rest) < BLOCK


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=30))
def test_a_post_csv_written_in_any_pieces_is_gzip_bytes_of_its_text(tmp_path_factory, points):
    """The post records' year file: the text reaches the compressor thread through a
    TextIOWrapper in whatever pieces the writer made; the file is the text's gzip_bytes."""
    text = BIG.decode("ascii")
    folder = tmp_path_factory.mktemp("csv")
    compressor = _Compressor()
    csv_file = _GzipCsv(folder / "posts-2026.csv.gz", ["a", "b"], compressor)
    for piece in _cuts(BIG, points):
        csv_file.text.write(piece.decode("ascii"))
    csv_file.flush()
    compressor.close()
    csv_file.close()
    written = (folder / "posts-2026.csv.gz").read_bytes()
    assert written == gzip_bytes(("a,b\n" + text).encode("ascii"))


def test_gzip_file_is_gzip_bytes_of_the_file(tmp_path):
    src = tmp_path / "kanal.sqlite"
    src.write_bytes(BIG)
    gzip_file(src, tmp_path / "kanal.sqlite.gz")
    packed = (tmp_path / "kanal.sqlite.gz").read_bytes()
    assert packed == gzip_bytes(BIG)
    assert gzip.decompress(packed) == BIG
    assert len(packed) < len(BIG) // 2  # compressed, not stored
