"""Real-browser tests (Debian Chromium via pytest-playwright) of the built static site."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BuildSite = Callable[[Path], Path]

DINKES = "instansi/dinas-kesehatan/"
LAWEYAN = "instansi/kecamatan-laweyan/"


def page_types(site: Path) -> list[str]:
    """Home, directory, coverage, an agency, a district (with villages), a plain content page,
    and the account checker."""
    rows = json.loads((site / "assets/kanal/indeks.json").read_text("utf-8"))["agencies"]
    agency = next(row[3] for row in rows if row[2] == "Dinas")
    district = next(row[3] for row in rows if row[2] == "Kecamatan")
    return ["", "direktori/", "cakupan/", agency, district, "cara-melapor/", "cek-akun/"]


@pytest.fixture(scope="module")
def tiny_url(tiny_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(tiny_site)


@pytest.fixture(scope="module")
def demo_url(demo_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(demo_site)


def search(page: Page, base: str, query: str) -> None:
    """Open the home page and type a query into the finder, as a person would."""
    page.goto(base)
    page.locator("#k-q").press_sequentially(query)


def results(page: Page):
    """The agency links among the finder's results (each result also has a channel link)."""
    return page.locator("#k-results ol li a.k-r-agency")


def copy_tiny(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    return data


def test_finder_service_keyword_to_whatsapp(page: Page, tiny_url: str) -> None:
    search(page, tiny_url, "imunisasi")
    names = results(page).locator(".k-r-name")
    expect(names).to_have_count(1)
    expect(names.first).to_contain_text("Dinas Kesehatan")
    results(page).first.click()
    expect(page).to_have_url(tiny_url + DINKES)
    wa = page.locator("a.k-ch--whatsapp")
    expect(wa).to_have_count(1)
    expect(wa).to_have_attribute("href", "https://wa.me/6281234567890")
    expect(wa).to_be_visible()
    expect(wa).to_contain_text("0812-3456-7890")


@pytest.mark.parametrize("query", ["LAWEYAN", "laweyán", "Laweyan"])
def test_finder_ignores_case_and_accents(page: Page, tiny_url: str, query: str) -> None:
    search(page, tiny_url, query)
    names = results(page).locator(".k-r-name")
    expect(names.first).to_have_text("Kecamatan Laweyan")
    expect(results(page).first).to_have_attribute("href", re.compile(re.escape(LAWEYAN) + "$"))


def test_finder_village_leads_to_section_on_district_page(page: Page, tiny_url: str) -> None:
    search(page, tiny_url, "pajang")
    link = results(page).first
    expect(link.locator(".k-r-name")).to_have_text("Kelurahan Pajang")
    pajang = LAWEYAN + "#kelurahan-pajang"
    expect(link).to_have_attribute("href", re.compile(re.escape(pajang) + "$"))
    link.click()
    expect(page).to_have_url(tiny_url + pajang)
    section = page.locator("details#kelurahan-pajang")  # the village's block, opened
    expect(section).to_have_attribute("open", "")
    expect(section.locator("h3")).to_be_in_viewport()
    wa = section.locator("a.k-ch--whatsapp")
    expect(wa).to_have_attribute("href", "https://wa.me/6281311112222")
    expect(wa).to_be_visible()


def tab_to_finder(page: Page) -> None:
    """Press Tab from the page start until the finder input has focus (bounded)."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "k-q":
            return
    pytest.fail("the finder input #k-q was not reached with 60 Tab presses")


def test_keyboard_only_single_result_navigates(page: Page, tiny_url: str) -> None:
    page.goto(tiny_url)
    tab_to_finder(page)
    page.keyboard.type("imunisasi")
    page.keyboard.press("Enter")
    expect(page).to_have_url(tiny_url + DINKES)
    expect(page.locator("h1")).to_contain_text("Dinas Kesehatan")


def test_keyboard_only_several_results_focus_first(page: Page, tiny_url: str) -> None:
    page.goto(tiny_url)
    tab_to_finder(page)
    page.keyboard.type("pajang bumi")  # two villages named
    page.keyboard.press("Enter")
    expect(results(page)).to_have_count(2)
    first = results(page).first
    expect(first).to_be_focused()
    expect(page).to_have_url(tiny_url)  # no navigation, no ?q= reload
    # Focus must stay there: outlast the finder's 120 ms typing debounce, whose pending
    # re-render must not replace the focused link (focus would fall back to <body>).
    page.wait_for_timeout(300)
    active = page.evaluate(
        "(e => e.closest('#k-results a') ? e.textContent : e.tagName)(document.activeElement)"
    )
    assert active.startswith("Kelurahan Pajang"), f"focus left the first result for <{active}>"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(tiny_url + LAWEYAN + "#kelurahan-pajang") + "$"))


def test_finder_no_result_message(page: Page, tiny_url: str) -> None:
    search(page, tiny_url, "zzqxv blorp")
    expect(page.locator("#k-results")).to_contain_text("Tidak ada instansi yang cocok")
    expect(results(page)).to_have_count(0)


@pytest.mark.parametrize("site", ["tiny", "demo"])
def test_360px_layout_no_horizontal_scroll_and_big_tap_targets(
    page: Page, request: pytest.FixtureRequest, site: str
) -> None:
    base = request.getfixturevalue(f"{site}_url")
    page.set_viewport_size({"width": 360, "height": 780})
    seen_channels = 0
    for path in page_types(request.getfixturevalue(f"{site}_site")):
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path or 'home'}: page is {width}px wide at a 360px viewport"
        # A district's villages are collapsed: open them, their contacts are measured too.
        page.evaluate("document.querySelectorAll('details.k-village').forEach(d => d.open = true)")
        taps = page.locator("a.k-tap")
        for i in range(taps.count()):
            box = taps.nth(i).bounding_box()
            label = taps.nth(i).inner_text().strip().replace("\n", " ")
            assert box is not None, f"{path}: tap target {label!r} is not rendered"
            assert box["height"] >= 44 and box["width"] >= 44, f"{path}: {label!r} is {box}"
        seen_channels += page.locator("a.k-tap.k-ch--whatsapp, a.k-tap.k-ch--phone").count()
    assert seen_channels >= 3  # WhatsApp/phone channels were really measured


def test_no_third_party_requests(page: Page, tiny_url: str) -> None:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(tiny_url)
    page.locator("#k-q").press_sequentially("kesehatan")
    expect(results(page).first).to_be_visible()
    page.goto(tiny_url + DINKES)
    page.wait_for_load_state("networkidle")
    assert any(u.endswith("assets/kanal/indeks.json") for u in urls), urls  # recorder works
    foreign = [u for u in urls if not u.startswith((tiny_url, "data:", "blob:"))]
    assert foreign == []


def assert_demo_banner(page: Page, base: str, site: Path, present: bool) -> None:
    for path in page_types(site):
        page.goto(base + path)
        banner = page.get_by_text("Data contoh")
        if not present:
            expect(banner).to_have_count(0)
            continue
        expect(banner).to_be_visible()
        box = banner.bounding_box()
        header = page.locator("header.md-header").bounding_box()
        assert box is not None and header is not None
        assert box["y"] < header["y"], f"{path}: the demo banner is not above the header"


def test_demo_banner_absent_without_demo_flag(page: Page, tiny_url: str, tiny_site: Path) -> None:
    assert "demo" not in yaml.safe_load((FIXTURES / "tiny" / "region.yml").read_text("utf-8"))
    assert_demo_banner(page, tiny_url, tiny_site, present=False)


def test_demo_banner_on_every_page_of_demo_region(
    page: Page, demo_url: str, demo_site: Path
) -> None:
    assert yaml.safe_load((ROOT / "data" / "region.yml").read_text("utf-8"))["demo"] is True
    assert_demo_banner(page, demo_url, demo_site, present=True)


HOSTILE_NAME = (
    'Dinas <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> **tebal**'
)


def test_hostile_text_stays_text(
    page: Page, tmp_path: Path, build_site: BuildSite, serve_dir: Callable[[Path], str]
) -> None:
    data = copy_tiny(tmp_path)
    dinkes = data / "agencies" / "dinkes.yml"
    agency = yaml.safe_load(dinkes.read_text("utf-8"))
    agency["name"] = HOSTILE_NAME
    agency["services"][0] = "<b>KTP</b>"
    dinkes.write_text(yaml.safe_dump(agency, allow_unicode=True, sort_keys=False), "utf-8")
    base = serve_dir(build_site(data))

    search(page, base, "dinkes")
    name = results(page).locator(".k-r-name").first
    expect(name).to_contain_text('<img src=x onerror="window.__xss=1">')
    expect(name).to_contain_text("<script>window.__xss=2</script>")
    expect(page.locator("#k-results img, #k-results script, #k-results b")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__xss") == "undefined"

    results(page).first.click()
    expect(page).to_have_url(base + DINKES)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__xss") == "undefined"
    h1 = page.locator("article h1").first
    expect(h1).to_contain_text("<script>window.__xss=2</script>")
    expect(h1).to_contain_text("**tebal**")  # not turned into bold by Markdown
    expect(page.locator("article h1 img, article h1 script, article h1 strong")).to_have_count(0)
    expect(page.locator("ul.k-tags li").first).to_have_text("<b>KTP</b>")
    expect(page).to_have_title(re.compile(re.escape("<script>window.__xss=2</script>")))
