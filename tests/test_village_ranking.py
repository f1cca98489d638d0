"""Villages' complaint figures: per district on aduan/desa/, not in the index ranking."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.build.pipeline import check, compute_figures, folder_pages
from generator.site.stage import write_docs
from tests.complaints_util import HEADER, make_data
from tests.conftest import TODAY
from tests.test_a11y import serious_violations

HOSTILE = 'Kelurahan <script>alert(1)</script> & "Kauman"'
# A second district with one village whose name is hostile markup.
SERENGAN = f"""\
- id: kecamatan-serengan
  name: Kecamatan Serengan
  kind: kecamatan
  region_code: "33.72.02"
- id: kelurahan-kauman
  name: '{HOSTILE}'
  kind: kelurahan
  parent: kecamatan-serengan
  region_code: "33.72.02.1001"
"""


def _rows(agency: str, n: int, late: int = 1) -> str:
    """``n`` records of February 2026, each answered ``late`` days after it was received."""
    return "".join(
        f"{agency}-{i},{agency},lapor,layanan kesehatan,2026-02-{i + 2:02d}T09:00+07:00,"
        f"2026-02-{i + 2 + late:02d}T09:00+07:00,,open,,\n"
        for i in range(n)
    )


RECORDS = (
    HEADER
    + _rows("bappeda", 8)
    + _rows("kecamatan-laweyan", 4, late=3)
    + _rows("kelurahan-pajang", 6, late=2)
    + _rows("kelurahan-bumi", 2)  # fewer than min_records (3): unranked
    + _rows("kelurahan-kauman", 3, late=9)
)


def _site(tmp_path: Path, records: str = RECORDS, extra: bool = True):
    data = make_data(tmp_path, {"a.csv": records})
    if extra:
        (data / "agencies" / "serengan.yml").write_text(SERENGAN, encoding="utf-8")
    inputs, problems = check(data, TODAY)
    assert inputs is not None and inputs.complaints is not None, problems.sorted()
    figures = compute_figures(inputs)
    assert figures.complaints is not None
    docs = tmp_path / "docs"
    docs.mkdir()
    write_docs(inputs.directory, tmp_path / "content", docs, figures, inputs.complaints)
    folder_pages(docs)
    return docs, figures.complaints


def _parse(docs: Path, src: str) -> BeautifulSoup:
    return BeautifulSoup((docs / src).read_text("utf-8"), "html.parser")


def _front(docs: Path, src: str) -> dict:
    return yaml.safe_load((docs / src).read_text("utf-8").split("---\n")[1])


def _table(soup: BeautifulSoup, table_id: str) -> list[tuple[str, str, str, str]]:
    """(rank cell, name, href, n) of each row."""
    return [
        (
            tr.td.get_text(),
            tr.th.get_text(),
            tr.th.a["href"],
            tr.find_all("td")[1].get_text(),
        )
        for tr in soup.find("table", id=table_id).tbody("tr")
    ]


def test_index_ranking_lists_no_village_and_keeps_global_ranks(tmp_path):
    docs, f = _site(tmp_path)
    rank = {r["agency"]: str(r["rank"]) for r in f.of("agency")}
    page = _parse(docs, "aduan/index.md")
    assert _table(page, "tabel-peringkat") == [
        (rank["bappeda"], "Bappeda", "../instansi/bappeda/#kinerja-aduan", "8"),
        (
            rank["kecamatan-laweyan"],
            "Kecamatan Laweyan",
            "../instansi/kecamatan-laweyan/#kinerja-aduan",
            "4",
        ),
    ]
    assert rank["kelurahan-pajang"] == "2"  # a village between the two: the ranks skip it
    assert (rank["bappeda"], rank["kecamatan-laweyan"]) == ("1", "3")
    note = " ".join(page.find("p", id="peringkat-desa").get_text().split())
    assert note == (
        "Nomor peringkat di tabel ini adalah peringkat di antara semua 4 instansi yang diberi "
        "peringkat, termasuk desa/kelurahan, sehingga nomornya bisa melompat. Tabel ini hanya "
        "memuat instansi yang punya halaman sendiri; angka 3 desa/kelurahan dengan aduan "
        "tercantum per kecamatan di halaman Peringkat desa/kelurahan, dan semuanya ada di "
        "data terbuka."
    )
    links = {a.get_text(): a["href"] for a in page.find("p", id="peringkat-desa")("a")}
    assert links == {"Peringkat desa/kelurahan": "../aduan/desa/", "data terbuka": "#unduhan"}
    assert page.find("table", id="tabel-peringkat").caption.get_text() == (
        "Peringkat instansi yang punya halaman sendiri, 1 Januari 2026 – 31 Oktober 2026 "
        "(2 instansi; peringkat di antara semua instansi, termasuk desa/kelurahan). "
        "Median tanggapan pertama: dari aduan yang sudah ditanggapi."
    )


def test_district_page_lists_exactly_its_villages_by_rank_unranked_last(tmp_path):
    docs, f = _site(tmp_path)
    page = _parse(docs, "aduan/desa/kecamatan-laweyan/index.md")
    assert _table(page, "tabel-peringkat-desa") == [
        ("2", "Kelurahan Pajang", "../../../instansi/kecamatan-laweyan/#kelurahan-pajang", "6"),
        (
            "data belum cukup",
            "Kelurahan Bumi",
            "../../../instansi/kecamatan-laweyan/#kelurahan-bumi",
            "2",
        ),
    ]
    other = _parse(docs, "aduan/desa/kecamatan-serengan/index.md")
    assert [row[:2] for row in _table(other, "tabel-peringkat-desa")] == [("4", HOSTILE)]
    assert f.agency("kelurahan-kauman")["rank"] == 4
    index = _parse(docs, "aduan/desa/index.md")
    rows = [
        [cell.get_text() for cell in tr(["th", "td"])]
        for tr in index.find("table", id="tabel-kecamatan").tbody("tr")
    ]
    assert rows == [
        ["Kecamatan Laweyan", "33.72.01", "2", "1"],
        ["Kecamatan Serengan", "33.72.02", "1", "1"],
    ]


def test_hostile_village_name_is_escaped(tmp_path):
    docs, _ = _site(tmp_path)
    text = (docs / "aduan/desa/kecamatan-serengan/index.md").read_text("utf-8")
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Kauman&#34;" in text
    assert not BeautifulSoup(text, "html.parser").find("script", string="alert(1)")


def _target(docs: Path, page_url: str, href: str) -> tuple[Path, str]:
    path, _, fragment = href.partition("#")
    url = posixpath.normpath(posixpath.join(page_url, path)) if path else page_url
    url = "" if url == "." else url.strip("/")
    # MkDocs serves x/index.md and x.md at x/; files (data/figures.csv) as they are.
    for source in (docs / url / "index.md", docs / f"{url}.md", docs / url):
        if source.is_file():
            return source, fragment
    return docs / url, fragment


def test_links_of_the_village_pages_and_district_pages_resolve(tmp_path):
    docs, _ = _site(tmp_path)
    pages = {
        "aduan/": "aduan/index.md",
        "aduan/desa/": "aduan/desa/index.md",
        "aduan/desa/kecamatan-laweyan/": "aduan/desa/kecamatan-laweyan/index.md",
        "aduan/desa/kecamatan-serengan/": "aduan/desa/kecamatan-serengan/index.md",
        "instansi/kecamatan-laweyan/": "instansi/kecamatan-laweyan/index.md",
        "instansi/kecamatan-serengan/": "instansi/kecamatan-serengan/index.md",
    }
    checked = 0
    for url, src in pages.items():
        for a in _parse(docs, src)("a", href=True):
            if a["href"].startswith(("http", "mailto:", "tel:", "https:")):
                continue
            if "aduan/desa" not in src and "desa" not in a["href"]:
                continue  # the other pages' links are tested elsewhere
            target, fragment = _target(docs, url, a["href"])
            assert target.is_file(), (src, a["href"])
            if fragment:
                soup = _parse(docs, str(target.relative_to(docs)))
                assert soup.find(id=fragment) is not None, (src, a["href"])
            checked += 1
    assert checked > 20
    # Each district's page links to its villages' figures, with or without its own section.
    for district in ("kecamatan-laweyan", "kecamatan-serengan"):
        page = _parse(docs, f"instansi/{district}/index.md")
        link = page.find("a", string="Aduan desa/kelurahan di kecamatan ini")
        assert link["href"] == f"../../aduan/desa/{district}/"


def test_village_pages_are_out_of_search_and_nav_and_the_index_is_not(tmp_path):
    docs, _ = _site(tmp_path)
    for src in (
        "aduan/desa/index.md",
        "aduan/desa/kecamatan-laweyan/index.md",
        "aduan/desa/kecamatan-serengan/index.md",
    ):
        assert _front(docs, src)["search"] == {"exclude": True}, src
    assert _front(docs, "aduan/desa/index.md")["title"] == "Peringkat desa/kelurahan"
    assert (
        _front(docs, "aduan/desa/kecamatan-serengan/index.md")["title"]
        == "Peringkat desa/kelurahan: Kecamatan Serengan"
    )
    assert "search" not in _front(docs, "aduan/index.md")
    nav = (Path(__file__).parent.parent / "mkdocs.yml").read_text("utf-8")
    assert "aduan/desa" not in nav


def test_no_village_complaints_no_pages_and_no_sentence(tmp_path):
    docs, _ = _site(tmp_path, HEADER + _rows("bappeda", 5), extra=False)
    assert not (docs / "aduan" / "desa").exists()
    page = _parse(docs, "aduan/index.md")
    assert page.find(id="peringkat-desa") is None
    assert page.find("table", id="tabel-peringkat").caption.get_text() == (
        "Peringkat instansi, 1 Januari 2026 – 31 Oktober 2026 (1 instansi dengan aduan). "
        "Median tanggapan pertama: dari aduan yang sudah ditanggapi."
    )
    assert (
        "Aduan desa/kelurahan" not in _parse(docs, "instansi/kecamatan-laweyan/index.md").get_text()
    )


@pytest.fixture(scope="module")
def village_site(build_site, tmp_path_factory) -> Path:
    """The whole build (MkDocs included) of the region with village complaints."""
    root = tmp_path_factory.mktemp("villages")
    data = make_data(root, {"a.csv": RECORDS})
    (data / "agencies" / "serengan.yml").write_text(SERENGAN, encoding="utf-8")
    return build_site(data)


def test_built_site_serves_the_pages_outside_search_and_nav(village_site):
    for url in ("aduan/desa/", "aduan/desa/kecamatan-laweyan/", "aduan/desa/kecamatan-serengan/"):
        assert (village_site / url / "index.html").is_file(), url
    index = json.loads((village_site / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert locations and not [loc for loc in locations if loc.startswith("aduan/desa")]
    home = BeautifulSoup((village_site / "index.html").read_text("utf-8"), "html.parser")
    assert not home.select('nav a[href*="aduan/desa"]')


@pytest.mark.browser
@pytest.mark.parametrize("url", ["aduan/desa/", "aduan/desa/kecamatan-serengan/"])
def test_village_pages_have_no_serious_axe_violations(page, village_site, serve_dir, url):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(serve_dir(village_site) + url)
    assert page.locator("h1").first.inner_text().startswith("Peringkat desa/kelurahan")
    assert serious_violations(page) == []
