"""Content-Encoding decoded in bounded steps, so a compressed bomb costs little.

httpx would decode a whole received chunk at once: with stacked encodings
(``gzip, gzip``) one 64 KB chunk can become gigabytes before any size check, and the event
loop is stuck in that one call. Here the raw bytes are decoded with ``max_length``: at most
``step`` bytes come out per call, the caller counts them against its limit and yields to the
loop between steps. Only ``gzip`` and ``deflate`` (what ``Accept-Encoding`` asks for) are
decoded; a stacked or any other encoding is refused.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

STEP = 64 * 1024  # most bytes one decompress call may produce
_GZIP = ("gzip", "x-gzip")


class EncodingRefused(Exception):
    """The response's encoding is not decoded here; the message is for the user."""


def encoding_of(header: str | None) -> str:
    """The single encoding to undo: '', 'gzip' or 'deflate'; raises EncodingRefused."""
    names = [p.strip().lower() for p in (header or "").split(",")]
    names = [n for n in names if n and n != "identity"]
    if len(names) > 1:
        raise EncodingRefused(f"pengodean isi bertumpuk ({', '.join(names)}) ditolak")
    if not names:
        return ""
    if names[0] in _GZIP:
        return "gzip"
    if names[0] == "deflate":
        return "deflate"
    raise EncodingRefused(f"pengodean isi '{names[0][:40]}' tidak didukung")


class BoundedDecoder:
    """Feed raw bytes, get decoded pieces of at most ``step`` bytes each."""

    def __init__(self, encoding: str, step: int = STEP):
        self.encoding = encoding
        self.step = step
        self._done = False
        self._between = False  # after a gzip member, before the next one's first byte
        self._head = b""  # deflate: the first bytes, until it is known whether zlib-wrapped
        self._obj = self._new() if encoding == "gzip" else None

    def _new(self, raw_deflate: bool = False) -> zlib._Decompress:
        if self.encoding == "gzip":
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        return zlib.decompressobj(-zlib.MAX_WBITS if raw_deflate else zlib.MAX_WBITS)

    def decode(self, data: bytes) -> Iterator[bytes]:
        if not self.encoding:
            for start in range(0, len(data), self.step):
                yield data[start : start + self.step]
            return
        if self._obj is None:
            # "deflate" is sent both zlib-wrapped (as the RFC says) and raw: a zlib header
            # is two bytes whose value is a multiple of 31, with method 8
            self._head += data
            if len(self._head) < 2:
                return
            data, first = self._head, self._head[0]
            wrapped = first & 0x0F == 8 and (first << 8 | self._head[1]) % 31 == 0
            self._obj = self._new(raw_deflate=not wrapped)
        while not self._done:
            try:
                out = self._obj.decompress(data, self.step)
            except zlib.error as exc:
                if self._between:
                    self._done = True  # padding or garbage after the last gzip member
                    return
                raise EncodingRefused(f"isi {self.encoding} rusak") from exc
            if out:
                self._between = False
                yield out
            if self._obj.eof:
                data = self._obj.unused_data  # (unconsumed_tail repeats part of it)
                if self.encoding != "gzip":
                    self._done = True  # anything after a deflate stream is ignored
                    return
                self._obj = self._new()  # gzip allows several members in a row
                self._between = True
                if not data:
                    return
                continue
            data = self._obj.unconsumed_tail
            if not data and len(out) < self.step:
                return  # all input taken and all output given: wait for more input
