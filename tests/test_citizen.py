"""What a citizen does on the demo site, in Debian Chromium: check an account, find an agency.

Covers the checker's outcomes for each input form, the finder's typo tolerance and channel
tap targets, keyboard-only use, and the pages without JavaScript.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PUPR = "instansi/dinas-pupr/"
DAMKAR = "instansi/dinas-damkar/"
BPBD = "instansi/bpbd/"
REPORT = "cara-melapor/#menemukan-akun-palsu"


@pytest.fixture(scope="module")
def demo_url(demo_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(demo_site)


def verdict(page: Page, base: str, text: str, path: str = "cek-akun/"):
    """Type ``text`` into the checker on ``path``, press Enter, return the answer region."""
    page.goto(base + path)
    field = page.locator("#k-akun")
    field.fill(text)
    field.press("Enter")
    result = page.locator(".k-check-result")
    expect(result.locator(".k-verdict").first).to_be_visible()
    return result


OFFICIAL = [
    # profile URLs in every form a platform uses
    ("https://www.instagram.com/dpuprkab.contoh/", PUPR, "Akun Instagram @dpuprkab.contoh"),
    ("instagram.com/dpuprkab.contoh", PUPR, "sejak 18 Juli 2017"),
    ("http://m.instagram.com/DPUPRKAB.CONTOH?igshid=MzRlODBiNWFlZA==", PUPR, "Instagram"),
    ("www.instagram.com/dpuprkab.contoh/", PUPR, "Instagram"),
    ("https://x.com/damkar_contoh", DAMKAR, "Akun X (Twitter) @damkar_contoh"),
    ("twitter.com/Damkar_Contoh/", DAMKAR, "X (Twitter)"),
    ("https://mobile.twitter.com/damkar_contoh?s=20", DAMKAR, "X (Twitter)"),
    ("https://web.facebook.com/damkar.kabcontoh/?ref=page_internal", DAMKAR, "Facebook"),
    ("https://www.tiktok.com/@damkar.contoh?lang=id", DAMKAR, "TikTok"),
    ("youtube.com/@DamkarKabContoh/videos", DAMKAR, "YouTube"),
    ("https://www.threads.net/@dpuprkab.contoh", PUPR, "Threads"),
    # bare handles, with and without @
    ("@damkar_contoh", DAMKAR, "Akun X (Twitter) @damkar_contoh"),
    ("dpuprkab.contoh", PUPR, "Pastikan platformnya sama"),
    # phone and WhatsApp numbers in the common Indonesian forms
    ("0877-9596-5486", PUPR, "nomor WhatsApp resmi"),
    ("0877 9596 5486", PUPR, "nomor WhatsApp resmi"),
    ("+62 877-9596-5486", PUPR, "nomor WhatsApp resmi"),
    ("6287795965486", PUPR, "nomor WhatsApp resmi"),
    ("wa.me/6287795965486", PUPR, "nomor WhatsApp resmi"),
    ("https://wa.me/6287795965486?text=Halo", PUPR, "nomor WhatsApp resmi"),
    ("(0298) 430321", PUPR, "nomor telepon resmi"),
    # a website account
    ("https://pusdalops.contohkab.go.id/", BPBD, "milik resmi"),
]


def test_checker_official_in_every_input_form(page: Page, demo_url: str) -> None:
    page.goto(demo_url + "cek-akun/")
    field, result = page.locator("#k-akun"), page.locator(".k-check-result")
    for text, agency, says in OFFICIAL:
        result.evaluate("node => { node.textContent = ''; }")  # no stale answer can pass
        field.fill(text)
        field.press("Enter")
        box = result.locator(".k-verdict--official")
        expect(box, text).to_have_count(1)
        expect(box.locator(".k-verdict__title"), text).to_have_text(re.compile("Resmi"))
        expect(box, text).to_contain_text(says)
        expect(box.locator(f'a[href$="{agency}"]').first, text).to_be_visible()
        expect(result.locator(".k-verdict--unknown, .k-verdict--archived"), text).to_have_count(0)


@pytest.mark.parametrize("text", ["@bpbd_contoh", "https://www.instagram.com/bpbd_contoh/"])
def test_checker_archived_warns(page: Page, demo_url: str, text: str) -> None:
    result = verdict(page, demo_url, text)
    box = result.locator(".k-verdict--archived")
    expect(box.locator(".k-verdict__title")).to_have_text(re.compile("Bukan lagi akun resmi"))
    expect(box).to_contain_text("tidak lagi berbicara atas nama instansi")
    expect(box).to_contain_text("Jangan kirim data pribadi")
    expect(box.locator(f'a[href$="{BPBD}"]')).to_have_text(
        re.compile("Badan Penanggulangan Bencana")
    )
    expect(result.locator(".k-verdict--official")).to_have_count(0)


def test_checker_inactive_account(page: Page, demo_url: str) -> None:
    result = verdict(page, demo_url, "twitter.com/BPBDKabContoh")
    box = result.locator(".k-verdict--inactive")
    expect(box).to_contain_text("tidak aktif lagi")
    expect(box.locator(f'a[href$="{BPBD}"]')).to_have_count(1)


UNKNOWN = [
    # impostor patterns: not registered, and named as looking like the official account
    ("@dpuprkab.contoh.official", "Akun @dpuprkab.contoh.official tidak ada"),
    ("https://www.instagram.com/dpupr_kabcontoh_/", "Akun Instagram @dpupr_kabcontoh_"),
    ("x.com/damkar_contoh1", "Akun X (Twitter) @damkar_contoh1"),
    ("0812-1111-2222", "Nomor 0812-1111-2222 tidak ada dalam daftar kontak"),
    ("wa.me/6281211112222", "Nomor wa.me/6281211112222"),
]


def test_checker_not_in_registry(page: Page, demo_url: str) -> None:
    page.goto(demo_url + "cek-akun/")
    field, result = page.locator("#k-akun"), page.locator(".k-check-result")
    for text, says in UNKNOWN:
        result.evaluate("node => { node.textContent = ''; }")
        field.fill(text)
        field.press("Enter")
        box = result.locator(".k-verdict--unknown")
        expect(box.locator(".k-verdict__title"), text).to_have_text(re.compile("Tidak terdaftar"))
        expect(box, text).to_contain_text(says)
        # The registry may be incomplete: say whom to ask, rather than calling the account fake.
        expect(box, text).to_contain_text(
            "Daftar ini disusun oleh Dinas Komunikasi dan Informatika Kabupaten Contoh dan bisa "
            "belum lengkap: yang tidak terdaftar belum tentu palsu"
        )
        ask = box.locator(".k-ask")
        expect(ask, text).to_have_text(
            "Yakin akun atau nomor ini milik instansi? Tanyakan kepada Dinas Komunikasi dan "
            "Informatika Kabupaten Contoh: diskominfo@contohkab.go.id, (0298) 521000 atau "
            "diskominfo.contohkab.go.id; mereka dapat memeriksa dan menambahkannya ke daftar."
        )
        expect(ask.get_by_role("link", name="(0298) 521000")).to_have_attribute(
            "href", "tel:+62298521000"
        )
        expect(ask.get_by_role("link", name="diskominfo@contohkab.go.id")).to_have_attribute(
            "href", "mailto:diskominfo@contohkab.go.id"
        )
        report = box.get_by_role("link", name="Cara melaporkan akun palsu")
        expect(report, text).to_have_attribute("href", re.compile(re.escape(REPORT) + "$"))
    report.click()
    expect(page).to_have_url(demo_url + REPORT)


def test_checker_unknown_site_warns_and_says_whom_to_ask(page: Page, demo_url: str) -> None:
    result = verdict(page, demo_url, "https://www.instagram.com.evil.example/dpuprkab.contoh")
    box = result.locator(".k-verdict--unknown")
    expect(box).to_contain_text("Situs www.instagram.com.evil.example/dpuprkab.contoh tidak ada")
    expect(box).to_contain_text("jangan kirim uang, kode OTP, PIN, atau data pribadi")
    expect(box.locator(".k-ask")).to_contain_text("Tanyakan kepada Dinas Komunikasi")
    expect(result.locator(".k-verdict--official")).to_have_count(0)


def test_checker_reads_words_as_a_page_or_sender_name(page: Page, demo_url: str) -> None:
    # One box for anything: words without a handle, link or number are read as a name (a
    # Facebook page, an SMS sender), not refused; none is official.
    result = verdict(page, demo_url, "halo apa kabar")
    expect(result.locator(".k-verdict--unknown")).to_have_count(1)
    expect(result.locator(".k-verdict--official")).to_have_count(0)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("https://www.instagram.com/p/CxYz123abc/", "bukan alamat profil akun"),
        ("0812", "bukan nomor telepon Indonesia yang lengkap"),
    ],
)
def test_checker_unreadable_input_explains(page: Page, demo_url: str, text: str, says: str) -> None:
    result = verdict(page, demo_url, text)
    expect(result.locator(".k-verdict--invalid")).to_contain_text(says)


def test_checker_text_is_inserted_as_text(page: Page, demo_url: str) -> None:
    result = verdict(page, demo_url, "https://evil.example/<img src=x onerror=window.__xss=1>")
    expect(result.locator("img")).to_have_count(0)
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_checker_on_home_page_by_keyboard_alone(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "k-akun":
            break
    else:
        pytest.fail("the checker input was not reached by Tab")
    page.keyboard.type("@dpuprkab.contoh")
    page.keyboard.press("Enter")
    region = page.locator(".k-check-result")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(region.locator(".k-verdict--official")).to_contain_text("Dinas Pekerjaan Umum")
    page.keyboard.press("Tab")  # the "Periksa" button
    page.keyboard.press("Tab")  # then the agency link in the answer
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and focused.endswith(PUPR), focused
    page.keyboard.press("Enter")
    expect(page).to_have_url(demo_url + PUPR)


def test_home_checker_answers_an_enter_pressed_before_its_script_loads(
    page: Page, demo_url: str
) -> None:
    # The home page loads checker.js on first touch; Enter in the text box before it arrives
    # must not become a new line that is never checked.
    def late(route):
        time.sleep(1.0)
        route.continue_()

    page.route("**/assets/kanal/checker.js", late)
    page.goto(demo_url)
    page.locator("#k-akun").focus()
    page.keyboard.type("@dpuprkab.contoh")
    page.keyboard.press("Enter")
    expect(page.locator(".k-check-result .k-verdict--official").first).to_contain_text(
        "Dinas Pekerjaan Umum", timeout=10_000
    )
    expect(page.locator("#k-akun")).to_have_value("@dpuprkab.contoh")


def test_checker_deep_link(page: Page, demo_url: str) -> None:
    page.goto(demo_url + "cek-akun/?akun=%40bpbd_contoh")
    expect(page.locator("#k-akun")).to_have_value("@bpbd_contoh")
    expect(page.locator(".k-check-result .k-verdict--archived")).to_be_visible()


def finder(page: Page, base: str, query: str):
    page.goto(base)
    page.locator("#k-q").press_sequentially(query)
    return page.locator("#k-results ol li")


FINDS = [
    ("jalan rusak", PUPR),
    ("Jalan Rusak", PUPR),
    ("jalan rusak di desa saya", PUPR),  # filler words need not match
    ("jalan rsak", PUPR),  # typo: one letter missing
    ("jlaan rusak", PUPR),  # typo: two letters swapped
    ("KTP", "instansi/dinas-dukcapil/"),
    ("banjir", BPBD),
    ("banjri", BPBD),
    ("beasiswa", "instansi/dinas-pendidikan/"),
    ("beasisaw", "instansi/dinas-pendidikan/"),
    ("pendidkan", "instansi/dinas-pendidikan/"),
    ("kependudukn", "instansi/dinas-dukcapil/"),
    ("sukamaju", "instansi/kecamatan-sukamaju/"),
]


def test_finder_first_result(page: Page, demo_url: str) -> None:
    """Problems, services and places; case, filler words and small typos do not matter."""
    page.goto(demo_url)
    field, status = page.locator("#k-q"), page.locator("#k-status")
    for query, agency in FINDS:
        field.fill("")
        expect(status).to_have_text("")
        field.press_sequentially(query)
        first = page.locator("#k-results ol li a.k-r-agency").first
        expect(first, query).to_have_attribute("href", re.compile(re.escape(agency) + "$"))


def test_finder_result_offers_whatsapp_tap_target(page: Page, demo_url: str) -> None:
    items = finder(page, demo_url, "jalan rusak")
    status = page.locator("#k-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text(re.compile(r"^\d+ instansi cocok"))
    wa = items.first.locator("a.k-tap.k-ch--whatsapp")
    expect(wa).to_have_attribute("href", "https://wa.me/6287795965486")
    expect(wa).to_contain_text("Chat WhatsApp")
    expect(wa).to_contain_text("0877-9596-5486")
    # Measured in the page in one step: the list may be re-rendered (index loaded, last
    # keystroke) between a locator's lookup and a separate bounding_box() call.
    expect(wa).to_be_visible()
    width, height = wa.evaluate(
        "e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height]"
    )
    assert height >= 44 and width >= 44


def test_finder_short_words_need_exact_match(page: Page, demo_url: str) -> None:
    """Typos are tolerated from 4 letters on: 'kpt' must not pull in 'KTP'."""
    finder(page, demo_url, "kpt")
    expect(page.locator("#k-status")).to_contain_text("Tidak ada instansi yang cocok")


def test_finder_keyboard_arrow_and_enter(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    page.locator("#k-q").focus()
    page.keyboard.type("puskesmas")
    expect(page.locator("#k-results ol li").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    first = page.locator("#k-results a.k-r-agency").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#k-results a.k-r-agency").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(first).to_be_focused()
    href = first.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href.removeprefix("./")) + "$"))


def test_jalan_rusak_on_360px_by_keyboard(browser: Browser, demo_url: str) -> None:
    """The issue's "done when": at 360 px, keyboard only, find who fixes a broken road."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True)
    page = context.new_page()
    page.goto(demo_url)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "k-q":
            break
    page.keyboard.type("jalan rusak")
    page.keyboard.press("Enter")  # one result: straight to the agency page
    expect(page).to_have_url(demo_url + PUPR)
    wa = page.locator("a.k-ch--whatsapp").first
    expect(wa).to_be_visible()
    box = wa.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


@pytest.fixture()
def no_js_page(browser: Browser) -> Page:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_pages_work_without_javascript(no_js_page: Page, demo_url: str) -> None:
    page = no_js_page
    page.goto(demo_url)
    expect(page.locator("h1")).to_contain_text("Akun resmi")
    # The tools say they need JavaScript, and where to go instead. (Playwright only stops
    # scripts; Chromium does not lay out <noscript> then, so read what it holds.)
    notes = page.locator("noscript")
    assert "Pencarian memerlukan JavaScript" in (
        page.locator(".k-finder noscript").text_content() or ""
    )
    checker_note = page.locator(".k-checker noscript").text_content() or ""
    assert "Pemeriksaan akun memerlukan JavaScript" in checker_note
    assert page.locator(".k-checker noscript a").get_attribute("href") == "direktori/"
    assert notes.count() == 2
    page.goto(demo_url + "cek-akun/")
    assert "memerlukan JavaScript" in (page.locator(".k-checker noscript").text_content() or "")
    page.goto(demo_url + "direktori/")
    expect(page.locator("ul.k-dir li")).to_have_count(40)
    expect(
        page.get_by_role("link", name="Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Contoh")
    ).to_be_visible()
    page.goto(demo_url + PUPR)
    wa = page.locator("a.k-ch--whatsapp")
    expect(wa).to_have_attribute("href", "https://wa.me/6287795965486")
    expect(wa).to_be_visible()
    expect(page.locator("a.k-ch--phone")).to_have_attribute("href", "tel:+62298430321")


def test_tools_at_360px_fit_and_have_big_targets(browser: Browser, demo_url: str) -> None:
    """With answers showing, nothing scrolls sideways and every control is at least 44 px."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True)
    page = context.new_page()
    page.goto(demo_url)
    page.locator("#k-q").press_sequentially("puskesmas")  # several answers (four)
    expect(page.locator("#k-results ol li").first).to_be_visible()
    page.locator("#k-akun").fill("https://www.instagram.com/bpbd_contoh/?igshid=MzRlODBiNWFlZA==")
    page.locator("#k-akun").press("Enter")
    expect(page.locator(".k-check-result .k-verdict--archived")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    controls = page.locator(
        "#k-q, #k-akun, .k-finder button, .k-checker button, #k-results a.k-tap"
    )
    assert controls.count() >= 8
    for i in range(controls.count()):
        box = controls.nth(i).bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    context.close()
