"""``kanal fetch`` against hostile feeds: internal addresses (SSRF) and compressed bombs.

A real HTTP server on 127.0.0.1 plays the hostile feed. Loopback is itself a non-public
address, so every test that should reach the server lists it in ``allow_private``.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import time
import tracemalloc
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from generator.feeds.fetch import FetchConfig, Fetched, fetch_one, make_client
from generator.feeds.parse import MAX_PARSE_BYTES, parse_feed
from generator.feeds.refresh import Job, run_fetch
from generator.feeds.store import Store
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests import feedserver as fs
from tests.conftest import FIXTURES, TODAY

T = TypeVar("T")
TIMEOUT = 3.0
LOOPBACK = ("127.0.0.1",)
SAFE = FetchConfig(timeout=TIMEOUT, backoff=0.05, max_bytes=1_000_000, workers=8)
LOOP_OK = FetchConfig(
    timeout=TIMEOUT, backoff=0.05, max_bytes=1_000_000, workers=8, allow_private=LOOPBACK
)
GOOD = fs.rss(fs.numbered_items("g", 5))
INTERLEAVED = [5, 0, 6, 2, 9, 1, 8, 3, 7, 4]  # feed order is not time order


def _items_out_of_order(n: int) -> list[dict]:
    items = fs.numbered_items("c", n)
    return [items[i] for i in sorted(range(n), key=lambda i: (i * 7919) % n)]


@pytest.fixture(scope="module")
def server():
    saved = fs.FeedHandler.routes
    srv = fs.FeedServer().start()
    port = srv.httpd.server_address[1]
    fs.FeedHandler.routes = {
        "/good": fs.good(GOOD),
        "/to-metadata": fs.redirect("http://169.254.169.254/latest/meta-data/"),
        "/to-v6-loopback": fs.redirect(f"http://[::1]:{port}/good"),
        "/to-other-loopback": fs.redirect(f"http://127.0.0.2:{port}/good"),
        "/to-mapped": fs.redirect(f"http://[::ffff:7f00:2]:{port}/good"),
        "/to-private": fs.redirect("http://10.0.0.1/feed"),
        "/to-zero": fs.redirect(f"http://0.0.0.0:{port}/good"),
        "/to-file": fs.redirect("file:///etc/passwd"),
        "/to-credentials": fs.redirect(f"http://kanal:rahasia@127.0.0.1:{port}/good"),
        "/to-good": fs.redirect("/good"),
        "/stacked-bomb": fs.encoded(fs.gzip_stream(200, layers=2), "gzip, gzip"),
        "/gzip-bomb": fs.encoded(fs.gzip_stream(400), "gzip"),
        "/deflate-gzip": fs.encoded(fs.gzip_stream(1), "deflate, gzip"),
        "/br": fs.encoded(b"\x1b\x03\x00", "br"),
        "/compress": fs.encoded(b"\x1f\x9d\x90", "compress"),
        "/zstd": fs.encoded(b"\x28\xb5\x2f\xfd", "zstd"),
        "/many-items": fs.good(fs.rss(_items_out_of_order(700))),
        "/interleaved": fs.good(fs.rss([fs.numbered_items("i", 10)[i] for i in INTERLEAVED])),
    }
    fs.FeedHandler.routes.update(
        {f"/normal/{i}": fs.slow(0.2, fs.rss(fs.numbered_items(f"n{i}", 5))) for i in range(6)}
    )
    yield srv
    srv.stop()
    fs.FeedHandler.routes = saved


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in its own thread: browser tests may leave a loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def fetch(urls: list[str], cfg: FetchConfig) -> list[Fetched]:
    async def main() -> list[Fetched]:
        async with make_client(cfg) as client:
            return await asyncio.gather(*(fetch_one(client, url, cfg) for url in urls))

    return run_async(main())


# -- SSRF -----------------------------------------------------------------------------------


def test_loopback_is_refused_by_default_without_connecting(server):
    fs.FeedHandler.hits.clear()
    [got] = fetch([server.url("/good")], SAFE)
    assert (got.outcome, got.error, got.body) == (
        "failed",
        "alamat tidak publik (127.0.0.1) ditolak",
        b"",
    )
    assert got.attempts == 1  # refused, not retried
    assert fs.FeedHandler.hits["/good"] == 0


def test_a_name_resolving_to_loopback_is_refused(server):
    port = server.httpd.server_address[1]
    first = socket.getaddrinfo("localhost", port, type=socket.SOCK_STREAM)[0][4][0]
    [got] = fetch([f"http://localhost:{port}/good"], SAFE)
    assert (got.outcome, got.error) == ("failed", f"alamat tidak publik ({first}) ditolak")


@pytest.mark.parametrize(
    ("route", "error"),
    [
        ("/to-metadata", "alamat tidak publik (169.254.169.254) ditolak"),
        ("/to-v6-loopback", "alamat tidak publik (::1) ditolak"),
        ("/to-other-loopback", "alamat tidak publik (127.0.0.2) ditolak"),
        ("/to-mapped", "alamat tidak publik (127.0.0.2) ditolak"),
        ("/to-private", "alamat tidak publik (10.0.0.1) ditolak"),
        ("/to-zero", "alamat tidak publik (0.0.0.0) ditolak"),
        ("/to-file", "skema 'file:' ditolak; hanya http/https"),
        ("/to-credentials", "alamat dengan nama pengguna atau sandi ditolak"),
    ],
)
def test_every_redirect_hop_is_checked(server, route, error):
    """The first hop is allowed (the test server), the next one is not."""
    [got] = fetch([server.url(route)], LOOP_OK)
    assert (got.outcome, got.error, got.body) == ("failed", error, b"")


def test_an_allowed_redirect_is_followed(server):
    [got] = fetch([server.url("/to-good")], LOOP_OK)
    assert (got.outcome, got.final_url) == ("ok", server.url("/good"))


@pytest.mark.parametrize(
    ("allow", "host", "allowed"),
    [
        (("127.0.0.1",), "127.0.0.1", True),
        (("127.0.0.0/8",), "127.0.0.1", True),
        (("127.0.0.2",), "127.0.0.1", False),
        (("10.0.0.0/8", "192.168.0.0/16"), "127.0.0.1", False),
        (("::1",), "127.0.0.1", False),
        (("localhost",), "localhost", True),
        (("localhost",), "127.0.0.1", False),  # a name allows that name, not its address
        (("feeds.intranet.example",), "localhost", False),
    ],
)
def test_the_allow_list_permits_exactly_what_it_lists(server, allow, host, allowed):
    port = server.httpd.server_address[1]
    cfg = FetchConfig(timeout=TIMEOUT, backoff=0.05, allow_private=allow)
    [got] = fetch([f"http://{host}:{port}/good"], cfg)
    if allowed:
        assert (got.outcome, got.error) == ("ok", None)
    else:
        assert got.outcome == "failed" and got.error.startswith("alamat tidak publik (")


def test_a_refused_feed_is_recorded_as_a_failure_and_nothing_is_stored(server, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    jobs = [Job("uji", "instagram:dalam", server.url("/good"))]
    summary = run_fetch(data, directory, SAFE, problems, None, jobs)
    assert (summary.failed, summary.new_posts) == (1, 0)
    assert summary.failures == [
        ("instagram:dalam", server.url("/good"), "alamat tidak publik (127.0.0.1) ditolak")
    ]
    store = Store(data / "posts")
    assert (
        store.read_status()["instagram:dalam"]["err"] == "alamat tidak publik (127.0.0.1) ditolak"
    )
    assert store.read("instagram:dalam").posts == []


# -- compressed bombs and odd encodings -----------------------------------------------------


@pytest.mark.parametrize(
    ("route", "error"),
    [
        ("/stacked-bomb", "pengodean isi bertumpuk (gzip, gzip) ditolak"),
        ("/deflate-gzip", "pengodean isi bertumpuk (deflate, gzip) ditolak"),
        ("/br", "pengodean isi 'br' tidak didukung"),
        ("/compress", "pengodean isi 'compress' tidak didukung"),
        ("/zstd", "pengodean isi 'zstd' tidak didukung"),
    ],
)
def test_stacked_and_unknown_encodings_are_refused(server, route, error):
    [got] = fetch([server.url(route)], LOOP_OK)
    assert (got.outcome, got.error, got.attempts) == ("failed", error, 1)


def test_bombs_are_cut_in_bounded_memory_and_do_not_hold_up_other_feeds(server):
    """Two bombs (200 MiB behind gzip, gzip; 400 MiB behind gzip) fetched with six normal
    feeds: the bombs fail with their reason, the normal feeds all arrive in time, memory
    stays small and the event loop is never blocked for long."""
    urls = [server.url("/stacked-bomb"), server.url("/gzip-bomb")]
    urls += [server.url(f"/normal/{i}") for i in range(6)]
    gaps: list[float] = []

    async def main() -> list[Fetched]:
        async def ticker() -> None:
            last = time.monotonic()
            while True:
                await asyncio.sleep(0.01)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        tick = asyncio.create_task(ticker())
        async with make_client(LOOP_OK) as client:
            got = await asyncio.gather(*(fetch_one(client, u, LOOP_OK) for u in urls))
        tick.cancel()
        return got

    tracemalloc.start()
    try:
        got = run_async(main())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    stacked, bomb, *normal = got
    assert (stacked.outcome, stacked.error) == (
        "failed",
        "pengodean isi bertumpuk (gzip, gzip) ditolak",
    )
    assert (bomb.outcome, bomb.error) == ("failed", "isi lebih dari 1.000.000 bait")
    assert [n.outcome for n in normal] == ["ok"] * 6
    assert all(n.seconds < TIMEOUT for n in normal)
    assert peak < 20_000_000, f"peak {peak:,} bytes"
    # decoding in 64 KB steps keeps every pause short (before: 2.4 s in one call)
    assert max(gaps) < 0.5, f"event loop blocked {max(gaps):.2f} s"


def test_gzip_and_deflate_still_decode(server):
    """Raw deflate (what some servers send as 'deflate') and several gzip members."""
    import gzip
    import zlib

    body = fs.rss(fs.numbered_items("d", 3))
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    fs.FeedHandler.routes["/raw-deflate"] = fs.encoded(
        packer.compress(body) + packer.flush(), "deflate"
    )
    half = len(body) // 2
    fs.FeedHandler.routes["/members"] = fs.encoded(
        gzip.compress(body[:half]) + gzip.compress(body[half:]), "x-gzip"
    )
    got = fetch([server.url("/raw-deflate"), server.url("/members")], LOOP_OK)
    assert [(g.outcome, g.body) for g in got] == [("ok", body), ("ok", body)]


# -- how much one feed may bring ------------------------------------------------------------


def _run_jobs(tmp_path: Path, jobs: list[Job], cfg: FetchConfig) -> Store:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    summary = run_fetch(data, directory, cfg, problems, None, jobs)
    assert summary.failed == 0, summary.failures
    return Store(data / "posts")


def test_one_fetch_of_one_feed_brings_at_most_500_posts_the_newest(server, tmp_path):
    store = _run_jobs(
        tmp_path, [Job("uji", "instagram:banyak", server.url("/many-items"))], LOOP_OK
    )
    titles = {p.title for p in store.read("instagram:banyak").posts}
    assert titles == {f"c unggahan {i}" for i in range(500)}  # item i is 6*i hours old


def test_the_item_cap_is_configurable(server, tmp_path):
    cfg = FetchConfig(timeout=TIMEOUT, allow_private=LOOPBACK, max_items=3)
    store = _run_jobs(tmp_path, [Job("uji", "instagram:campur", server.url("/interleaved"))], cfg)
    titles = sorted(p.title for p in store.read("instagram:campur").posts)
    assert titles == ["i unggahan 0", "i unggahan 1", "i unggahan 2"]


def test_feedparser_never_gets_more_than_its_input_cap():
    body = b"<rss>" + b" " * MAX_PARSE_BYTES + b"</rss>"
    parsed = parse_feed(body, "application/rss+xml", "https://contoh.go.id/", "Asia/Jakarta", None)
    assert (parsed.posts, parsed.error) == ([], "feed lebih dari 5.000.000 bait; tidak diurai")


def test_fetched_text_loses_every_character_a_regions_own_text_refuses():
    """Post titles are published as fetched: a bidi mark (U+061C), a word joiner, U+FEFF, a soft
    hyphen or a tag character once stayed in them (an adversarial review), where the region's
    own names refuse each. Every invisible character but whitespace is removed now."""
    from generator.feeds.parse import _CONTROL, clean_text
    from generator.safeinput.invisible import is_invisible

    missing = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF
        and is_invisible(ch := chr(code))
        and not ch.isspace()
        and not _CONTROL.fullmatch(ch)
    ]
    assert missing == []
    title = "Dinas\u061c \u2060Kesehatan\ufeff\u00ad \U000e0041\u180eJadwal\u202e"
    assert clean_text(title, 200) == "Dinas Kesehatan Jadwal"
    assert clean_text("Dinas\u3164Kesehatan", 200) == "DinasKesehatan"  # printable to Python
