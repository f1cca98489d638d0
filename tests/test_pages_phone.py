"""Pages a citizen on a cheap 360 px phone can use (issue 18, points 5 and 6), in Chromium.

The ranked figure beside the name, the contact block above the fold, a district's villages
collapsed, no text under 12 px, feature styles and scripts only where used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from benchmarks.pages import SMALLEST_TEXT

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}
MAIN_PAGES = [
    "",
    "direktori/",
    "cakupan/",
    "aduan/",
    "aduan/metodologi/",
    "instansi/dinas-pupr/",
    "instansi/kecamatan-sukamaju/",
    "pantauan/",
    "cek-akun/",
    "tentang-data/",
]


@pytest.fixture(scope="module")
def demo_url(demo_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(demo_site)


def test_ranked_figure_beside_the_name_without_scrolling_sideways(
    page: Page, demo_url: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(demo_url + "aduan/")
    rows = page.locator("#tabel-peringkat tbody tr")
    assert rows.count() >= 10
    for i in (0, 1, rows.count() - 1):
        row = rows.nth(i)
        row.scroll_into_view_if_needed()
        name = row.locator("th a").bounding_box()
        figure = row.locator("td.k-rank__fig").bounding_box()
        assert name is not None and figure is not None
        # The figure is on the screen, right under the name, not in a column off to the right.
        assert figure["x"] >= 0 and figure["x"] + figure["width"] <= PHONE["width"], figure
        assert 0 <= figure["y"] - name["y"] <= 60, (name, figure)
        expect(row.locator("td.k-rank__fig")).to_contain_text("%")
        expect(row.locator("td.k-rank__fig")).to_be_in_viewport()
    # The interval in words, not "95%: 69,5–72,0%".
    first = rows.first.locator("td.k-rank__fig").inner_text()
    assert "kemungkinan antara" in first and " dan " in first and "95%" not in first, first
    height = rows.first.bounding_box()
    assert height is not None and height["height"] <= 160, height
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # The long definition comes after the numbers, closed.
    about = page.locator("details#cara-peringkat")
    expect(about).not_to_have_attribute("open", "")
    assert page.evaluate(
        "() => document.querySelector('#tabel-peringkat').compareDocumentPosition("
        "document.querySelector('#cara-peringkat')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )


def test_sorting_the_ranking_still_works_on_a_phone(page: Page, demo_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(demo_url + "aduan/")
    table = page.locator("#tabel-peringkat")
    table.locator("thead button", has_text="Aduan (n)").click()
    counts = [
        int(c.get_attribute("data-sort") or 0)
        for c in table.locator("tbody tr td[data-label=Aduan]").all()
    ]
    assert counts == sorted(counts) and len(set(counts)) > 1


def test_contact_block_above_the_fold_on_an_agency_page(page: Page, demo_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(demo_url + "instansi/dinas-pupr/")
    contact = page.locator("article a.k-ch").first
    box = contact.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    # Contact before the accounts (and before the box of accounts no longer official).
    headings = page.locator("article h2").all_inner_texts()
    assert headings.index("Hubungi") < headings.index("Akun resmi"), headings


def test_district_page_is_short_and_a_village_is_two_taps_away(page: Page, demo_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(demo_url + "instansi/kecamatan-sukamaju/")
    # 19,712 px before its villages and statistics were collapsed.
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height <= 4000, height
    village = page.locator("details.k-village").nth(2)
    expect(village).not_to_have_attribute("open", "")
    village.locator("summary").click()
    expect(village).to_have_attribute("open", "")
    contact = village.locator("h4", has_text="Hubungi")
    expect(contact).to_be_visible()
    summary, heading = village.locator("summary").bounding_box(), contact.bounding_box()
    assert summary is not None and heading is not None
    assert 0 < heading["y"] - summary["y"] <= 200, (summary, heading)  # contact right under it


def test_a_link_to_a_village_opens_its_block(page: Page, demo_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(demo_url + "instansi/kecamatan-sukamaju/")
    target = page.locator("details.k-village").nth(5).get_attribute("id")
    page.goto(demo_url + f"instansi/kecamatan-sukamaju/#{target}")
    block = page.locator(f"details#{target}")
    expect(block).to_have_attribute("open", "")
    expect(block.locator("summary")).to_be_in_viewport()


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_no_text_under_12_px(page: Page, demo_url: str, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(demo_url + path)
    # Open every disclosure: text inside one (Material sets it smaller) counts too.
    page.evaluate("() => document.querySelectorAll('article details').forEach(d => d.open = true)")
    least, where = page.evaluate(SMALLEST_TEXT)
    assert least >= 12, f"{path}: {least} px in {where}"


@pytest.mark.parametrize("path", ["aduan/", "pantauan/", "instansi/dinas-kesehatan/"])
def test_a_wide_tables_caption_is_read_without_scrolling_sideways(
    page: Page, demo_url: str, path: str
) -> None:
    """A caption says what a table counts and its n: it wraps inside the screen, and stays in
    view when the table is scrolled sideways."""
    page.set_viewport_size(PHONE)
    page.goto(demo_url + path)
    edges = page.evaluate(
        """() => [...document.querySelectorAll('article .k-table-wrap caption')]
        .filter(c => c.offsetParent !== null)
        .map(c => [c.getBoundingClientRect().right, c.closest('table').scrollWidth, c.textContent])"""
    )
    assert edges and any(wide > PHONE["width"] for _, wide, _ in edges)  # some table is wider
    for right, _, text in edges:
        assert right <= PHONE["width"], f"{path}: caption ends at {right:.0f} px: {text[:60]}"
    wrap = page.locator("article .k-table-wrap:has(caption)").first
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    box = wrap.locator("caption").bounding_box()
    assert box is not None and 0 <= box["x"] < PHONE["width"]


def test_feature_styles_and_search_scripts_load_only_where_used(page: Page, demo_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url.rsplit("/", 1)[-1]))
    page.goto(demo_url + "direktori/")
    page.wait_for_load_state("networkidle")
    assert "aduan.css" not in requested and "pantauan.css" not in requested
    assert "search.js" not in requested and "finder.js" not in requested
    page.goto(demo_url + "aduan/")
    page.wait_for_load_state("networkidle")
    assert "aduan.css" in requested
    expect(page.locator("#tabel-peringkat thead button").first).to_be_visible()
    # The header search still finds agencies: its scripts arrive on first use.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_url + "direktori/")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("pupr")
    expect(page.locator(".k-search a").first).to_be_visible()
    assert "search.js" in requested


def test_home_checker_loads_its_script_on_first_use(page: Page, demo_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url.rsplit("/", 1)[-1]))
    page.goto(demo_url)
    page.wait_for_load_state("networkidle")
    assert "checker.js" not in requested
    page.locator("#k-akun").fill("@nama-yang-tidak-ada-xyz")
    page.locator("form.k-checker button[type=submit]").click()
    expect(page.locator(".k-check-result")).not_to_be_empty()
    assert "checker.js" in requested
