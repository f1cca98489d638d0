"""``kanal fetch`` against a real HTTP server on 127.0.0.1 serving good feeds and faults."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from generator.feeds.fetch import FetchConfig
from generator.feeds.refresh import Job, Summary, run_fetch
from generator.feeds.store import Store
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests import feedserver as fs
from tests.conftest import FIXTURES, TODAY

TIMEOUT = 1.5
CONFIG = FetchConfig(
    timeout=TIMEOUT,
    backoff=0.05,
    max_bytes=1_000_000,
    workers=8,
    allow_private=("127.0.0.1",),  # the test server: loopback is refused by default
)

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://desa.contoh.go.id/"><title>Desa</title><link>https://desa.contoh.go.id/</link></channel>
<item rdf:about="https://desa.contoh.go.id/berita/1"><title>Musyawarah desa</title>
<link>https://desa.contoh.go.id/berita/1</link><dc:date>2026-11-18T09:00:00+07:00</dc:date></item>
</rdf:RDF>"""

YOUTUBE = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
<title>Kanal Uji</title>
<entry><id>yt:video:abcDEF12345</id><yt:videoId>abcDEF12345</yt:videoId>
<title>Rapat koordinasi</title><link rel="alternate" href="https://www.youtube.com/watch?v=abcDEF12345"/>
<published>2026-11-19T02:00:00+00:00</published><updated>2026-11-20T02:00:00+00:00</updated></entry>
</feed>"""

TRICKY = fs.rss(
    [
        # duplicate guid: kept once
        {
            "title": "Satu",
            "link": "https://contoh.go.id/1",
            "guid": "a",
            "date": "Fri, 20 Nov 2026 03:00:00 GMT",
        },
        {
            "title": "Satu lagi",
            "link": "https://contoh.go.id/1b",
            "guid": "a",
            "date": "Fri, 20 Nov 2026 04:00:00 GMT",
        },
        # no guid: identity is the link
        {"title": "Dua", "link": "https://contoh.go.id/2", "date": "Fri, 20 Nov 2026 10:00:00"},
        # neither guid nor usable link: skipped
        {"title": "Tiga", "link": "javascript:alert(1)"},
        # ISO date without zone: local time
        {
            "title": "Empat &amp; <b>tebal</b>",
            "link": "https://contoh.go.id/4",
            "guid": "d",
            "date": "2026-11-19 08:30:00",
        },
        # a guid but a javascript: link: kept, without link
        {
            "title": "Lima",
            "link": "javascript:alert(1)",
            "guid": "e",
            "date": "Thu, 19 Nov 2026 01:00:00 +0000",
        },
    ]
)
BOZO_WITH_ITEMS = b'<rss version="2.0"><channel><item><title>a</title><link>https://contoh.go.id/a</link></item><item><title>b & c</title></channel>'

ROUTES = {
    "/good": fs.good(fs.rss(fs.numbered_items("g", 5))),
    "/rdf": fs.good(RDF, "application/rdf+xml"),
    "/youtube": fs.good(YOUTUBE, "application/atom+xml"),
    "/tricky": fs.good(TRICKY),
    "/slow": fs.slow(TIMEOUT + 3),
    "/drip": fs.drip(TIMEOUT + 3),
    "/500": fs.status(500),
    "/flaky": fs.fail_then_ok(1, fs.rss(fs.numbered_items("fl", 2))),
    "/404": fs.status(404),
    "/etag": fs.with_etag(fs.rss(fs.numbered_items("e", 3))),
    "/loop": fs.redirect("/loop"),
    "/moved": fs.redirect("/good"),
    "/gzip": fs.gzipped(fs.rss(fs.numbered_items("z", 4))),
    "/huge": fs.huge(2_000_000),
    "/huge-unannounced": fs.huge(2_000_000, announce=False),
    "/bozo": fs.good(b'<rss version="2.0"><channel><title>Rusak & tidak ditutup</title>'),
    "/bozo-items": fs.good(BOZO_WITH_ITEMS),
    "/html": fs.good(b"<html><body><p>Bukan feed</p></body></html>", "text/html"),
    "/wrong-type": fs.good(fs.rss(fs.numbered_items("w", 2)), "text/plain"),
}


@pytest.fixture(scope="module")
def server():
    fs.FeedHandler.routes = dict(ROUTES)
    srv = fs.FeedServer().start()
    yield srv
    srv.stop()


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    return data


def _run(data: Path, jobs: list[Job], cfg: FetchConfig = CONFIG) -> Summary:
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    assert directory is not None
    return run_fetch(data, directory, cfg, problems, None, jobs)


def _jobs(server, names) -> list[Job]:
    return [Job("uji", f"instagram:{n.strip('/')}", server.url(n)) for n in names]


@pytest.fixture(scope="module")
def faults(server, tmp_path_factory):
    """One run over every route; returns (summary, status, store)."""
    data = _data(tmp_path_factory.mktemp("faults"))
    fs.FeedHandler.hits.clear()
    summary = _run(data, _jobs(server, ROUTES))
    store = Store(data / "posts")
    return summary, store.read_status(), store


def _posts(store: Store, name: str):
    return store.read(f"instagram:{name}").posts


def test_good_feeds_are_stored_and_one_broken_feed_stops_nothing(faults):
    summary, status, store = faults
    assert summary.feeds == len(ROUTES)
    ok = {
        "good",
        "rdf",
        "youtube",
        "tricky",
        "flaky",
        "etag",
        "moved",
        "gzip",
        "bozo-items",
        "wrong-type",
    }
    for name in ROUTES:
        name = name.strip("/")
        entry = status[f"instagram:{name}"]
        if name in ok:
            assert entry["fails"] == 0 and entry["ok"], (name, entry)
        else:
            assert entry["fails"] == 1 and entry["err"], (name, entry)
    assert summary.fetched == len(ok) and summary.failed == len(ROUTES) - len(ok)
    assert [p.title for p in _posts(store, "good")] == [f"g unggahan {i}" for i in (4, 3, 2, 1, 0)]
    assert len(_posts(store, "gzip")) == 4
    assert len(_posts(store, "moved")) == 5
    assert [p.title for p in _posts(store, "rdf")] == ["Musyawarah desa"]


def test_error_messages_name_the_fault(faults):
    _, status, _ = faults
    err = {k.split(":")[1]: v.get("err", "") for k, v in status.items()}
    assert "waktu habis" in err["slow"] and "waktu habis" in err["drip"]
    assert err["500"] == "server menjawab HTTP 500"
    assert err["404"] == "HTTP 404"
    assert "pengalihan" in err["loop"]
    assert "lebih dari 1.000.000 bait" in err["huge"]
    assert "lebih dari 1.000.000 bait" in err["huge-unannounced"]
    assert "XML feed rusak" in err["bozo"] or "bukan feed" in err["bozo"]
    assert "bukan feed" in err["html"]


def test_retries_only_what_may_pass_next_time(faults):
    hits = fs.FeedHandler.hits
    assert hits["/flaky"] == 2  # 500, then success
    assert 2 <= hits["/500"] <= 3  # retried (twice at most, while the deadline allows)
    assert hits["/404"] == 1  # a 404 is not retried


def test_slow_feeds_cost_no_more_than_their_timeout(faults):
    summary, _, _ = faults
    assert summary.slowest <= TIMEOUT + 0.5
    assert summary.seconds < TIMEOUT + 2.5  # the slow ones ran side by side with the rest


def test_normalization(faults):
    _, _, store = faults
    posts = {p.ident: p for p in _posts(store, "tricky")}
    assert set(posts) == {"a", "https://contoh.go.id/2", "d", "e"}
    assert posts["a"].title == "Satu"  # the duplicate guid kept once
    wib = dt.timezone(dt.timedelta(hours=7))
    assert posts["a"].time == dt.datetime(2026, 11, 20, 10, 0, tzinfo=wib)  # GMT -> WIB
    assert posts["https://contoh.go.id/2"].time == dt.datetime(2026, 11, 20, 10, 0, tzinfo=wib)
    assert posts["d"].time == dt.datetime(2026, 11, 19, 8, 30, tzinfo=wib)  # no zone: local
    assert posts["d"].title == "Empat & tebal"
    assert posts["e"].link is None
    yt = _posts(store, "youtube")[0]
    assert (yt.ident, yt.link) == (
        "yt:video:abcDEF12345",
        "https://www.youtube.com/watch?v=abcDEF12345",
    )
    assert yt.time == dt.datetime(2026, 11, 19, 9, 0, tzinfo=wib)  # published, not updated


def test_conditional_get_and_dedup_on_the_next_run(server, tmp_path):
    data = _data(tmp_path)
    jobs = _jobs(server, ["/etag", "/good"])
    first = _run(data, jobs)
    assert (first.fetched, first.new_posts) == (2, 8)
    status = json.loads((data / "posts" / "_status.json").read_text())
    assert status["instagram:etag"]["etag"] == '"v1"'
    second = _run(data, jobs)
    assert (second.fetched, second.unchanged, second.new_posts) == (1, 1, 0)
    lines = (data / "posts" / "instagram" / "good" / "2026.jsonl").read_text().splitlines()
    assert len(lines) == 5


def test_a_feed_that_keeps_failing_counts_its_failures(server, tmp_path):
    data = _data(tmp_path)
    for n in (1, 2, 3):
        _run(data, _jobs(server, ["/404"]))
        status = json.loads((data / "posts" / "_status.json").read_text())
        assert status["instagram:404"]["fails"] == n
