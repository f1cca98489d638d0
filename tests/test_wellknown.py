"""For fact-checkers and platforms: /.well-known/ files in the built site (MkDocs alone would
drop the dot-folder), security.txt (RFC 9116), rel="me" links, and what agency pages show."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build.pipeline import check, publishing_warnings
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from generator.site.wellknown import security_txt
from tests.conftest import FIXTURES, ROOT, TODAY

SITE_URL = "https://kanal.kotauji.go.id/"


@pytest.fixture(scope="module")
def tiny_with_url(build_site, tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    region = data / "region.yml"
    region.write_text(
        region.read_text(encoding="utf-8") + f"site_url: {SITE_URL}\n", encoding="utf-8"
    )
    return build_site(data)


def test_official_list_is_published_with_every_active_account_and_domain(demo_site: Path):
    path = demo_site / ".well-known" / "kanal-official.json"
    doc = json.loads(path.read_text("utf-8"))
    assert (doc["format"], doc["version"]) == ("kanal-official", 1)
    directory = load_directory(ROOT / "data", TODAY, Problems())
    active = {
        (a.platform.value, a.url) for ag in directory.agencies.values() for a in ag.active_accounts
    }
    assert {(r["platform"], r["url"]) for r in doc["accounts"]} == active
    archived = [
        a for ag in directory.agencies.values() for a in ag.accounts if a.status.value == "archived"
    ]
    assert archived and not {a.url for a in archived} & {r["url"] for r in doc["accounts"]}
    assert {"agency": None, "domain": "contohkab.go.id", "subdomains": True} in doc["web_domains"]
    assert doc["apps"][0]["google_play"] == "id.go.contohkab.melayani"
    assert doc["agencies"]["bapenda"]["page"] == "instansi/bapenda/"


def test_security_txt_follows_rfc_9116(tiny_with_url: Path):
    text = (tiny_with_url / ".well-known" / "security.txt").read_text("utf-8")
    fields = [line.split(": ", 1) for line in text.splitlines() if not line.startswith("#")]
    names = [name for name, _ in fields]
    assert names.count("Expires") == 1 and "Contact" in names
    contacts = [v for n, v in fields if n == "Contact"]
    assert contacts == ["mailto:kominfo@example.go.id", "https://diskominfo.example.go.id"]
    expires = dt.datetime.fromisoformat(dict(fields)["Expires"].replace("Z", "+00:00"))
    built = dt.datetime.combine(TODAY, dt.time(), dt.UTC)
    assert dt.timedelta(days=300) < expires - built < dt.timedelta(days=365)
    assert dict(fields)["Canonical"] == SITE_URL + ".well-known/security.txt"
    doc = json.loads((tiny_with_url / ".well-known" / "kanal-official.json").read_text("utf-8"))
    assert doc["agencies"]["dinas-kesehatan"]["page"] == SITE_URL + "instansi/dinas-kesehatan/"


def test_security_txt_is_reproducible_and_absent_without_any_contact():
    directory = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert security_txt(directory) == security_txt(directory)
    publisher = directory.region.publisher
    bare = type(publisher)(publisher.name, None, None, None, ())
    directory.region = type(directory.region)(**{**directory.region.__dict__, "publisher": bare})
    assert security_txt(directory) is None


def test_rel_me_only_for_the_pages_own_active_accounts(demo_site: Path):
    directory = load_directory(ROOT / "data", TODAY, Problems())
    pemda = directory.agencies["pemerintah-kabupaten-contoh"]
    soup = BeautifulSoup(
        (demo_site / "instansi" / pemda.id / "index.html").read_text("utf-8"), "html.parser"
    )
    me = {a["href"] for a in soup.select('a[rel~="me"]')}
    assert me == {a.url for a in pemda.active_accounts}
    assert any(a.status.value == "archived" for a in pemda.accounts)
    # A district page holds its villages: their accounts are not the district's identity.
    district = directory.agencies["kecamatan-sukamaju"]
    soup = BeautifulSoup(
        (demo_site / "instansi" / district.id / "index.html").read_text("utf-8"), "html.parser"
    )
    assert {a["href"] for a in soup.select('a[rel~="me"]')} == {
        a.url for a in district.active_accounts
    }


def test_agency_page_shows_other_channels_and_never_block(demo_site: Path):
    soup = BeautifulSoup(
        (demo_site / "instansi" / "bapenda" / "index.html").read_text("utf-8"), "html.parser"
    )
    official = soup.select_one("ul.k-official").get_text(" ")
    assert "PAJAKCONTOH" in official and "001.221.0000123" in official
    assert "RKUD Kabupaten Contoh" in official and "BAPENDA KAB CONTOH" in official
    never = soup.select_one(".k-never")
    items = [li.get_text(" ", strip=True) for li in never.select("li")]
    # Bapenda's own statements first, then the region's it does not repeat.
    assert items[0].startswith("meminta transfer ke rekening pribadi")
    assert any(i.startswith("meminta kode OTP") for i in items)
    assert soup.select_one('a[href$="poster/bapenda.html"]') is not None
    # Known impostors of this agency, with their notice; never as links to the fake.
    warn = soup.find(id="peniru-bapenda").parent
    assert "BAPENDA-CTH" in warn.get_text() and "0021-01-034567-50-8" in warn.get_text()
    hrefs = [a["href"] for a in warn.select("a")]
    assert hrefs and all(h.startswith("https://bapenda.contohkab.go.id/berita/") for h in hrefs)
    # A village's statements and bank account sit in its section of the district page.
    district = BeautifulSoup(
        (demo_site / "instansi" / "kecamatan-sukamaju" / "index.html").read_text("utf-8"),
        "html.parser",
    )
    village = district.find(id="desa-ciherang-sukamaju")
    assert "RKD Desa Ciherang" in village.get_text(" ")
    assert village.select_one(".k-never") is not None


def test_factcheck_page_is_in_the_menu_and_documents_the_files(demo_site: Path):
    html = (demo_site / "pemeriksa-fakta" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h1").get_text() == "Untuk pemeriksa fakta dan platform"
    hrefs = {a.get("href") for a in soup.select("article a")}
    assert "../.well-known/kanal-official.json" in hrefs
    assert "../assets/kanal/indeks.json" in hrefs
    home = BeautifulSoup((demo_site / "index.html").read_text("utf-8"), "html.parser")
    assert any("pemeriksa-fakta/" in (a.get("href") or "") for a in home.select("nav a"))
    assert (demo_site / ".well-known" / "security.txt").exists()


def site_url_warnings(data: Path) -> list[str]:
    inputs, problems = check(data, TODAY)
    assert inputs is not None
    publishing_warnings(data, inputs.directory, problems)
    return [str(p) for p in problems.warnings if p.field == "site_url"]


def test_check_warns_about_a_missing_site_url_for_a_real_region_only(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    lines = site_url_warnings(data)
    assert len(lines) == 1 and "kode QR pada poster" in lines[0]
    region = data / "region.yml"
    region.write_text(region.read_text("utf-8") + f"site_url: {SITE_URL}\n", encoding="utf-8")
    assert site_url_warnings(data) == []
    assert site_url_warnings(ROOT / "data") == []  # the demo is served from anywhere
