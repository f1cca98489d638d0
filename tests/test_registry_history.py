"""Riwayat perubahan: the registry's changes read from a real git repository, published as a
page, an Atom feed and open data; the build without history; hostile old values; the cap."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.pipeline import Project, build
from generator.registry import history as hist
from generator.registry.gitread import GitError
from generator.registry.history import read_history
from generator.safeinput.invisible import is_invisible
from tests.conftest import TODAY
from tests.history_util import Repo, dishub, lifecycle

ATOM = "{http://www.w3.org/2005/Atom}"
DISHUB_KINDS = [
    ("agency_added", None, "Dinas Perhubungan"),
    ("account_added", None, "https://www.instagram.com/dishub.uji/"),
    ("channel_added", None, "0812-1111-0001"),
    (
        "account_changed",
        "https://www.instagram.com/dishub.uji/",
        "https://www.instagram.com/dishub.uji.baru/",
    ),
    ("account_archived", "active", "archived"),
    ("account_reactivated", "archived", "active"),
    ("channel_changed", "0812-1111-0001", "0812-1111-0002"),
]


def _dishub_rows(site: Path) -> list[dict[str, str]]:
    with (site / "data" / "registry_changes.csv").open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["agency"] == "dinas-perhubungan"]


@pytest.fixture(scope="module")
def lifecycle_site(tmp_path_factory: pytest.TempPathFactory, project_copy: Project):
    repo, steps = lifecycle(tmp_path_factory.mktemp("riwayat") / "repo")
    out = repo.root / "site"
    result = build(repo.data, out, project_copy, TODAY)
    return repo, steps, out, result


def test_reader_tells_each_step_with_its_commit(tmp_path: Path) -> None:
    repo, steps = lifecycle(tmp_path / "repo")
    history = read_history(repo.data, "Asia/Jakarta")
    assert history.available and not history.cut and history.commits == 6
    mine = [c for c in history.changes if c.agency == "dinas-perhubungan"]
    assert [(c.kind, c.before, c.after) for c in mine] == DISHUB_KINDS
    by_kind = {c.kind: c for c in mine}
    assert by_kind["account_changed"].commit == steps["url"]
    assert by_kind["account_changed"].sensitive and by_kind["channel_changed"].sensitive
    assert not by_kind["account_archived"].sensitive
    # The commit time in the region's zone: 23:30 UTC on the 20th is 06:30 WIB on the 21st.
    assert by_kind["channel_changed"].when.isoformat() == "2026-11-21T06:30:00+07:00"
    # The first commit lays down the tiny region: every agency and account in it is "added".
    assert {c.kind for c in history.changes if c.commit != steps["added"]} >= {"agency_added"}
    months = [m.month for m in history.months]
    assert months == ["2026-08", "2026-09", "2026-10", "2026-11"]


def test_page_feed_and_table_show_the_changes(lifecycle_site) -> None:
    repo, steps, site, result = lifecycle_site
    assert result.notes == []
    # The table: one row per change, with its commit, newest last.
    rows = _dishub_rows(site)
    assert [(r["kind"], r["before"] or None, r["after"] or None) for r in rows] == DISHUB_KINDS
    assert [r["commit"] for r in rows][-4:] == [
        steps["url"],
        steps["archived"],
        steps["reactivated"],
        steps["whatsapp"],
    ]
    assert rows[-1]["time"] == "2026-11-21T06:30:00+07:00"
    assert rows[-1]["sensitive"] == "true"

    # The page: newest first, each with its label and commit.
    soup = BeautifulSoup(
        (site / "riwayat" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    items = soup.select("ol.k-changes > li")
    labels = [li.select_one(".k-badge").get_text() for li in items[:4]]
    assert labels == [
        "Nomor atau alamat kanal berubah",
        "Akun diaktifkan lagi",
        "Akun diarsipkan",
        "Akun diganti",
    ]
    newest = items[0]
    assert "0812-1111-0001" in newest.get_text() and "0812-1111-0002" in newest.get_text()
    assert steps["whatsapp"][:12] in newest.get_text()
    assert newest.select_one("time")["datetime"] == "2026-11-21T06:30:00+07:00"
    assert "sensitif" in newest.get_text()
    # Old addresses are shown, never offered as links.
    assert not soup.select('ol.k-changes a[href*="instagram.com"]')
    # The archive has a page per month; the definitions list every kind.
    assert soup.select_one('a[href$="riwayat/2026-10/"]') is not None
    month = (site / "riwayat" / "2026-10" / "index.html").read_text(encoding="utf-8")
    assert "dishub.uji.baru" in month
    terms = [dt_.select_one("code").get_text() for dt_ in soup.select("dl.k-defs dt")]
    assert set(terms) >= {k for k, _, _ in DISHUB_KINDS}

    # Feed readers find the feed from any page's head.
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    feed_link = home.select_one('head link[rel~="alternate"][type="application/atom+xml"]')
    assert (site / feed_link["href"]).is_file()

    # Coverage over time: a chart and its table, one row per month.
    assert soup.select_one("svg#riwayat-cakupan, svg.k-chart") is not None
    with (site / "data" / "coverage_monthly.csv").open(encoding="utf-8") as f:
        monthly = [
            (r["month"], r["level"], r["with_account"], r["official"]) for r in csv.DictReader(f)
        ]
    assert [m for m, level, _, _ in monthly if level == "kecamatan"] == [
        "2026-08",
        "2026-09",
        "2026-10",
        "2026-11",
    ]
    kecamatan = {m: (n, total) for m, level, n, total in monthly if level == "kecamatan"}
    assert kecamatan["2026-11"] == ("1", "5")  # Laweyan, of Surakarta's five


def test_atom_feed_is_valid_and_lists_the_url_change(lifecycle_site) -> None:
    _, steps, site, _ = lifecycle_site
    body = (site / "riwayat" / "riwayat.atom").read_bytes()
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    changed = [e for e in parsed.entries if "Akun diganti" in e.title]
    assert len(changed) == 1
    text = changed[0].content[0].value
    assert "https://www.instagram.com/dishub.uji/" in text
    assert "https://www.instagram.com/dishub.uji.baru/" in text
    assert steps["url"] in text

    # Structure (RFC 4287): the feed's and each entry's required elements, exactly once.
    root = ET.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, tag
    assert root.find(f"{ATOM}author/{ATOM}name").text
    dt.datetime.fromisoformat(root.find(f"{ATOM}updated").text)
    entries = root.findall(f"{ATOM}entry")
    assert entries
    ids = []
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{tag}")) == 1, tag
        assert dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text).tzinfo is not None
        assert entry.find(f"{ATOM}content") is not None
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("urn:uuid:") for i in ids)
    updated = [dt.datetime.fromisoformat(e.find(f"{ATOM}updated").text) for e in entries]
    assert updated == sorted(updated, reverse=True)  # newest first


def test_entry_ids_are_stable_across_builds_and_new_commits(
    tmp_path: Path, project_copy: Project
) -> None:
    repo, _ = lifecycle(tmp_path / "repo")

    def ids(out: Path) -> dict[str, str]:
        root = ET.fromstring((out / "riwayat" / "riwayat.atom").read_bytes())
        return {
            e.find(f"{ATOM}link").get("href"): e.find(f"{ATOM}id").text
            for e in root.findall(f"{ATOM}entry")
        }

    build(repo.data, tmp_path / "satu", project_copy, TODAY)
    first = ids(tmp_path / "satu")
    repo.write("dishub.yml", dishub(handle="dishub.uji.baru", whatsapp="0812-1111-0003"))
    repo.commit("2026-11-21T12:00:00+07:00", "Nomor lagi")
    build(repo.data, tmp_path / "dua", project_copy, TODAY)
    second = ids(tmp_path / "dua")
    assert len(second) == len(first) + 1
    assert {k: second[k] for k in first} == first


def test_without_git_the_build_says_so_and_publishes_the_current_state(
    tmp_path: Path, project_copy: Project
) -> None:
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "tiny", data)
    result = build(data, tmp_path / "site", project_copy, TODAY)
    assert result.notes == [hist.WHY_NO_GIT]
    site = tmp_path / "site"
    assert not (site / "data" / "registry_changes.csv").exists()
    assert (site / "data" / "accounts.csv").exists()  # the current state is published
    soup = BeautifulSoup(
        (site / "riwayat" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    warn = soup.select_one(".k-warn").get_text(" ", strip=True)
    assert "Riwayat belum tersedia" in warn and "bukan bagian dari repositori git" in warn
    assert not soup.select("ol.k-changes")
    feed = feedparser.parse((site / "riwayat" / "riwayat.atom").read_bytes())
    assert feed.bozo == 0 and feed.entries == []


def test_the_cli_says_it_in_one_line(tmp_path: Path) -> None:
    shutil.copytree(Path(__file__).parent / "fixtures" / "tiny", tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--today", "2026-11-22", "--out", "site"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "riwayat perubahan" in line]
    assert lines == [f"peringatan: {hist.WHY_NO_GIT}"]


def test_shallow_clone_and_untracked_data(tmp_path: Path) -> None:
    repo, steps = lifecycle(tmp_path / "repo")
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", repo.root.as_uri(), str(shallow)],
        check=True,
        capture_output=True,
    )
    assert read_history(shallow / "data", "Asia/Jakarta").reason == hist.WHY_SHALLOW
    # A partial clone lacks old blobs: they are not fetched (a build never uses the network).
    repo.git("config", "uploadpack.allowFilter", "true")
    repo.git("config", "uploadpack.allowAnySHA1InWant", "true")  # lazy fetches would work
    partial = tmp_path / "partial"
    subprocess.run(
        ["git", "clone", "-q", "--filter=blob:none", repo.root.as_uri(), str(partial)],
        check=True,
        capture_output=True,
    )
    assert read_history(partial / "data", "Asia/Jakarta").reason == hist.WHY_PARTIAL
    # Even past that check, the reader refuses every transport: the missing blob stays missing.
    with pytest.raises(GitError, match="tidak ditemukan"):
        hist._read(partial, "data/", ZoneInfo("Asia/Jakarta"), "Pengelola", 10, 100)
    old = repo.git("rev-parse", f"{steps['added']}:data/agencies/dishub.yml")
    missing = subprocess.run(
        ["git", "-c", "protocol.allow=never", "cat-file", "-e", old],
        cwd=partial,
        capture_output=True,
    )
    assert missing.returncode != 0
    untracked = Repo.__new__(Repo)
    untracked.root = tmp_path / "untracked"
    untracked.root.mkdir()
    untracked.git("init", "-q")
    shutil.copytree(repo.data, untracked.root / "data")
    (untracked.root / "README").write_text("x", encoding="utf-8")
    untracked.git("add", "README")
    untracked.git("commit", "-qm", "readme")
    found = read_history(untracked.root / "data", "Asia/Jakarta")
    assert not found.available and found.reason == hist.WHY_UNTRACKED


HOSTILE = "=1+1 <script>alert(1)</script> Dinas\u202eHub\u200b"


def test_hostile_old_values_are_escaped(tmp_path: Path, project_copy: Project) -> None:
    repo = Repo(tmp_path / "repo")
    # An old commit that `kanal check` would refuse: markup, a formula, invisible characters.
    repo.write("dishub.yml", dishub(name=f'"{HOSTILE}"'))
    repo.commit("2026-09-01T09:00:00+07:00", "Nama aneh")
    repo.write("broken.yml", "id: [unclosed\n")  # not YAML at all: skipped, counted
    repo.commit("2026-09-02T09:00:00+07:00", "Berkas rusak")
    (repo.data / "agencies" / "broken.yml").unlink()
    repo.write("dishub.yml", dishub(note="\"=HYPERLINK('http://contoh.invalid')\""))
    repo.commit("2026-09-03T09:00:00+07:00", "Nama diperbaiki")
    history = read_history(repo.data, "Asia/Jakarta")
    assert history.unreadable == 1
    renamed = [c for c in history.changes if c.kind == "agency_renamed"]
    assert len(renamed) == 1
    assert renamed[0].before == "=1+1 <script>alert(1)</script> Dinas[U+202E]Hub[U+200B]"

    site = tmp_path / "site"
    build(repo.data, site, project_copy, TODAY)
    published = [
        site / "riwayat" / "index.html",
        site / "riwayat" / "2026-09" / "index.html",
        site / "riwayat" / "riwayat.atom",
        site / "data" / "registry_changes.csv",
        site / "data" / "registry_changes.json",
    ]
    for path in published:
        text = path.read_text(encoding="utf-8")
        assert "\u202e" not in text and "\u200b" not in text, path
        assert "<script>alert" not in text or path.suffix == ".json" or path.suffix == ".csv", path
    soup = BeautifulSoup(published[1].read_text(encoding="utf-8"), "html.parser")
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    assert "Dinas[U+202E]Hub" in soup.get_text()
    feed = feedparser.parse(published[2].read_bytes())
    assert feed.bozo == 0
    assert any("<script>alert(1)</script>" in e.title for e in feed.entries)  # as text
    with published[3].open(encoding="utf-8", newline="") as f:
        names = [r["agency_name"] for r in csv.DictReader(f) if r["agency"] == "dinas-perhubungan"]
    assert names[0].startswith("'=1+1")  # a spreadsheet shows it, never runs it
    # The account's public note is in the open data, formula-guarded like every text cell.
    with (site / "data" / "accounts.csv").open(encoding="utf-8", newline="") as f:
        notes = [r["note"] for r in csv.DictReader(f) if r["agency"] == "dinas-perhubungan"]
    assert notes == ["'=HYPERLINK('http://contoh.invalid')"]


def test_account_notes_are_in_the_open_data(lifecycle_site) -> None:
    site = lifecycle_site[2]
    with (site / "data" / "accounts.csv").open(encoding="utf-8", newline="") as f:
        rows = {(r["agency"], r["platform"]): r["note"] for r in csv.DictReader(f)}
    assert rows[("dinas-kesehatan", "facebook")] == "Diganti akun baru sejak 2024"
    assert rows[("dinas-kesehatan", "instagram")] == ""
    accounts = json.loads((site / "data" / "accounts.json").read_text(encoding="utf-8"))
    assert {a["note"] for a in accounts if a["agency"] == "dinas-kesehatan"} == {
        None,
        "Diganti akun baru sejak 2024",
    }


def test_a_merged_branch_is_dated_by_its_merge(tmp_path: Path) -> None:
    """Along the first-parent line a pull request's changes land when it is merged."""
    repo = Repo(tmp_path / "repo")
    repo.git("checkout", "-q", "-b", "usulan")
    repo.write("dishub.yml", dishub())
    repo.commit("2026-09-01T09:00:00+07:00", "Usulan Dishub")
    repo.git("checkout", "-q", "main")
    (repo.data / "agencies" / "bappeda.yml").write_text(
        (repo.data / "agencies" / "bappeda.yml").read_text(encoding="utf-8") + "\n",
        encoding="utf-8",
    )
    repo.commit("2026-09-05T09:00:00+07:00", "Rapikan")
    repo.git(
        "merge", "-q", "--no-ff", "-m", "Gabung usulan", "usulan", when="2026-09-10T09:00:00+07:00"
    )
    merge = repo.git("rev-parse", "HEAD")
    history = read_history(repo.data, "Asia/Jakarta")
    mine = [c for c in history.changes if c.agency == "dinas-perhubungan"]
    assert [c.kind for c in mine] == ["agency_added", "account_added", "channel_added"]
    assert {c.commit for c in mine} == {merge}
    assert {c.when.date() for c in mine} == {dt.date(2026, 9, 10)}


def test_the_cap_keeps_the_newest_commits_and_says_so(
    tmp_path: Path, project_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, steps = lifecycle(tmp_path / "repo")
    capped = read_history(repo.data, "Asia/Jakarta", max_commits=2)
    assert capped.cut and capped.commits == 2
    assert {c.commit for c in capped.changes} == {steps["reactivated"], steps["whatsapp"]}
    assert [c.kind for c in capped.changes] == ["account_reactivated", "channel_changed"]
    assert capped.since is not None and capped.since.date() == dt.date(2026, 11, 10)
    # The file-version bound cuts the same way: one changed file per commit here.
    by_files = read_history(repo.data, "Asia/Jakarta", max_versions=2)
    assert by_files.cut and by_files.commits == 2

    monkeypatch.setattr(hist, "MAX_COMMITS", 2)
    result = build(repo.data, tmp_path / "site", project_copy, TODAY)
    assert len(result.notes) == 1 and "tidak dimuat" in result.notes[0]
    soup = BeautifulSoup(
        (tmp_path / "site" / "riwayat" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "Riwayat dipotong" in soup.get_text()


@pytest.mark.browser
def test_history_pages_at_360px(lifecycle_site, serve_dir, page) -> None:
    """Chromium at phone width: nothing wider than the screen, no serious axe finding."""
    from tests.test_a11y import serious_violations

    base = serve_dir(lifecycle_site[2])
    page.set_viewport_size({"width": 360, "height": 800})
    for path in ("riwayat/", "riwayat/2026-11/"):
        page.goto(base + path)
        assert page.locator("ol.k-changes > li").count() > 0
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
        assert serious_violations(page) == [], path
    page.goto(base + "riwayat/")
    sizes = page.evaluate(
        "[...document.querySelectorAll('svg.k-chart text')].map(t => t.getBoundingClientRect().height)"
    )
    assert sizes and min(sizes) >= 11


def test_history_tables_are_in_a_valid_datapackage_and_the_database(lifecycle_site) -> None:
    import sqlite3

    import frictionless

    site = lifecycle_site[2]
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    assert {"registry_changes-csv", "registry_changes-json", "coverage_monthly-csv"} <= names
    report = frictionless.validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    db = sqlite3.connect(site / "data" / "kanal.sqlite")
    try:
        rows = db.execute(
            'SELECT kind, "commit" FROM registry_changes '
            "WHERE agency = 'dinas-perhubungan' ORDER BY time, seq"
        ).fetchall()
        assert [k for k, _ in rows] == [k for k, _, _ in DISHUB_KINDS]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        pk = [r[1] for r in db.execute("PRAGMA table_info(registry_changes)") if r[5]]
        assert pk == ["commit", "seq"]
    finally:
        db.close()


@given(st.text(max_size=400))
def test_visible_text_is_plain_bounded_and_xml_safe(text: str) -> None:
    shown = hist.visible(text)
    assert len(shown) <= hist.TEXT_MAX
    assert "\n" not in shown and "\t" not in shown
    assert not any(is_invisible(c) or unicodedata.category(c) in ("Cn", "Cs") for c in shown)
    element = ET.Element("t")
    element.text = shown
    assert ET.fromstring(ET.tostring(element)).text in (shown, None)


STEP = st.tuples(
    st.sampled_from(["dishub.a", "dishub.b"]),
    st.sampled_from(["active", "archived"]),
    st.sampled_from(["0812-1111-0001", "0812-1111-0002"]),
)


@settings(max_examples=8, deadline=None)
@given(st.lists(STEP, min_size=1, max_size=5))
def test_each_commit_tells_exactly_what_it_changed(steps: list[tuple[str, str, str]]) -> None:
    """Property: replaying random edits, every commit's changes are those of its edit."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repo(Path(tmp) / "repo")
        expected: dict[str, list[str]] = {}
        previous = None
        for day, (handle, status, whatsapp) in enumerate(steps, start=1):
            repo.write("dishub.yml", dishub(handle=handle, status=status, whatsapp=whatsapp))
            sha = repo.commit(f"2026-09-{day:02d}T09:00:00+07:00", f"langkah {day}")
            if previous is None:
                kinds = ["agency_added", "account_added", "channel_added"]
            else:
                kinds = []
                if handle != previous[0]:
                    kinds.append("account_changed")
                elif status != previous[1]:
                    kinds.append(
                        "account_archived" if status == "archived" else "account_reactivated"
                    )
                if whatsapp != previous[2]:
                    kinds.append("channel_changed")
            expected[sha] = kinds
            previous = (handle, status, whatsapp)
        history = read_history(repo.data, "Asia/Jakarta")
        told: dict[str, list[str]] = {sha: [] for sha in expected}
        for c in history.changes:
            if c.agency == "dinas-perhubungan":
                told[c.commit].append(c.kind)
        assert told == expected


def test_publisher_contact_change_in_region_yml(tmp_path: Path) -> None:
    """Where "report a fake account" leads is registry history too."""
    repo = Repo(tmp_path / "repo")
    region = repo.data / "region.yml"
    region.write_text(
        region.read_text(encoding="utf-8").replace(
            "kominfo@example.go.id", "pengaduan@example.go.id"
        ),
        encoding="utf-8",
    )
    sha = repo.commit("2026-09-01T09:00:00+07:00", "Surel pengelola")
    found = [c for c in read_history(repo.data, "Asia/Jakarta").changes if c.commit == sha]
    assert [(c.kind, c.before, c.after, c.sensitive) for c in found] == [
        ("publisher_changed", "kominfo@example.go.id", "pengaduan@example.go.id", True)
    ]
    assert found[0].agency == "" and found[0].agency_name == "Pengelola"


def test_an_oversized_old_file_is_skipped_unread(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("besar.yml", "# " + "x" * (6 * 1024 * 1024) + "\n")  # over the 5 MB YAML bound
    repo.commit("2026-09-01T09:00:00+07:00", "Berkas besar")
    (repo.data / "agencies" / "besar.yml").unlink()
    repo.write("dishub.yml", dishub())
    sha = repo.commit("2026-09-02T09:00:00+07:00", "Hapus, tambah Dishub")
    history = read_history(repo.data, "Asia/Jakarta")
    assert history.available and history.unreadable == 1
    assert [c.kind for c in history.changes if c.commit == sha] == [
        "agency_added",
        "account_added",
        "channel_added",
    ]


def test_every_link_of_the_history_pages_and_feed_resolves(lifecycle_site) -> None:
    from urllib.parse import urljoin, urlsplit

    from tests.test_site import target_file
    from tests.test_site import test_every_internal_link_and_anchor_resolves as check_links

    site = lifecycle_site[2]
    check_links(site)  # every page of the site, the history pages with their changes included
    root = ET.fromstring((site / "riwayat" / "riwayat.atom").read_bytes())
    for entry in root.findall(f"{ATOM}entry"):
        parts = urlsplit(urljoin("/riwayat/riwayat.atom", entry.find(f"{ATOM}link").get("href")))
        page = BeautifulSoup(target_file(site, parts.path).read_text("utf-8"), "html.parser")
        assert page.find(id=parts.fragment) is not None, parts


def test_feed_links_are_absolute_with_a_site_url(tmp_path: Path) -> None:
    import dataclasses

    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems
    from generator.site.history import _rows, atom_feed

    repo, steps = lifecycle(tmp_path / "repo")
    directory = load_directory(repo.data, TODAY, Problems())
    assert directory is not None
    region = dataclasses.replace(directory.region, site_url="https://kanal.example.go.id/")
    directory = dataclasses.replace(directory, region=region)
    history = read_history(repo.data, "Asia/Jakarta")
    body = atom_feed(directory, history, _rows(directory, history.changes))
    feed = feedparser.parse(body)
    assert feed.bozo == 0
    assert feed.feed.links[0].href == "https://kanal.example.go.id/riwayat/"
    selfs = [link.href for link in feed.feed.links if link.rel == "self"]
    assert selfs == ["https://kanal.example.go.id/riwayat/riwayat.atom"]
    newest = feed.entries[0]
    assert newest.link.startswith("https://kanal.example.go.id/riwayat/2026-11/#c-")
    assert steps["whatsapp"] in newest.content[0].value


def test_history_tables_keep_the_open_data_contract(lifecycle_site) -> None:
    """Keys declared alike in the database and the datapackage; titles, hashes and sizes."""
    from tests.test_opendata_contract import (
        test_datapackage_declares_the_keys_of_the_database as keys_agree,
    )
    from tests.test_opendata_contract import (
        test_every_resource_has_a_title_a_description_its_hash_and_size as described,
    )

    site = lifecycle_site[2]
    keys_agree(site)
    described(site)
    metadata = json.loads((site / "data" / "metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["kanal"]["tables"]
    assert tables["registry_changes"]["title"] == "Riwayat perubahan registri"
