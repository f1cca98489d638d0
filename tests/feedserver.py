"""A real HTTP server on 127.0.0.1 serving good feeds and every fault ``kanal fetch`` must survive.

Used by the feed tests (in a thread) and by ``benchmarks/feeds.py`` (in its own process:
``python -m tests.feedserver --many 1000 --bad-every 20 --slow 8``, which prints its port).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import http.server
import struct
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from xml.sax.saxutils import escape

Handler = Callable[["FeedHandler"], None]
BASE_DAY = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)


def rss(items: list[dict], title: str = "Feed uji") -> bytes:
    """RSS 2.0; item keys: title, link, guid, date (already formatted), description."""
    out = []
    for it in items:
        parts = [f"<title>{escape(it['title'])}</title>"] if "title" in it else []
        if "link" in it:
            parts.append(f"<link>{escape(it['link'])}</link>")
        if "guid" in it:
            parts.append(f'<guid isPermaLink="false">{escape(it["guid"])}</guid>')
        if "date" in it:
            parts.append(f"<pubDate>{it['date']}</pubDate>")
        if "description" in it:
            parts.append(f"<description>{escape(it['description'])}</description>")
        out.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://contoh.go.id/</link>"
        + "".join(out)
        + "</channel></rss>"
    ).encode()


def rfc822(when: dt.datetime) -> str:
    return when.strftime("%a, %d %b %Y %H:%M:%S +0000")


def numbered_items(prefix: str, n: int, start: int = 0) -> list[dict]:
    return [
        {
            "title": f"{prefix} unggahan {i}",
            "link": f"https://www.instagram.com/p/{prefix}-{i}/",  # the accounts are on Instagram
            "guid": f"{prefix}-{i}",
            "date": rfc822(BASE_DAY - dt.timedelta(hours=6 * i)),
        }
        for i in range(start, start + n)
    ]


class _QuietServer(http.server.ThreadingHTTPServer):
    """A client giving up on a slow feed (its timeout) resets the connection: expected here."""

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FeedHandler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, Handler] = {}
    hits: Counter = Counter()
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def send(
        self,
        body: bytes,
        status: int = 200,
        content_type: str = "application/rss+xml",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?")[0]
        type(self).hits[path] += 1
        route = self.routes.get(path) or _many(path)
        if route is None:
            self.send(b"tidak ada", 404, "text/plain")
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)


# -- fault routes ---------------------------------------------------------------------------


def good(body: bytes, content_type: str = "application/rss+xml") -> Handler:
    return lambda h: h.send(body, content_type=content_type)


def slow(seconds: float, body: bytes = b"") -> Handler:
    def run(h: FeedHandler) -> None:
        time.sleep(seconds)
        h.send(body or rss(numbered_items("lambat", 1)))

    return run


def drip(seconds: float) -> Handler:
    """Headers at once, then one byte every 0.1 s: each read is quick, the whole is not."""

    def run(h: FeedHandler) -> None:
        body = rss(numbered_items("tetes", 50))
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        end = time.monotonic() + seconds
        for byte in body:
            if time.monotonic() > end:
                break
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(0.1)

    return run


def status(code: int) -> Handler:
    return lambda h: h.send(b"galat", code, "text/plain")


def fail_then_ok(failures: int, body: bytes, code: int = 500) -> Handler:
    def run(h: FeedHandler) -> None:
        if FeedHandler.hits[h.path.split("?")[0]] <= failures:
            h.send(b"sibuk", code, "text/plain")
        else:
            h.send(body)

    return run


def with_etag(body: bytes, etag: str = '"v1"') -> Handler:
    def run(h: FeedHandler) -> None:
        if h.headers.get("If-None-Match") == etag:
            h.send_response(304)
            h.send_header("ETag", etag)
            h.send_header("Content-Length", "0")
            h.end_headers()
        else:
            h.send(body, headers={"ETag": etag, "Last-Modified": "Fri, 20 Nov 2026 03:00:00 GMT"})

    return run


def redirect(to: str) -> Handler:
    def run(h: FeedHandler) -> None:
        h.send_response(302)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return run


def gzipped(body: bytes) -> Handler:
    return lambda h: h.send(gzip.compress(body), headers={"Content-Encoding": "gzip"})


def encoded(raw: bytes, encoding: str) -> Handler:
    """``raw`` sent as is, labelled with ``Content-Encoding: encoding`` (bombs, odd encodings)."""
    return lambda h: h.send(raw, headers={"Content-Encoding": encoding})


def gzip_stream(megabytes: int, layers: int = 1) -> bytes:
    """``megabytes`` MiB of zeros gzipped ``layers`` times: a bomb, built in a fraction of a
    second and without holding the zeros in memory (after a full flush every MiB compresses
    to the same bytes, so one block is repeated)."""
    zeros = b"\0" * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    size = (megabytes << 20) & 0xFFFFFFFF
    out = (
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # gzip header, no name, no time
        + first
        + block * (megabytes - 1)
        + packer.flush()
        + struct.pack("<II", crc, size)
    )
    for _ in range(layers - 1):
        out = gzip.compress(out, 9, mtime=0)
    return out


def huge(size: int, announce: bool = True) -> Handler:
    """A body over the limit, with or without a truthful Content-Length."""

    def run(h: FeedHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        if announce:
            h.send_header("Content-Length", str(size))
        else:
            h.send_header("Connection", "close")
        h.end_headers()
        chunk = b"<!-- " + b"x" * 65_000 + b" -->"
        sent = 0
        while sent < size:
            h.wfile.write(chunk)
            sent += len(chunk)
        h.close_connection = True

    return run


# -- many feeds, for the kill test and the benchmark ---------------------------------------

MANY = {"bad_every": 0, "slow": 0.0, "items": 20, "delay": 0.0}


def _many(path: str) -> Handler | None:
    """``/many/<i>.xml``: feed i; with bad_every = k, every k-th feed is slow or broken."""
    if not path.startswith("/many/") or not path.endswith(".xml"):
        return None
    try:
        i = int(path[6:-4])
    except ValueError:
        return None
    body = rss(numbered_items(f"f{i}", int(MANY["items"])), f"Feed {i}")
    k = int(MANY["bad_every"])
    if k and i % k == k - 1:
        kind = (i // k) % 4
        return [
            slow(float(MANY["slow"]), body),
            status(500),
            drip(float(MANY["slow"])),
            good(b'<rss version="2.0"><channel><title>rusak &'),
        ][kind]
    if MANY["delay"]:
        return slow(float(MANY["delay"]), body)
    return good(body)


class FeedServer:
    def __init__(self) -> None:
        self.httpd = _QuietServer(("127.0.0.1", 0), FeedHandler)
        self.httpd.daemon_threads = True
        self.httpd.request_queue_size = 256
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bad-every", type=int, default=0)
    parser.add_argument("--slow", type=float, default=0.0)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    MANY.update(bad_every=args.bad_every, slow=args.slow, items=args.items, delay=args.delay)
    server = FeedServer()
    print(server.httpd.server_address[1], flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.httpd.serve_forever()
    sys.exit(0)


if __name__ == "__main__":
    main()
