"""Whole-site properties of built sites: links resolve, nothing loads from another host,
bulk pages stay out of nav and search, and the demo says on every page that it is a demo."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

EXTERNAL_OK = ("http", "https", "mailto", "tel", "sms")


@cache
def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


@pytest.fixture(params=["tiny_site", "demo_site"])
def site(request) -> Path:
    return request.getfixturevalue(request.param)


def test_every_internal_link_and_anchor_resolves(site):
    broken = []
    for page in html_pages(site):
        base = page_url(site, page)
        doc = parse(page)
        for tag, attr in (
            ("a", "href"),
            ("link", "href"),
            ("script", "src"),
            ("img", "src"),
            ("use", "href"),
        ):
            for element in doc.find_all(tag):
                ref = element.get(attr)
                if not ref or urlsplit(ref).scheme in EXTERNAL_OK:
                    continue
                parts = urlsplit(urljoin(base, ref))
                target = target_file(site, parts.path)
                if not target.is_file():
                    broken.append(f"{page_url(site, page)}: {ref}")
                elif (
                    parts.fragment
                    and target.suffix == ".html"
                    and not parse(target).find(id=unquote(parts.fragment))
                ):
                    broken.append(f"{page_url(site, page)}: {ref} (no anchor)")
    assert broken == []


def test_no_third_party_requests(site):
    """Scripts, styles, icons, images and fonts all come from the site itself."""
    remote = []
    for page in html_pages(site):
        doc = parse(page)
        for element in doc.find_all(
            ["script", "img", "iframe", "link", "source", "video", "audio"]
        ):
            ref = element.get("src") or (element.get("href") if element.name == "link" else None)
            if ref and (urlsplit(ref).scheme or ref.startswith("//")):
                remote.append(f"{page.relative_to(site)}: {ref}")
    assert remote == []
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, css


def test_bulk_pages_out_of_nav_and_search(site):
    nav_links = [
        a["href"] for a in parse(site / "index.html").select("nav.md-nav--primary a[href]")
    ]
    assert nav_links, "the primary nav is missing"
    assert not [h for h in nav_links if "instansi/" in h]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("instansi/")]


def test_finder_index_points_at_real_pages(site):
    data = json.loads((site / "assets" / "kanal" / "indeks.json").read_text(encoding="utf-8"))
    assert data["agency_fields"][3] == "url"
    for row in data["agencies"]:
        parts = urlsplit(row[3])
        target = target_file(site, "/" + parts.path)
        assert target.is_file(), row[3]
        if parts.fragment:
            assert parse(target).find(id=parts.fragment), row[3]


def test_demo_banner_on_every_page(demo_site, tiny_site):
    for page in html_pages(demo_site):
        banner = parse(page).select_one(".md-banner .k-demo")
        assert banner is not None and "Data contoh" in banner.get_text(), page
    assert parse(tiny_site / "index.html").select_one(".k-demo") is None


def test_html_lang_is_indonesian(site):
    assert parse(site / "index.html").html["lang"] == "id"


def test_tables_and_charts_stay_out_of_the_search_index(demo_site: Path):
    """Material would index a table as one run of cell words; the prose stays searchable."""
    index = json.loads((demo_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Instansi dengan akun aktif" not in text  # a coverage table header
    assert "Cakupan adalah persentase instansi" in text  # the coverage page's definition


def test_lists_of_names_stay_out_of_the_search_index(tiny_site: Path):
    """The coverage page's lists of agencies without an account grow with the villages (2,508
    names, 110 KB of the full province's index); the finder finds agencies, the summary stays."""
    index = json.loads((tiny_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Belum memiliki akun media sosial resmi aktif (1)" in text
    assert "Kelurahan Pajang" not in text
    assert "Kelurahan Pajang" in (tiny_site / "cakupan" / "index.html").read_text("utf-8")
