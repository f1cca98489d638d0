"""The header search of every page finds agencies (theme/assets/kanal/search.js), in Chromium."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_url(demo_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(demo_site)


def header_search(page: Page, query: str):
    """Open Material's search dialog as a keyboard user would ("/"), type, return the agencies."""
    page.keyboard.press("/")
    field = page.locator(".md-search__input")
    expect(field).to_be_focused()
    field.press_sequentially(query)
    found = page.locator(".md-search-result .k-search")
    # The results of a shorter prefix can be on screen while the whole query is searched: wait
    # for the whole query's, or a quick ArrowDown/Enter lands on a list being redrawn.
    expect(found).to_have_attribute("data-query", query)
    return found


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("dinkes", "Dinas Kesehatan Kabupaten Contoh (Dinkes)"),
        ("Dinas Kesehatan", "Dinas Kesehatan Kabupaten Contoh (Dinkes)"),
        ("jalan rusak", "Dinas Pekerjaan Umum"),
        ("banjardadi", "Desa Banjardadi"),
        ("kesehtan", "Dinas Kesehatan Kabupaten Contoh (Dinkes)"),  # a typo
    ],
)
def test_header_search_finds_agencies(page: Page, demo_url: str, query: str, first: str) -> None:
    page.goto(demo_url + "tentang/")  # any page: the search is in the header of all
    found = header_search(page, query)
    expect(found.locator(".k-search__head")).to_have_text("Instansi")
    expect(found.locator(".k-search__status")).to_have_text(re.compile(r"^\d+ instansi cocok"))
    expect(found.locator(".k-search__name").first).to_have_text(re.compile("^" + re.escape(first)))
    # Agencies come before Material's page results, and Material keeps its own parts.
    order = page.evaluate(
        "() => Array.from(document.querySelector('.md-search-result').children).map(e => e.className)"
    )
    assert order == ["md-search-result__meta", "k-search", "md-search-result__list"]


def test_header_search_keyboard_opens_an_agency(page: Page, demo_url: str) -> None:
    page.goto(demo_url + "cara-melapor/")
    found = header_search(page, "dinkes")
    expect(found.locator(".k-search__name").first).to_be_visible()
    page.keyboard.press("ArrowDown")  # Material's arrow keys reach the agency links first
    focused = page.evaluate("() => document.activeElement.closest('.k-search') !== null")
    assert focused
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/instansi/dinas-kesehatan/$"))


def test_header_search_enter_opens_the_top_agency(page: Page, demo_url: str) -> None:
    page.goto(demo_url + "direktori/")
    found = header_search(page, "Dinas Kesehatan")
    expect(found.locator(".k-search__name").first).to_be_visible()
    page.locator(".md-search__input").press("Enter")
    expect(page).to_have_url(re.compile(r"/instansi/dinas-kesehatan/$"))


def test_header_search_enter_never_reloads_the_page_as_a_form(page: Page, demo_url: str) -> None:
    # Material claims Enter only while its search toggle is on; when it is off (Material closes
    # it on its own 125 ms after start-up, which a loaded machine or slow phone can reach after
    # the user typed) Enter submitted the form and reloaded the page as ?query=....
    page.goto(demo_url + "direktori/")
    found = header_search(page, "Dinas Kesehatan")
    expect(found.locator(".k-search__name").first).to_be_visible()
    page.evaluate("() => { document.getElementById('__search').checked = false; }")
    page.locator(".md-search__input").press("Enter")
    expect(page).to_have_url(re.compile(r"/instansi/dinas-kesehatan/$"))


def test_header_search_no_agency_and_phone(browser: Browser, demo_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(demo_url + "tentang/")
    page.locator("label.md-header__button[for=__search]").click()
    field = page.locator(".md-search__input")
    field.press_sequentially("zzqxv blorp")
    found = page.locator(".md-search-result .k-search")
    expect(found.locator(".k-search__status")).to_have_text("Tidak ada instansi yang cocok.")
    field.fill("")
    field.press_sequentially("dinkes")
    expect(found.locator(".k-search__name").first).to_be_visible()
    box = found.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
    page.close()


def test_header_search_fetches_the_index_only_when_used(page: Page, demo_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(demo_url + "tentang/")
    page.wait_for_load_state("networkidle")
    assert not any("indeks" in u for u in fetched)
    header_search(page, "dinkes")
    expect(page.locator(".k-search__name").first).to_be_visible()
    assert any("indeks" in u for u in fetched)


@pytest.mark.parametrize("width", [360, 1280])
def test_header_search_results_have_no_serious_axe_violations(
    browser: Browser, demo_url: str, width: int
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(demo_url + "tentang/")
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("dinkes")
    expect(page.locator(".k-search__name").first).to_be_visible()
    response = Axe().run(page).response
    assert response["passes"], "axe did not run"
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.close()


def is_search_load(url: str) -> bool:
    """Material's search worker, its index or its lunr language files."""
    return bool(re.search(r"/search/search_index\.json|/workers/search\.|/lunr/", url))


def test_search_worker_and_index_load_on_first_use_only(page: Page, demo_url: str) -> None:
    # Material starts its worker and fetches the index as it starts, on every page (issue 18:
    # ~22 KB gzip of a first load); theme/main.html holds both until the search box is used.
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(demo_url + "tentang/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # Material asked for both right after start-up
    page.mouse.wheel(0, 400)  # reading the page is no use of the search box
    page.wait_for_timeout(200)
    assert [u for u in fetched if is_search_load(u)] == []
    assert page.evaluate("() => !!document.querySelector('.md-header')")  # the bundle ran
    header_search(page, "metodologi")
    # Material's own page results arrive: the worker built its index from search_index.json.
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"^\d+ dokumen ditemukan$")
    )
    expect(page.locator(".md-search-result__list > li").first).to_be_visible()
    assert any("/search/search_index.json" in u for u in fetched)
    assert any("/workers/search." in u for u in fetched)


def test_search_on_a_phone_tap_loads_and_answers(browser: Browser, demo_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740}, has_touch=True)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(demo_url + "cara-melapor/")
    page.wait_for_load_state("networkidle")
    assert [u for u in fetched if is_search_load(u)] == []
    page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").press_sequentially("data terbuka")
    expect(page.locator(".md-search-result__list > li").first).to_be_visible()
    assert any("/search/search_index.json" in u for u in fetched)
    page.close()


def test_shared_search_link_still_opens_material_search(page: Page, demo_url: str) -> None:
    # A ?q= link on any page but home (where the finder answers it) opens Material's search
    # with the query and its results, though nothing was loaded before.
    page.goto(demo_url + "tentang/?q=metodologi")
    expect(page.locator(".md-search__input")).to_have_value("metodologi")
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"^\d+ dokumen ditemukan$")
    )
    expect(page.locator(".md-search-result__list > li").first).to_be_visible()


def test_other_scripts_requests_pass_through(page: Page, demo_url: str) -> None:
    # The wrappers touch only Material's worker and index: any other worker and request works.
    page.goto(demo_url + "tentang/")
    got = page.evaluate(
        """async () => {
      const w = new Worker(URL.createObjectURL(new Blob(["postMessage(6 * 7)"])));
      const fromWorker = await new Promise(r => { w.onmessage = e => r(e.data); });
      const x = new XMLHttpRequest();
      x.open("GET", "../sitemap.xml");
      const status = await new Promise(r => { x.onload = () => r(x.status); x.send(); });
      return [fromWorker, w instanceof Worker, status];
    }"""
    )
    assert got == [42, True, 200]
