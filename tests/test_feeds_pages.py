"""Activity figures and pages: statuses, weeks, themes, and hostile post text shown as text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.feeds.activity import ARCHIVE_WEEKS, Status, compute, last_complete_week
from generator.feeds.parse import Post, parse_feed
from generator.feeds.store import Store
from generator.registry.models import Theme
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests.conftest import FIXTURES, TODAY

WIB = dt.timezone(dt.timedelta(hours=7))
KEY = "instagram:dinkes.uji"  # Dinas Kesehatan in the tiny region
X_KEY = "x:dinkesuji"
KEC_KEY = "instagram:kec.laweyan"


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


def ago(days: int, n: int = 1) -> list[Post]:
    day = TODAY - dt.timedelta(days=days)
    return [
        Post(f"{days}-{i}", f"https://contoh.go.id/{days}/{i}", at(day, 8 + i), f"Unggahan {i}")
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def directory():
    d = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert d is not None
    return d


def with_feed(directory, key: str, url: str = "https://contoh.go.id/feed"):
    """The directory with a feed on one account (accounts are frozen)."""
    d = dataclasses.replace(directory, agencies=dict(directory.agencies))
    for aid, agency in d.agencies.items():
        accounts = [
            dataclasses.replace(a, feed=url) if a.key == key else a for a in agency.accounts
        ]
        d.agencies[aid] = dataclasses.replace(agency, accounts=accounts)
    return d


def test_week_is_monday_to_sunday_and_the_last_complete_one():
    assert TODAY.weekday() == 6  # Sunday 22 November 2026: this week is not over yet
    assert last_complete_week(TODAY) == dt.date(2026, 11, 9)
    assert last_complete_week(dt.date(2026, 11, 23)) == dt.date(2026, 11, 16)


def test_account_statuses(directory):
    ok = {"url": "https://contoh.go.id/feed", "ok": "2026-11-22T06:00:00+07:00", "fails": 0}
    cases = {
        (3, 0): Status.ACTIVE,
        (13, 0): Status.ACTIVE,
        (14, 0): Status.QUIET,
        (29, 0): Status.QUIET,
        (30, 0): Status.DORMANT,
        (3, 3): Status.FAILING,
    }
    d = with_feed(directory, KEY)
    for (days, fails), expected in cases.items():
        activity = compute(d, {KEY: ago(days)}, {KEY: {**ok, "fails": fails}})
        got = activity.agencies["dinas-kesehatan"].accounts[0].stats.status
        assert got is expected, (days, fails, got)
    never_read = compute(d, {}, {})
    assert never_read.agencies["dinas-kesehatan"].accounts[0].stats.status is Status.FAILING
    plain = compute(directory, {}, {})
    assert plain.agencies["dinas-kesehatan"].accounts[0].stats.status is Status.NO_FEED
    assert not plain.has_history


def test_counts_rollups_and_weeks(directory):
    sunday = at(dt.date(2026, 11, 15), 23)  # last hour of week 46, local time
    monday = at(dt.date(2026, 11, 16), 0)  # first hour of week 47
    history = {
        KEY: [*ago(0, 2), *ago(6), *ago(7), *ago(29), *ago(89), *ago(90)],
        X_KEY: [
            Post("s", None, sunday, "Minggu malam"),
            Post("m", None, monday, "Senin dini hari"),
        ],
        KEC_KEY: ago(40),
    }
    a = compute(directory, history, {})
    dinkes = a.agencies["dinas-kesehatan"]
    ig = dinkes.accounts[0].stats
    assert (ig.posts_7, ig.posts_30, ig.posts_90) == (3, 5, 6)
    assert ig.last_post == TODAY
    assert (dinkes.stats.posts_7, dinkes.stats.posts_30) == (4, 7)
    week = a.week(dt.date(2026, 11, 9))
    assert week.id == "2026-W46"
    rows = {r.agency.id: r for r in week.ranked}
    assert rows["dinas-kesehatan"].posts == 2  # 15 Nov (ago 7) and Sunday 23:00
    assert [r.agency.id for r in week.silent] == ["kecamatan-laweyan"]
    assert a.agencies["kecamatan-laweyan"].stats.status is Status.DORMANT
    assert a.posting_30() == {"dinas-kesehatan"}
    assert a.archive()[0] == dt.date(2026, 11, 9)
    assert a.archive()[-1] == dt.date(2026, 8, 24)  # week of the post 90 days ago


def test_posts_after_today_are_ignored(directory):
    future = [Post("f", None, at(TODAY + dt.timedelta(days=3)), "Nanti")]
    a = compute(directory, {KEY: future}, {})
    assert a.agencies["dinas-kesehatan"].stats.last_post is None


def test_themes_match_words_that_begin_with_a_keyword(directory):
    d = dataclasses.replace(
        directory,
        region=dataclasses.replace(
            directory.region,
            themes=(
                Theme("tani", "Pertanian", ("pertanian", "petani")),
                Theme("umkm", "UMKM", ("UMKM",)),
            ),
        ),
    )
    day = at(TODAY - dt.timedelta(days=2))
    posts = [
        Post("1", None, day, "Panen raya bersama PETANI muda"),
        Post("2", None, day, "Bazar umkm dan pertaniannya", "produk lokal"),
        Post("3", None, day, "Kepetanian bukan kata"),
        Post("4", None, day, "Rapat"),
        # A summary is not published, so it never counts: figures recompute from titles.
        Post("5", None, day, "Kunjungan kerja", "bersama petani dan pelaku UMKM"),
    ]
    a = compute(d, {KEY: posts}, {})
    assert a.agencies["dinas-kesehatan"].themes == {"tani": 2, "umkm": 1}
    assert [(t.theme.id, t.posts, round(t.share)) for t in a.themes] == [
        ("tani", 2, 40),
        ("umkm", 1, 20),
    ]


HOSTILE_FEED = b"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Uji</title>
<entry><id>h1</id><title type="text">&lt;script&gt;alert("judul")&lt;/script&gt;Judul skrip</title>
<link href="javascript:alert(1)"/><updated>2026-11-20T01:00:00Z</updated>
<summary type="html">&lt;img src=x onerror=alert(2)&gt;Ringkasan &amp;lt;b&amp;gt;</summary></entry>
<entry><id>h2</id><title type="html">&lt;a href="javascript:alert(3)" onclick="alert(4)"&gt;Klik&lt;/a&gt; [tautan](javascript:alert(5)) **tebal**</title>
<link href="https://www.instagram.com/p/h2"/><updated>2026-11-19T01:00:00Z</updated></entry>
</feed>"""

STORED_RAW = [  # lines as someone might hand-edit the store: the page must still escape them
    '{"n":"<script>alert(6)</script> {{ 7*7 }} <b onmouseover=alert(7)>x</b>","t":"2026-11-18T09:00+07:00","u":"https://www.instagram.com/p/h3"}',
    '{"n":"Minggu lalu","t":"2026-11-12T09:00+07:00","u":"https://www.instagram.com/p/h5"}',
    '{"n":"Ringkasan mentah","s":"<iframe src=javascript:alert(8)></iframe>","t":"2026-11-17T09:00+07:00","u":"https://www.instagram.com/p/h4?a=1&b=\\"x\\""}',
]


@pytest.fixture(scope="module")
def hostile_site(build_site, tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    parsed = parse_feed(
        HOSTILE_FEED, "application/atom+xml", "https://contoh.go.id/feed", "Asia/Jakarta", at(TODAY)
    )
    assert parsed.error is None and len(parsed.posts) == 2
    store = Store(data / "posts")
    store.add(KEY, parsed.posts)
    path = next((data / "posts").rglob("2026.jsonl"))
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(STORED_RAW) + "\n")
    return build_site(data)


def _section(site: Path) -> BeautifulSoup:
    soup = BeautifulSoup(
        (site / "instansi" / "dinas-kesehatan" / "index.html").read_text(), "html.parser"
    )
    return soup.find("article")


def test_hostile_posts_show_as_text(hostile_site):
    article = _section(hostile_site)
    scripts = article.find_all("script")
    assert all(s.get("type") == "application/ld+json" and "alert" not in s.text for s in scripts)
    assert article.find("iframe") is None
    for tag in article.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
    posts = article.find("ul", class_="k-posts")
    items = [li.get_text(" ", strip=True) for li in posts.find_all("li")]
    assert any("Judul skrip" in t and "alert" not in t for t in items)
    assert any("Klik [tautan](javascript:alert(5)) **tebal**" in t for t in items)
    assert any(
        "<script>alert(6)</script> {{ 7*7 }} <b onmouseover=alert(7)>x</b>" in t for t in items
    )
    assert any("<iframe src=javascript:alert(8)></iframe>" in t for t in items)
    assert posts.find("b") is None and posts.find("strong") is None and posts.find("img") is None


def test_post_links_are_web_links_that_do_not_pass_trust(hostile_site):
    posts = _section(hostile_site).find("ul", class_="k-posts")
    links = posts.find_all("a")
    assert [a["href"] for a in links] == [
        "https://www.instagram.com/p/h2",
        "https://www.instagram.com/p/h3",
        'https://www.instagram.com/p/h4?a=1&b="x"',
        "https://www.instagram.com/p/h5",
    ]
    assert all(a["rel"] == ["noopener", "nofollow"] for a in links)
    assert len(posts.find_all("li")) == 5  # the post with a javascript: link is listed, unlinked


def test_weekly_page_and_archive(hostile_site):
    page = BeautifulSoup((hostile_site / "pantauan" / "index.html").read_text(), "html.parser")
    article = page.find("article")
    assert article.find("h1").get_text() == "Pantauan mingguan"
    ranked = article.select("#peringkat + div table tbody tr")
    assert [r.th.get_text(strip=True) for r in ranked] == ["Dinas Kesehatan"]
    # The only week of history: the week before was not recorded, so no 0 and no change.
    assert [c.get_text() for c in ranked[0].find_all("td")] == ["1", "1", "–", "–"]
    assert "minggu sebelumnya belum tercatat" in article.find("p", class_="k-big").get_text()
    archive = [a["href"] for a in article.select("#arsip + ul a")]
    assert archive == ["../pantauan/2026-W46/"]
    week = hostile_site / "pantauan" / "2026-W46" / "index.html"
    # Weeks read as dates; only the URL keeps the ISO week.
    title = BeautifulSoup(week.read_text(), "html.parser").find("article").find("h1")
    assert title.get_text() == "Pantauan minggu 9–15 November 2026"
    assert [a.get_text() for a in article.select("#arsip + ul a")] == ["9–15 November 2026"]
    assert "2026-W46" not in article.get_text()
    nav = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]
    assert "Pantauan mingguan" in nav and "2026-W46" not in " ".join(nav)


def test_region_without_history_says_so(tiny_site):
    article = BeautifulSoup(
        (tiny_site / "pantauan" / "index.html").read_text(), "html.parser"
    ).find("article")
    assert "Belum ada riwayat unggahan" in article.get_text()
    agency = (tiny_site / "instansi" / "dinas-kesehatan" / "index.html").read_text()
    assert "Aktivitas unggahan" not in agency


def test_demo_history_is_valid_and_meaningful(demo_site):
    article = BeautifulSoup(
        (demo_site / "pantauan" / "index.html").read_text(), "html.parser"
    ).find("article")
    text = article.get_text(" ", strip=True)
    assert "9–15 November 2026" in text and "Tema prioritas daerah" in text
    cakupan = (demo_site / "cakupan" / "index.html").read_text()
    assert "aktif mengunggah dalam 30 hari terakhir" in cakupan
    assert len(list((demo_site / "pantauan").glob("2026-W*/index.html"))) >= 12


def test_a_post_dated_1900_does_not_make_weekly_pages_back_to_1900(directory):
    history = {KEY: [Post("old", None, at(dt.date(1900, 1, 1)), "Kuno"), *ago(3)]}
    a = compute(directory, history, {})
    assert a.first_week == dt.date(1900, 1, 1)  # the figures still see it
    archive = a.archive()
    assert len(archive) == ARCHIVE_WEEKS + 1
    assert archive[0] == a.last_week
    assert archive[-1] == a.last_week - dt.timedelta(weeks=ARCHIVE_WEEKS)
    assert a.archive_cut


@pytest.fixture(scope="module")
def old_post_site(build_site, tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("kuno") / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    store = Store(data / "posts")
    store.add(KEY, [Post("old", "https://contoh.go.id/kuno", at(dt.date(1900, 1, 1)), "Kuno")])
    store.add(KEY, ago(3) + ago(20) + ago(40))
    return build_site(data)


def test_week_pages_are_bounded_and_link_only_their_neighbours(old_post_site):
    weeks = sorted(p.name for p in (old_post_site / "pantauan").iterdir() if p.is_dir())
    assert len(weeks) == ARCHIVE_WEEKS + 1
    index = BeautifulSoup((old_post_site / "pantauan" / "index.html").read_text(), "html.parser")
    listed = index.find("article").select("#arsip + ul a")
    assert len(listed) == ARCHIVE_WEEKS + 1
    assert "lebih lama tetap tersimpan" in index.find("article").get_text()
    middle = weeks[len(weeks) // 2]
    page = BeautifulSoup(
        (old_post_site / "pantauan" / middle / "index.html").read_text(), "html.parser"
    )
    links = [a["href"] for a in page.find("article").select("#arsip + ul a")]
    assert len(links) == 3  # the week after, the week before, and the full list
    assert links[-1] == "../../pantauan/#arsip"


def test_a_week_ending_after_the_feeds_were_last_read_says_it_is_not_complete(
    demo_site, project_copy, tmp_path
):
    """A journalist found a province's headline week "0 posts from 0 agencies" because the
    feeds had last been read 8 days before the reference date: the page now says when the
    feeds were last read, and that such a week is not complete."""
    from generator.build.pipeline import build
    from tests.conftest import ROOT

    def page(site: Path) -> str:
        soup = BeautifulSoup((site / "pantauan" / "index.html").read_text(), "html.parser")
        return soup.find("article").get_text(" ", strip=True)

    current = page(demo_site)  # as of 22 November: the week of 9-15 November
    assert "feed terakhir berhasil dibaca 22 November 2026" in current
    assert "belum tercatat lengkap" not in current
    coverage = (demo_site / "cakupan" / "index.html").read_text()
    assert "30 hari terakhir (22 November 2026 dan 29 hari sebelumnya" in coverage
    later = tmp_path / "site"
    # As of Monday 23 November the last complete week is 16-22 November, and the feeds were
    # read at 06:00 on its last day: not complete either.
    build(ROOT / "data", later, project_copy, dt.date(2026, 11, 23))
    text = page(later)
    assert (
        "Minggu ini belum tercatat lengkap. Feed terakhir berhasil dibaca 22 November 2026" in text
    )
    assert (
        '7 / 30 / 90 hari (juga "mengunggah dalam 30 hari") berarti tanggal acuan data, 23 November 2026'
        in text
    )


def test_last_read_counts_only_reads_of_the_current_feeds_up_to_the_reference_date(directory):
    """From an adversarial review: a stamp of year 9999 or 1 stopped the build (OverflowError),
    a stamp after the reference date or for an address the account no longer uses hid the
    notice."""
    from collections import Counter

    from generator.feeds import activity as act
    from generator.feeds.render import last_read

    template = next(a for a in directory.agencies.values() if a.accounts)
    account = dataclasses.replace(template.accounts[0], feed="https://contoh.go.id/feed")

    def reading(**status) -> dt.date | None:
        row = act.AccountActivity(account, act.Stats(), status, 0, [])
        found = {"a": act.AgencyActivity(template, [row], act.Stats(), Counter(), {}, [])}
        activity = act.Activity(TODAY, found, [], [], None, [], act.Stats())
        return last_read(activity, "Asia/Jakarta")

    url = "https://contoh.go.id/feed"
    assert reading(url=url, ok="2026-11-20T23:30:00+00:00") == dt.date(2026, 11, 21)  # WIB
    assert reading(url="https://lama.go.id/feed", ok="2026-11-20T06:00+07:00") is None
    assert reading(url=url, ok="2027-03-01T06:00+07:00") is None  # after the reference date
    assert reading(url=url, ok="9999-12-31T23:59:59+00:00") is None
    assert reading(url=url, ok="0001-01-01T00:00:00+07:00") is None
    assert reading(url=url, ok="2026-11-20T06:00") is None  # no zone: no day to claim
    assert reading(url=url, ok=20261120) is None
