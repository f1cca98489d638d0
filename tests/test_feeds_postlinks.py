"""Post links are tied to the account's platform (generator.feeds.postlinks): a link is kept
iff its host is the platform's own (or, for a website, on the site's registrable domain); a
stored post with a foreign link still counts, but is published without its link, on the
pages and in the open data alike, and ``kanal check`` warns at its file and line."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from generator.feeds.parse import parse_feed
from generator.feeds.postlinks import link_host, link_rule, on_hosts, platform_rule
from generator.registry.accounts import PLATFORMS
from tests.conftest import FIXTURES, ROOT, TODAY, BuildSite

OWN = {
    "instagram": ("instagram.com", "www.instagram.com", "instagr.am"),
    "x": ("x.com", "twitter.com", "mobile.twitter.com"),
    "facebook": ("facebook.com", "m.facebook.com", "fb.watch", "fb.com"),
    "youtube": ("youtube.com", "www.youtube.com", "youtu.be", "m.youtube.com"),
    "tiktok": ("tiktok.com", "www.tiktok.com", "vm.tiktok.com"),
    "threads": ("threads.net", "www.threads.com"),
}
SOCIAL = sorted(OWN)
ALL_OWN = {
    platform: (*PLATFORMS[platform].hosts, *PLATFORMS[platform].link_hosts) for platform in OWN
}
LABEL = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12).filter(
    lambda s: not s.startswith("-") and not s.endswith("-")
)


def _own(platform: str, host: str) -> bool:
    """The reference: the host (already canonical) is a platform host or a subdomain of one."""
    return any(host == h or host.endswith("." + h) for h in ALL_OWN[platform])


@st.composite
def hosts(draw) -> tuple[str, str]:
    """(host as written in a link, canonical host a browser opens) for look-alikes,
    subdomains and other tricks around the platforms' own hosts."""
    base = draw(st.sampled_from([h for p in SOCIAL for h in ALL_OWN[p]]))
    label = draw(LABEL)
    kind = draw(
        st.sampled_from(
            ["same", "sub", "suffix", "glued", "prefix", "dash", "random", "upper", "dot"]
        )
    )
    host = {
        "same": base,
        "sub": f"{label}.{base}",  # a subdomain: own
        "suffix": f"{base}.{label}.example",  # instagram.com.evil.example
        "glued": f"{label}{base}",  # evilinstagram.com
        "prefix": f"{base}{label}",  # instagram.comevil
        "dash": f"{label}-{base}",
        "random": f"{label}.example",
        "upper": base.upper(),
        "dot": base + ".",  # a final dot is the same name
    }[kind]
    canonical = host.lower().removesuffix(".")
    return host, canonical


@given(st.sampled_from(SOCIAL), hosts(), st.sampled_from(["https", "http", "HTTPS"]))
def test_a_link_is_kept_iff_its_host_is_the_platforms_own(platform, host, scheme):
    written, canonical = host
    rule = platform_rule(platform)
    link = f"{scheme}://{written}/p/abc"
    assert rule.allows(link) == _own(platform, canonical), link
    assert rule.foreign([link, None]) == ([] if _own(platform, canonical) else [0])


@given(
    st.sampled_from(SOCIAL),
    hosts(),
    st.sampled_from(["", ":443", ":8080", ":", ":99999", ":x"]),
    st.sampled_from(["/p/1", "", "?a=b", "#c", "/@evil.example"]),
)
def test_ports_and_paths_do_not_change_the_host(platform, host, port, tail):
    written, canonical = host
    link = f"https://{written}{port}{tail}"
    valid_port = port in ("", ":443", ":8080", ":")
    assert platform_rule(platform).allows(link) == (valid_port and _own(platform, canonical))


@given(st.sampled_from(SOCIAL), hosts())
def test_userinfo_and_other_tricks_are_foreign(platform, other):
    rule = platform_rule(platform)
    base = ALL_OWN[platform][0]
    for link in (
        f"https://{base}@{other[0]}/",  # userinfo: the browser opens the host after "@"
        f"https://{base}:443@{other[0]}/",
        f"https://user:pass@{base}/",  # userinfo on the own host: refused too
        f"https://{other[0]}\\.{base}/",  # a backslash is a slash to a browser
        f"https://{other[0]}%2E{base}/",
        f"javascript://{base}/%0aalert(1)",
        f"ftp://{base}/",
        f"//{base}/p/1",
        "https://[::1]/",
        f"https://{base}\\@{other[0]}/",
    ):
        assert not rule.allows(link), link
        assert rule.foreign([link]) == [0], link


def test_idna_look_alikes_are_foreign_and_idna_forms_of_own_hosts_are_not():
    rule = platform_rule("instagram")
    for link in (
        "https://instаgram.com/p/1",  # Cyrillic а
        "https://xn--instgram-46g.com/p/1",  # the same, as a browser sends it
        "https://ınstagram.com/p/1",  # dotless i
        "https://instagram.com.xn--80ak6aa92e.com/",
        "https://instagrаm.com@instagram.com.evil.example/",
    ):
        assert not rule.allows(link), link
    # Full-width letters, an ideographic full stop, "ſ" (long s) and "K" (Kelvin) are the
    # same name to a browser (UTS 46) and to IDNA: the host opened is the platform's.
    assert link_host("https://ｗｗｗ．ｉｎｓｔａｇｒａｍ．ｃｏｍ/p/1") == "www.instagram.com"
    assert link_host("https://inſtagram.com/p/1") == "instagram.com"
    assert link_host("https://tikto\u212a.com/x") == "tiktok.com"
    assert link_host("https://INSTAGRAM.COM./p/1") == "instagram.com"
    # The batch check (one ASCII-only expression) gives what each link alone gives.
    for links in (["https://inſtagram.com/p/1"], ["https://ınstagram.com/p/1"]):
        assert rule.foreign(links) == [i for i, u in enumerate(links) if not rule.allows(u)]


def test_a_website_keeps_links_on_its_registrable_domain():
    rule = link_rule("website", "https://jdih.contohkab.go.id/")
    assert rule.hosts == ("contohkab.go.id",)
    assert rule.allows("https://jdih.contohkab.go.id/berita/1")
    assert rule.allows("https://www.contohkab.go.id/berita/1")
    assert not rule.allows("https://contohkab.go.id.evil.example/")
    assert not rule.allows("https://evilcontohkab.go.id/")
    assert not rule.allows("https://lain.go.id/")
    # A free host: the site's own name, not every site under it.
    blog = link_rule("website", "https://desaku.blogspot.com/")
    assert blog.allows("https://desaku.blogspot.com/2026/11/a.html")
    assert not blog.allows("https://penipu.blogspot.com/")


@given(
    st.sampled_from(SOCIAL),
    st.lists(st.one_of(st.none(), hosts().map(lambda h: f"https://{h[0]}/p/1")), max_size=6),
)
def test_the_batch_check_equals_each_link_checked_alone(platform, links):
    rule = platform_rule(platform)
    expected = [i for i, u in enumerate(links) if u is not None and not rule.allows(u)]
    assert rule.foreign(links) == expected
    assert all(on_hosts(h, rule.hosts) for h in rule.hosts)


def test_a_feed_keeps_the_post_and_drops_a_foreign_link():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>Asli</title><link>https://www.instagram.com/p/a/</link>"
        b"<pubDate>Fri, 20 Nov 2026 10:00:00 +0700</pubDate></item>"
        b"<item><title>Palsu</title><link>https://instagram.com.evil.example/p/b</link>"
        b"<pubDate>Fri, 20 Nov 2026 11:00:00 +0700</pubDate></item>"
        b"</channel></rss>"
    )
    seen = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
    rule = platform_rule("instagram")
    parsed = parse_feed(
        body, "application/rss+xml", "https://rss.example/", "Asia/Jakarta", seen, links=rule
    )
    posts = {p.title: p for p in parsed.posts}
    assert posts["Asli"].link == "https://www.instagram.com/p/a/"
    assert posts["Palsu"].link is None  # still a post, still counted
    assert posts["Palsu"].ident == "https://instagram.com.evil.example/p/b"  # same identity
    assert parsed.withheld == ["https://instagram.com.evil.example/p/b"]


EVIL = "https://evil.example/phish"


def _data_with_a_foreign_link(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    folder = data / "posts" / "instagram" / "dinkes.uji"  # Dinas Kesehatan's Instagram
    folder.mkdir(parents=True)
    lines = [
        {
            "n": "Posyandu balita",
            "t": "2026-11-19T09:00+07:00",
            "u": "https://www.instagram.com/p/ok1/",
        },
        {"n": "Hadiah undian palsu", "t": "2026-11-20T09:00+07:00", "u": EVIL},
        {"n": "Imunisasi", "t": "2026-11-21T09:00+07:00", "u": "https://www.instagram.com/p/ok2/"},
    ]
    text = "".join(json.dumps(r, sort_keys=True, separators=(",", ":")) + "\n" for r in lines)
    (folder / "2026.jsonl").write_text(text, encoding="utf-8")
    return data


def test_check_warns_at_the_file_and_line_and_passes(tmp_path: Path):
    data = _data_with_a_foreign_link(tmp_path)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "check",
            "--data",
            str(data),
            "--today",
            TODAY.isoformat(),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "Traceback" not in out
    line = next(x for x in out.splitlines() if EVIL in x)
    assert "posts/instagram/dinkes.uji/2026.jsonl:2" in line
    assert ": warning: u: " in line
    assert f"tautan unggahan tidak di instagram.com atau instagr.am: {EVIL}" in line
    assert "tautan tidak diterbitkan" in line


def test_a_foreign_link_is_published_nowhere_and_the_post_still_counts(
    tmp_path: Path, build_site: BuildSite
):
    site = build_site(_data_with_a_foreign_link(tmp_path))
    pages = [p for p in site.rglob("*.html") if "Hadiah undian palsu" in p.read_text("utf-8")]
    assert pages  # the post is shown ...
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert not soup.find("a", href=EVIL), page  # ... without its link
        assert EVIL not in page.read_text("utf-8"), page
        item = next(li for li in soup.find_all("li") if "Hadiah undian palsu" in li.get_text())
        assert item.find("a") is None
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".csv", ".json", ".html", ".md", ".xml", ".txt"}:
            assert EVIL not in path.read_text("utf-8", errors="replace"), path
    # The open data: the post is a row (a journalist recomputes the figures), its link empty.
    csv_text = gzip.decompress((site / "data" / "posts-2026.csv.gz").read_bytes()).decode()
    rows = [r for r in csv_text.splitlines() if "dinas-kesehatan,instagram" in r]
    assert len(rows) == 3
    fake = next(r for r in rows if "Hadiah undian palsu" in r)
    assert ",false,,Hadiah undian palsu" in fake
    db = sqlite3.connect(site / "data" / "posts.sqlite")
    got = db.execute(
        "SELECT link, title FROM posts WHERE agency = 'dinas-kesehatan' ORDER BY time"
    ).fetchall()
    db.close()
    assert got == [
        ("https://www.instagram.com/p/ok1/", "Posyandu balita"),
        (None, "Hadiah undian palsu"),
        ("https://www.instagram.com/p/ok2/", "Imunisasi"),
    ]
    assert EVIL.encode() not in (site / "data" / "posts.sqlite").read_bytes()


def test_the_line_is_right_when_the_file_is_read_line_by_line(tmp_path: Path):
    """A broken line sends the file to the per-line path: the warning still names the
    foreign link's own line, and the broken one is an error at its line."""
    from generator.feeds.activity import load_history
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    data = _data_with_a_foreign_link(tmp_path)
    path = data / "posts" / "instagram" / "dinkes.uji" / "2026.jsonl"
    path.write_text('{"n": "rusak"\n\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    history = load_history(data, directory, problems)
    ours = [p for p in problems.items if p.location.path.endswith("2026.jsonl")]
    assert [(p.severity.value, p.location.line, p.field) for p in ours] == [
        ("error", 1, ""),
        ("warning", 4, "u"),
    ]
    assert history.posts["instagram:dinkes.uji"].count == 3
    assert all(p.link != EVIL for p in history.posts["instagram:dinkes.uji"].latest)


def test_one_warning_a_file_however_many_foreign_links(tmp_path: Path):
    from generator.feeds.activity import load_history
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    data = _data_with_a_foreign_link(tmp_path)
    path = data / "posts" / "instagram" / "dinkes.uji" / "2026.jsonl"
    extra = [
        {"n": f"Palsu {i}", "t": f"2026-11-0{i}T09:00+07:00", "u": f"{EVIL}/{i}"}
        for i in range(1, 5)
    ]
    with path.open("a", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in extra)
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    history = load_history(data, directory, problems)
    ours = [p for p in problems.items if p.location.path.endswith("2026.jsonl")]
    assert len(ours) == 1 and ours[0].location.line == 2
    assert ours[0].message.endswith("tautan tidak diterbitkan (dan 4 unggahan lain di berkas ini)")
    assert history.posts["instagram:dinkes.uji"].count == 7


def test_a_csv_row_with_a_foreign_link_is_imported_without_it(tmp_path: Path):
    from zoneinfo import ZoneInfo

    from generator.feeds.csvposts import link_rules, read_csv_posts
    from generator.feeds.refresh import jobs_of
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    problems = Problems()
    directory = load_directory(FIXTURES / "tiny", TODAY, problems)
    path = tmp_path / "posts.csv"
    path.write_text(
        "platform,akun,waktu,judul,tautan\n"
        "instagram,@dinkes.uji,2026-11-20 09:30,Asli,https://www.instagram.com/p/a/\n"
        f"instagram,@dinkes.uji,2026-11-20 10:30,Palsu,{EVIL}\n",
        encoding="utf-8",
    )
    rules = link_rules(directory)
    found = Problems()
    posts = read_csv_posts(path, ZoneInfo("Asia/Jakarta"), rules, found)
    got = [(p.title, p.ident, p.link) for p in posts["instagram:dinkes.uji"]]
    assert got == [
        ("Asli", "https://www.instagram.com/p/a/", "https://www.instagram.com/p/a/"),
        ("Palsu", EVIL, None),
    ]
    assert [(p.severity.value, p.location.line, p.field) for p in found.items] == [
        ("warning", 3, "tautan")
    ]
    # kanal fetch gives every feed its account's rule.
    assert all(job.links is not None for job in jobs_of(directory))
