"""Untrusted text (names, notes, labels, addresses) must reach every page as inert text.

The hostile fixture puts HTML, scripts, event handlers, Markdown and template syntax in every
free-text field; these tests read the built pages with an HTML parser, as a browser would.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
RAW = {a["id"]: a for a in yaml.safe_load((HOSTILE / "agencies" / "hostile.yml").read_text())}
REGION = yaml.safe_load((HOSTILE / "region.yml").read_text())
PAGES = [
    "index.html",
    "direktori/index.html",
    "cakupan/index.html",
    "instansi/dinas-jahat/index.html",
    "instansi/kecamatan-laweyan/index.html",
    "tentang/index.html",
]


@pytest.fixture(scope="module")
def site(build_site) -> Path:
    return build_site(HOSTILE)


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("page", PAGES)
def test_no_injected_script_handler_or_link(site, page):
    doc = soup(site, page)
    for script in doc.find_all("script"):
        if script.get("type") == "application/ld+json":
            continue  # data, not code: checked by test_agency_json_ld_is_inert_data
        assert "__xss" not in script.get_text(), f"injected script on {page}"
        src = script.get("src")
        if src:
            assert not urlsplit(src).scheme and not src.startswith("//"), f"remote script {src}"
    for element in doc.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, f"{element.name} has {handlers} on {page}"
    article = doc.find("article")
    assert article is not None
    assert not article.find_all(
        ["iframe", "img", "style", "form"] if page != "index.html" else ["iframe", "img", "style"]
    )
    for a in doc.find_all("a", href=True):
        scheme = urlsplit(a["href"]).scheme
        assert scheme in ("", "http", "https", "mailto", "tel", "sms"), f"{a['href']} on {page}"


@pytest.mark.parametrize("page", PAGES)
def test_region_and_title_are_text(site, page):
    doc = soup(site, page)
    title = doc.title.get_text()
    assert title.endswith("Kanal " + REGION["name"])
    header = doc.select_one(".md-header__topic .md-ellipsis")
    assert header.get_text(strip=True) == "Kanal " + REGION["name"]
    # Material prints site_name raw in some places and through "| e" in others: the logo's
    # tooltip and label read as the name itself, escaped once (not "&lt;script&gt;").
    logos = doc.select("a.md-logo")
    assert len(logos) == 2
    for logo in logos:
        assert logo["title"] == logo["aria-label"] == "Kanal " + REGION["name"]


def test_no_page_holds_the_region_name_as_markup_or_escaped_twice(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>window.__xss" not in html, page
        assert "&amp;lt;script&amp;gt;window.__xss" not in html, page


def test_agency_page_shows_every_field_verbatim(site):
    doc = soup(site, "instansi/dinas-jahat/index.html")
    agency = RAW["dinas-jahat"]
    article = doc.find("article")
    h1s = article.find_all("h1")
    assert len(h1s) == 1
    assert h1s[0].get_text() == f"{agency['name']} ({agency['short_name']})"
    assert doc.title.get_text().startswith(agency["name"] + " - ")
    text = article.get_text()
    for value in [
        agency["description"].replace("<!-- komentar -->", ""),
        *agency["services"],
        agency["accounts"][0]["note"],
        agency["office"]["address"],
    ]:
        assert value in text
    assert agency["office"]["hours"].replace("\n\n", " ") in " ".join(
        text.split("\n")
    )  # whitespace folds, nothing is parsed
    assert not article.find(["strong", "em", "code"], string=["tebal", "miring", "kode"])
    wa = article.select_one("a.k-ch--whatsapp")
    assert wa["href"] == "https://wa.me/6281234567890"
    assert agency["channels"][0]["label"] in wa.get_text()
    site_link = article.select_one("a.k-ch--website")
    assert site_link["href"] == agency["channels"][1]["value"]


def test_district_and_village_names(site):
    doc = soup(site, "instansi/kecamatan-laweyan/index.html")
    article = doc.find("article")
    assert [h.get_text() for h in article.find_all("h1")] == [RAW["kecamatan-laweyan"]["name"]]
    assert (
        article.find(id="kelurahan-pajang").find("h3").get_text() == RAW["kelurahan-pajang"]["name"]
    )


def test_meta_description_attribute_is_quoted(site):
    doc = soup(site, "instansi/dinas-jahat/index.html")
    assert (
        doc.find("meta", attrs={"name": "description"})["content"]
        == f"Akun resmi dan kontak {RAW['dinas-jahat']['name']}."
    )


def test_finder_index_is_json_with_raw_text(site):
    data = json.loads((site / "assets" / "kanal" / "indeks.json").read_text(encoding="utf-8"))
    names = [row[0] for row in data["agencies"]]
    assert RAW["dinas-jahat"]["name"] in names
    keywords = [row[5] for row in data["agencies"]]
    assert any(RAW["dinas-jahat"]["aliases"][0] in k for k in keywords)


def test_hostile_text_stays_out_of_search_index(site):
    """Bulk pages are excluded from Material's search index (it would hold their HTML)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not any(loc.startswith("instansi/") for loc in locations)
    assert "direktori/" in locations


@pytest.mark.parametrize(
    "page", ["instansi/dinas-jahat/index.html", "instansi/kecamatan-laweyan/index.html"]
)
def test_agency_json_ld_is_inert_data(site, page):
    """schema.org JSON-LD: parses as JSON, holds the raw names, and no '<' can end the script."""
    html = (site / page).read_text(encoding="utf-8")
    doc = BeautifulSoup(html, "html.parser")
    scripts = doc.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    text = scripts[0].string
    assert not any(char in text for char in "<>&\u2028\u2029")
    assert text in html  # the parser saw the whole element: nothing ended it early
    data = json.loads(text)
    assert data["@type"] == "GovernmentOrganization"
    if page.startswith("instansi/dinas-jahat"):
        agency = RAW["dinas-jahat"]
        assert data["name"] == agency["name"]
        assert data["alternateName"] == agency["short_name"]
        assert data["sameAs"] == ["https://www.instagram.com/dinas_jahat/"]
        assert data["address"]["streetAddress"] == agency["office"]["address"]
        points = {p.get("telephone") or p.get("url"): p for p in data["contactPoint"]}
        assert points["+6281234567890"]["contactType"] == agency["channels"][0]["label"]
        assert points[agency["channels"][1]["value"]]["contactType"] == "Situs web"
    else:
        assert data["name"] == RAW["kecamatan-laweyan"]["name"]
        assert "sameAs" not in data  # no active accounts
