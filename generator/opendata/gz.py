"""The published gzip files (``posts-YYYY.csv.gz``, ``posts.sqlite.gz``, ``kanal.sqlite.gz``, a
province's records): compressed by ISA-L (``isal``), the same bytes on every build.

Standard gzip (RFC 1952) that every ``gunzip``, ``zcat``, Python, R and spreadsheet tool reads.
No file name and no time in the header. ISA-L's output depends on how its input was cut into
writes (zlib's did not): every stream is compressed in ``BLOCK``-sized writes, the last one
shorter, so the bytes depend only on the content, whoever wrote it in whatever pieces.

Level 2 of ISA-L's 0-3 (its default): on a province's 332 MB database, 0.55 s of CPU for
78.5 MB, where zlib took 2.0 s at level 1 (77.7 MB) and 6.9 s at level 6 (68 MB); on 234 MB of
post CSV, 0.16 s for 21.3 MB, where zlib's level 6 took 1.8 s for 17.3 MB. A few more
megabytes to download once are worth seconds of CPU on every build of the site.
"""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path
from typing import BinaryIO

from isal import igzip

LEVEL = 2
BLOCK = 1 << 20  # the size of every write but the last


def gzip_writer(raw: BinaryIO) -> gzip.GzipFile:
    """A gzip stream written into the open binary file ``raw``; closing it writes the trailer
    (``raw`` stays open)."""
    return igzip.IGzipFile(filename="", mode="wb", fileobj=raw, compresslevel=LEVEL, mtime=0)


def gzip_file(src: Path, dst: Path) -> None:
    """``src`` gzip-compressed into ``dst`` (``src`` stays)."""
    # A regular file's reads are BLOCK long until its end.
    with src.open("rb") as fin, dst.open("wb") as raw, gzip_writer(raw) as out:
        shutil.copyfileobj(fin, out, BLOCK)


def gzip_bytes(data: bytes) -> bytes:
    """``data`` as :func:`gzip_file` would write it."""
    raw = io.BytesIO()
    with gzip_writer(raw) as out:
        for start in range(0, len(data), BLOCK):
            out.write(data[start : start + BLOCK])
    return raw.getvalue()


def blocks(parts: list[bytes], final: bool) -> tuple[list[bytes], bytes]:
    """The written ``parts`` (in order) as whole BLOCKs, and what is left after them; with
    ``final``, the rest is a last, shorter block."""
    joined = b"".join(parts)
    whole = len(joined) if final else len(joined) - len(joined) % BLOCK
    cut = [joined[start : start + BLOCK] for start in range(0, whole, BLOCK)]
    return cut, joined[whole:]
