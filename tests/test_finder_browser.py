"""The finder in Chromium: the same stems and the same ranking as Python, natural queries typed
into the home finder and the header search, one search experience for a shared /?q= link, and
screenshots at 360 px and 1280 px (written to $KANAL_SCREENSHOTS when set)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from generator.finder.rank import Finder
from generator.finder.stem import dictionary

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "theme" / "assets" / "kanal"
CASES = json.loads((ROOT / "tests" / "cases" / "stem.json").read_text("utf-8"))["cases"]
QUERIES = yaml.safe_load((ROOT / "tests" / "corpora" / "citizen_queries.yml").read_text("utf-8"))
DEV = yaml.safe_load((ROOT / "tests" / "corpora" / "citizen_queries_dev.yml").read_text("utf-8"))
BOUNDARIES = yaml.safe_load(
    (ROOT / "tests" / "corpora" / "finder_boundaries.yml").read_text("utf-8")
)
INDEPENDENT = yaml.safe_load(
    (ROOT / "tests" / "corpora" / "finder_independent.yml").read_text("utf-8")
)
# Cases of single rules, beside the two query sets: a place named with its kind word and a
# typo, its parent named too, a place name reached only through a stem, a real word that is
# no typo of another, a word every village shares.
RULES = [
    "desa tambakkan",
    "kelurahan kuaman",
    "kades jayalaksna",
    "desa margarame kecamatan cibening",
    "kecamatan cibening desa margarame",
    "galian proyek ditutup",
    "hujan deras",
    "kantor desa tutup",
    "surat domisili",
    "kec sukamju",
    "tutup got",
    "desa tutup",
    "tutup",
]
NATURAL = [
    ("ktp hilang", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("jalan berlubang", "Dinas Pekerjaan Umum"),
    ("lampu jalan mati", "Dinas Perhubungan"),
    ("surat pindah", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("bansos belum cair", "Dinas Sosial"),
]


@pytest.fixture(scope="module")
def demo_url(demo_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(demo_site)


@pytest.fixture(scope="module")
def js(browser: Browser) -> Any:
    """A blank page with the finder's scripts loaded; returns an evaluator."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>finder</title>")
    page.add_script_tag(path=str(ASSETS / "kanal-common.js"))
    page.add_script_tag(path=str(ASSETS / "finder.js"))
    yield lambda expression, arg=None: page.evaluate(expression, arg)
    page.close()


def test_stem_cases_in_js(js, demo_site: Path) -> None:
    rules = json.loads((demo_site / "assets" / "kanal" / "finder.json").read_text())["stem"][
        "rules"
    ]
    got = js(
        """([rules, roots, words]) => {
             const stem = Kanal.finder.makeStemmer(rules, roots);
             return words.map(stem);
           }""",
        [rules, sorted(dictionary()), [w for w, _ in CASES]],
    )
    wrong = [(w, s, g) for (w, s), g in zip(CASES, got, strict=True) if s != g]
    assert not wrong, wrong[:10]


def test_js_ranks_as_python_on_the_query_set(js, demo_site: Path) -> None:
    """Every query of both sets and the rules' cases: the same agencies, in the same order,
    with the same scores."""
    assets = demo_site / "assets" / "kanal"
    rows = json.loads((assets / "indeks.json").read_text())["agencies"]
    data = json.loads((assets / "finder.json").read_text())
    queries = [q["q"] for s in ("queries", "places", "rubbish") for q in QUERIES[s]]
    queries += [q["q"] for s in ("queries", "rubbish") for q in DEV[s]] + RULES
    queries += [q for q, _ in NATURAL] + ["kesehtan", "pengaduan", "banjir", "sertifikat tanah"]
    queries += ["gaji gak dibayar", "gaji tdk dibayar", "ktp blm jadi", "air ga ngalir"]
    queries += [q["q"] for s in ("collisions", "elsewhere") for q in BOUNDARIES[s]]
    queries += ["korsleting listrik", "spanduk caleg di tiang listrik", "dirawat inap"]
    queries += [q["q"] for s in ("collisions", "elsewhere", "lookalikes") for q in INDEPENDENT[s]]
    got = js(
        """([rows, data, queries]) => {
             const F = Kanal.finder, stem = F.makeStemmer(data.stem.rules, data.stem.roots.split(" "));
             const ranker = F.makeRanker(data, F.wholePostings(rows, data, stem), rows.length, stem);
             return queries.map(q => { const r = ranker.rank(q); return [r.hits, r.levels, r.total, r.notes]; });
           }""",
        [rows, data, queries],
    )
    finder = Finder(rows, data, Finder.restricted(data))
    differ = []
    for q, (hits, levels, total, notes) in zip(queries, got, strict=True):
        want = finder.rank(q)
        same = [d for d, _ in want.hits] == [d for d, _ in hits] and all(
            abs(a[1] - b[1]) < 1e-4 for a, b in zip(want.hits, hits, strict=True)
        )
        if not same or want.levels != levels or want.total != total or want.notes != notes:
            differ.append((q, want.hits[:3], hits[:3]))
    assert not differ, differ[:5]


def finder_answers(page: Page, query: str) -> list[str]:
    field = page.locator("#k-q")
    field.fill("")
    field.press_sequentially(query)
    status = page.locator("#k-status")
    expect(status).not_to_be_empty()
    page.wait_for_function(
        "q => document.getElementById('k-q').value === q && document.getElementById('k-status').textContent",
        arg=query,
    )
    page.wait_for_timeout(300)  # past the typing debounce: the whole query's answer
    return page.locator("#k-list .k-r .k-r-name").all_inner_texts()


@pytest.mark.parametrize(("query", "first"), NATURAL)
def test_home_finder_answers_natural_queries(
    page: Page, demo_url: str, query: str, first: str
) -> None:
    page.goto(demo_url)
    names = finder_answers(page, query)
    assert names and names[0].startswith(first), names


def test_home_finder_points_to_your_desa(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    names = finder_answers(page, "surat pengantar rt")
    assert names[0] == "Kantor desa/kelurahan Anda"
    page.get_by_role("button", name="Cari desa/kelurahan Anda").click()
    expect(page.locator("#k-q")).to_be_focused()
    expect(page.locator("#k-q")).to_have_value("desa ")


def test_no_good_answer_says_so(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    assert finder_answers(page, "asdfgh") == []
    expect(page.locator("#k-status")).to_have_text(re.compile("^Tidak ada instansi yang cocok"))


def test_a_matter_of_pln_names_pln_and_no_office(page: Page, demo_url: str) -> None:
    """The query "listrik padam" is PLN's: no office, a notice naming PLN 123 and LAPOR!."""
    page.goto(demo_url)
    assert finder_answers(page, "listrik padam") == []
    expect(page.locator("#k-status")).to_have_text(re.compile("^Bukan urusan pemerintah daerah"))
    expect(page.locator("#k-list .k-r-far").first).to_contain_text("PLN 123")
    expect(page.locator("#k-list")).to_contain_text("lapor.go.id")


@pytest.mark.parametrize(("query", "first"), NATURAL)
def test_header_search_answers_natural_queries(
    page: Page, demo_url: str, query: str, first: str
) -> None:
    page.goto(demo_url + "tentang/")
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially(query)
    found = page.locator(".md-search-result .k-search")
    expect(found).to_have_attribute("data-query", query)
    expect(found.locator(".k-search__name").first).to_contain_text(first)


def test_shared_link_opens_one_search(page: Page, demo_url: str) -> None:
    """/?q=ktp+hilang: the home finder answers; Material's search dialog stays closed."""
    page.goto(demo_url + "?q=ktp+hilang")
    expect(page.locator("#k-q")).to_have_value("ktp hilang")
    expect(page.locator("#k-list .k-r-name").first).to_contain_text(NATURAL[0][1])
    page.wait_for_timeout(500)  # Material would have opened its dialog by now
    assert not page.locator("#__search").is_checked()
    assert page.locator(".md-search__input").input_value() == ""
    assert "q=ktp" in page.url  # the address still shares the query


@pytest.mark.parametrize("width", [360, 1280])
def test_finder_screenshots(browser: Browser, demo_url: str, width: int, tmp_path: Path) -> None:
    """The finder with five natural queries; at 360 px nothing is wider than the screen and
    the placeholder fits its box."""
    folder = Path(os.environ.get("KANAL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(demo_url)
    field = page.locator("#k-q")
    fits = field.evaluate(
        """el => { const c = document.createElement('canvas').getContext('2d');
                   const s = getComputedStyle(el); c.font = s.fontSize + ' ' + s.fontFamily;
                   const pad = parseFloat(s.paddingLeft) + parseFloat(s.paddingRight);
                   return c.measureText(el.placeholder).width <= el.clientWidth - pad; }"""
    )
    assert fits, "the finder's placeholder is cut off"
    for n, (query, first) in enumerate(NATURAL):
        names = finder_answers(page, query)
        assert names[0].startswith(first)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.locator(".k-finder").screenshot(path=str(folder / f"finder-{width}-{n + 1}.png"))
    page.close()
