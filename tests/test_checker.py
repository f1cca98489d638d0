"""The official-account checker: one table of cases, run in Python and in the browser's JS.

generator/checker.py is the Python reference of theme/assets/kanal/checker.js; both read the
platform rules of generator/accounts.py (exported as JSON). Every case of
tests/cases/{accounts,phones,checker}.json runs against both and must give the same answer.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from benchmarks import checker_precision
from generator.registry.accounts import AccountError, identify, normalize_account
from generator.registry.checker import check, example_account, phone_e164, platform_table
from generator.registry.contacts import e164, parse_phone
from generator.registry.lookalike import Parsed, lookalikes, osa_distance, parse, skeleton
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from generator.site.pages import finder_index
from tests.conftest import FIXTURES, ROOT, TODAY

CASES = Path(__file__).parent / "cases"
ACCOUNTS = json.loads((CASES / "accounts.json").read_text("utf-8"))
PHONES = json.loads((CASES / "phones.json").read_text("utf-8"))["phone"]
CHECKER_CASES = json.loads((CASES / "checker.json").read_text("utf-8"))
OUTCOMES = CHECKER_CASES["check"]
# Look-alikes of names the tiny fixture lacks (shorter than 5, IDs): the tiny index plus a few rows.
EXTRA = CHECKER_CASES["lookalike_extra"]
CHECKER_JS = ROOT / "theme" / "assets" / "kanal" / "checker.js"


def _index(data: Path) -> dict[str, Any]:
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    assert directory is not None, [str(p) for p in problems]
    return finder_index(directory)


TINY_INDEX = _index(FIXTURES / "tiny")
EXTRA_INDEX = {**TINY_INDEX, "accounts": TINY_INDEX["accounts"] + EXTRA["accounts"]}


def _named(index: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """The result with agency positions replaced by names, as the case table writes them."""
    names = [row[0] for row in index["agencies"]]
    named = {**result, "matches": [{**m, "agency": names[m["agency"]]} for m in result["matches"]]}
    if "lookalikes" in result:
        named["lookalikes"] = [{**m, "agency": names[m["agency"]]} for m in result["lookalikes"]]
    return named


def _python_normalize(case: dict) -> dict:
    try:
        account = normalize_account(case["platform"], case["handle"], case["url"])
    except AccountError as exc:
        return {"error": exc.field}
    return {"ok": account.__dict__}


# ---------------------------------------------------------------- Python side


@pytest.mark.parametrize("case", PHONES, ids=lambda c: repr(c["text"]))
def test_phone_case_python(case: dict) -> None:
    assert phone_e164(case["text"]) == case["expect"]
    if case["expect"] is not None and case["registry"]:
        # The registry stores what contacts.parse_phone makes of a number: the same E.164.
        assert e164(parse_phone(case["text"])) == case["expect"]


@pytest.mark.parametrize("case", OUTCOMES, ids=lambda c: repr(c["text"]))
def test_checker_outcome_python(case: dict) -> None:
    assert _named(TINY_INDEX, check(TINY_INDEX, case["text"])) == case["expect"]


@pytest.mark.parametrize("case", EXTRA["check"], ids=lambda c: repr(c["text"]))
def test_lookalike_extra_python(case: dict) -> None:
    assert _named(EXTRA_INDEX, check(EXTRA_INDEX, case["text"])) == case["expect"]


def test_lookalike_table_covers_the_rules() -> None:
    found = [c for c in OUTCOMES + EXTRA["check"] if c["expect"].get("lookalikes")]
    missed = [c for c in OUTCOMES + EXTRA["check"] if c["expect"].get("lookalikes") == []]
    assert len(found) >= 12 and len(missed) >= 6
    assert {"handle", "account"} <= {c["expect"]["kind"] for c in found}
    assert any(m["status"] == "archived" for c in found for m in c["expect"]["lookalikes"])
    assert any("threads" in c["text"] for c in found)  # Instagram and Threads share names
    assert all(len(c["expect"]["lookalikes"]) <= 3 for c in found)
    # No look-alikes beside a registry match, and none for numbers or websites.
    assert all("lookalikes" not in c["expect"] for c in OUTCOMES if c["expect"]["matches"])
    assert all(
        "lookalikes" not in c["expect"]
        for c in OUTCOMES
        if c["expect"]["kind"] in ("phone", "website")
    )


def test_skeleton_and_parse() -> None:
    assert skeleton("Dinkes.C0ntoh_") == "dlnkescontoh"  # i, I, 1 and l read alike
    assert skeleton("b4nk-5ur4b4y4") == "banksurabaya"
    assert skeleton("dіnkеs") == skeleton("dinkes")  # Cyrillic і and е
    assert skeleton("DΙNKES") == skeleton("dinkes")  # Greek capital iota
    assert skeleton("dinkess.kebumen") == skeleton("dinkes.keburnen")  # doubled letter, rn for m
    assert parse("dinkes.blora") == Parsed("dlnkesblora", "kesehatan", "blora", "kesehatan")
    assert parse("diskominfo_blora_kab") == Parsed(
        "dlskomlnfoblorakab", "kab+kominfo", "blora", "kominfo"
    )
    # naming.yml: abbreviation styles, level words, old spellings, fillers, prefixes, digits.
    assert parse("dinaskes.blora").words == parse("dinkes.blora").words == "kesehatan"
    assert parse("kabupatenblora").words == parse("pemkab.blora").words == "kab"
    assert parse("dukcapil.tjontoh").rest == parse("disdukcapil.contoh").rest == "contoh"
    assert parse("id.humas.pemkabcontoh.update01") == parse("pemkabcontoh")
    assert parse("contoh.disdagperin").words == parse("disperindag.contoh").words
    assert parse("the_dinkes.kotasemarang.official.id") == parse("dinkes.kotasemarang")
    assert parse("sukoharjoofficial").whole == "sukoharjo"  # the affix's o is not merged away
    assert parse("dinkesuji.id").whole == "dlnkesujl"  # nor the name's i into "id"
    assert parse("official").whole == parse("official").rest == "oflclal"  # never down to nothing
    assert parse("dinsosblora").words != parse("dinkesblora").words
    assert parse("dinkes.kotablora").words != parse("dinkes.kabblora").words
    assert osa_distance("dinkesuji", "dinkseuji") == 1  # a swap of neighbours is one edit
    assert osa_distance("ca", "abc") == 3  # optimal string alignment, not full Damerau
    assert osa_distance("", "abc") == 3 and osa_distance("abc", "abc") == 0


def test_another_agency_of_the_same_place_is_no_lookalike() -> None:
    """The issue's case: @dinsosblora (genuine, not entered yet) is no fake of Dinkes."""
    accounts = [
        ["instagram", "instagram:dinkesblora", "active", 0, ""],
        ["instagram", "instagram:dinkes.contoh", "active", 1, ""],
        ["youtube", "youtube:dinsoscontoh", "active", 2, ""],
    ]
    assert lookalikes(accounts, "dinsosblora", {"instagram"}) == []
    assert lookalikes(accounts, "dinkes.contoh", {"youtube"}) == []  # registered elsewhere
    # Names are compared across platforms: the YouTube name, copied to Instagram, is flagged.
    assert lookalikes(accounts, "dinsos.contoh", {"instagram"}) == [
        {"handle": "dinsoscontoh", "platforms": ["youtube"], "agency": 2, "status": "active"}
    ]
    assert lookalikes(accounts, "dinsos.kotacontoh", {"instagram"}) == []  # another level
    assert lookalikes(accounts, "dinkesbl0ra_official", {"threads"}) == [
        {"handle": "dinkesblora", "platforms": ["instagram"], "agency": 0, "status": "active"}
    ]


# ---------------------------------------------------------------- the province corpora

CORPUS = json.loads((CASES / "checker_corpus.json").read_text("utf-8"))


def test_corpus_is_what_the_script_writes() -> None:
    assert checker_precision.build() == CORPUS


def test_corpus_precision_and_recall() -> None:
    """Corpus (a): no registered handle is another's look-alike, even when left out of the
    registry; corpus (b): at least 95% of impostors are flagged with the agency they copy."""
    assert len(CORPUS["agencies"]) == 35 * 40 and len(CORPUS["accounts"]) > 3000
    assert len(CORPUS["impostors"]) >= 300
    figures = checker_precision.measure(CORPUS)
    assert figures["flagged_in_registry"] == 0
    assert figures["cross_agency_left_out"] == []
    assert figures["recall"] >= 0.95, figures["missed"]
    assert all(hit / total >= 0.9 for hit, total in figures["by_trick"].values()), figures[
        "by_trick"
    ]


def test_outcome_table_covers_every_answer() -> None:
    kinds = {c["expect"]["kind"] for c in OUTCOMES}
    assert kinds == {"account", "handle", "phone", "website", "invalid", "empty"}
    statuses = {m["status"] for c in OUTCOMES for m in c["expect"]["matches"]}
    assert {"active", "archived"} <= statuses
    assert any(c["expect"]["kind"] == "phone" and not c["expect"]["matches"] for c in OUTCOMES)
    assert any(c["expect"]["kind"] == "account" and not c["expect"]["matches"] for c in OUTCOMES)


def test_index_carries_what_the_checker_needs() -> None:
    index = TINY_INDEX
    assert index["account_fields"] == ["platform", "key", "status", "agency", "since"]
    assert ["instagram", "instagram:dinkes.uji", "active", 1, "2019-03-01"] in index["accounts"]
    assert ["whatsapp", "+6281234567890", 1] in index["numbers"]
    assert ["phone", "+62271712345", 1] in index["numbers"]
    assert all(row[0] in ("whatsapp", "phone", "sms") for row in index["numbers"])
    assert index["platforms"] == platform_table()
    assert index["platforms"]["platforms"]["x"]["hosts"][:2] == ["x.com", "www.x.com"]


# ---------------------------------------------------------------- the same cases in Chromium


@pytest.fixture(scope="module")
def js(browser) -> Any:
    """A blank page with checker.js loaded; returns a function that evaluates in it."""
    page: Page = browser.new_page()
    page.set_content("<!doctype html><title>checker</title>")
    page.add_script_tag(path=str(CHECKER_JS))
    page.evaluate("t => { window.R = KanalChecker.makeRules(t); }", platform_table())

    def run(expression: str, arg: Any = None) -> Any:
        return page.evaluate(expression, arg)

    yield run
    page.close()


_NORMALIZE_JS = """cases => cases.map(c => {
  try { return {ok: R.normalizeAccount(c.platform, c.handle, c.url)}; }
  catch (e) { if (e instanceof KanalChecker.AccountError) return {error: e.field}; throw e; }
})"""


@pytest.mark.browser
def test_normalize_cases_agree_in_js(js) -> None:
    cases = ACCOUNTS["normalize"]
    got = js(_NORMALIZE_JS, cases)
    for case, result in zip(cases, got, strict=True):
        if "error" in case:
            assert result == {"error": case["error"]["field"]}, case
        else:
            assert result == {"ok": {"platform": case["platform"], **case["expect"]}}, case
        assert result == _python_normalize(case), case


@pytest.mark.browser
def test_identify_cases_agree_in_js(js) -> None:
    cases = ACCOUNTS["identify"]
    got = js("texts => texts.map(t => R.identify(t))", [c["text"] for c in cases])
    for case, result in zip(cases, got, strict=True):
        assert result == case["expect"], case["text"]


@pytest.mark.browser
def test_phone_cases_agree_in_js(js) -> None:
    got = js("texts => texts.map(t => R.phoneE164(t))", [c["text"] for c in PHONES])
    assert got == [c["expect"] for c in PHONES]


@pytest.mark.browser
def test_checker_outcomes_agree_in_js(js) -> None:
    got = js(
        "a => a.texts.map(t => R.check(a.index, t))",
        {"index": TINY_INDEX, "texts": [c["text"] for c in OUTCOMES]},
    )
    for case, result in zip(OUTCOMES, got, strict=True):
        assert _named(TINY_INDEX, result) == case["expect"], case["text"]


@pytest.mark.browser
def test_lookalike_extra_agree_in_js(js) -> None:
    cases = EXTRA["check"]
    got = js(
        "a => a.texts.map(t => R.check(a.index, t))",
        {"index": EXTRA_INDEX, "texts": [c["text"] for c in cases]},
    )
    for case, result in zip(cases, got, strict=True):
        assert _named(EXTRA_INDEX, result) == case["expect"], case["text"]


@pytest.mark.browser
def test_skeleton_and_distance_agree_in_js(js) -> None:
    words = [t.lstrip("@") for t in _fuzz_inputs(400)] + [
        "the_dinkes.contoh.official.id",
        "official",
        "idid",
        "Dinkes.C0ntoh_",
        "adminrealcs",
        "",
        "dіnkеs",
        "DΙNKES.blora",
        "sukoharjoofficial",
        "dinkesuji.id",
        "diskominfo_blora_kab",
        "Laweyán",
        "ǅ",
        "ﬁnance",
        "kota.kab.kota",
        "keburnen",
    ]
    got = js("ws => ws.map(w => [R.skeleton(w), R.parse(w)])", words)
    assert got == [[skeleton(w), parse(w).__dict__] for w in words]
    rng = random.Random(7)
    pairs = [
        (
            "".join(rng.choice("abc") for _ in range(rng.randint(0, 6))),
            "".join(rng.choice("abc") for _ in range(rng.randint(0, 6))),
        )
        for _ in range(400)
    ]
    assert js("ps => ps.map(p => R.osa(p[0], p[1]))", pairs) == [
        osa_distance(a, b) for a, b in pairs
    ]


@pytest.mark.browser
def test_corpus_agrees_in_js(js) -> None:
    """Every impostor and every registered handle of the province corpora: same answer in JS."""
    index = checker_precision.index_of(CORPUS)
    texts = [f["text"] for f in CORPUS["impostors"]]
    texts += ["@" + row[1].split(":", 1)[1] for row in CORPUS["accounts"][::3]]
    got = js("a => a.texts.map(t => R.check(a.index, t))", {"index": index, "texts": texts})
    assert got == [check(index, t) for t in texts]
    assert sum(bool(r.get("lookalikes")) for r in got) >= 0.95 * len(CORPUS["impostors"])


@pytest.mark.browser
def test_lookalikes_agree_on_demo_in_js(js) -> None:
    """Variants of every demo name (typos, separators, affixes) give the same warning in both."""
    problems = Problems()
    directory = load_directory(ROOT / "data", TODAY, problems)
    assert directory is not None
    index = finder_index(directory)
    rng = random.Random(360)
    texts = []
    for platform, key, *_ in index["accounts"]:
        name = key.split(":", 1)[1]
        if platform in ("website", "other", "email", "name") or "/" in name:
            continue
        cut = rng.randrange(len(name))
        variants = [
            "@" + name + "_",
            name.replace(".", "_") + ".id",
            name[:cut] + name[cut + 1 :],
            "official." + name.replace("o", "0"),
            name[1:] + name[0],
        ]
        texts += rng.sample(variants, 2)
    got = js("a => a.texts.map(t => R.check(a.index, t))", {"index": index, "texts": texts})
    assert got == [check(index, t) for t in texts]
    assert sum(bool(r.get("lookalikes")) for r in got) > len(texts) // 2


@pytest.mark.browser
def test_lookalike_warning_at_360px(browser, tiny_site: Path, serve_dir) -> None:
    """A look-alike shows the warning and a link to the real agency page, on a small phone."""
    base = serve_dir(tiny_site)
    page: Page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base + "cek-akun/?akun=%40dinkes.uji_")
    result = page.locator(".k-check-result .k-verdict--unknown")
    expect(result.locator(".k-verdict__title strong")).to_have_text(
        "Tidak terdaftar — mirip akun resmi"
    )
    warning = result.locator(".k-lookalike")
    expect(warning.locator(".k-lookalike__title")).to_have_text(
        "Mirip akun resmi @dinkes.uji milik Dinas Kesehatan — hati-hati, akun ini bisa jadi akun palsu."
    )
    # The same office's name on X is listed too: an impostor copies a name across platforms.
    expect(warning.locator("li")).to_have_text(
        [
            "@dinkes.uji di Instagram — Dinas Kesehatan",
            "@dinkesuji di X (Twitter) — Dinas Kesehatan",
        ]
    )
    links = warning.get_by_role("link", name="Dinas Kesehatan")
    expect(links).to_have_count(3)
    href = links.first.get_attribute("href")
    assert href == "../instansi/dinas-kesehatan/"
    assert (tiny_site / "instansi" / "dinas-kesehatan" / "index.html").is_file()
    box = warning.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    links.first.click()
    expect(page).to_have_url(base + "instansi/dinas-kesehatan/")
    expect(page.locator("h1")).to_contain_text("Dinas Kesehatan")
    page.close()


@pytest.mark.browser
def test_every_demo_account_and_number_is_found_in_js(js) -> None:
    """Every registered account (by its canonical URL) and number (as displayed) is found."""
    problems = Problems()
    directory = load_directory(ROOT / "data", TODAY, problems)
    assert directory is not None
    index = finder_index(directory)
    queries = []
    for agency in directory.agencies.values():
        queries += [(a.url, a.key) for a in agency.accounts if a.platform.value != "other"]
        queries += [(c.display, c.value) for c in agency.channels if c.value.startswith("+62")]
    assert len(queries) > 500
    got = js(
        "a => a.q.map(t => { const r = R.check(a.index, t); return [r.key || r.number, r.matches.length]; })",
        {"index": index, "q": [q for q, _ in queries]},
    )
    for (text, key), (found_key, matches) in zip(queries, got, strict=True):
        assert found_key == key and matches >= 1, text


def _fuzz_inputs(n: int) -> list[str]:
    """Seeded random pastes built from the pieces real profile links and numbers are made of."""
    rng = random.Random(20261122)
    pieces = [
        "https://",
        "http://",
        "HTTPS://",
        "//",
        "www.",
        "m.",
        "mobile.",
        "web.",
        "instagram.com",
        "x.com",
        "twitter.com",
        "facebook.com",
        "fb.com",
        "youtube.com",
        "tiktok.com",
        "threads.net",
        "threads.com",
        "contoh.go.id",
        "evil.example",
        "/",
        "/",
        "@",
        "@",
        "dinkes",
        ".uji",
        "_contoh",
        "Dinkes",
        "UJI",
        "123",
        "profile.php?id=",
        "channel/",
        "UCabcDEFghiJKLmnoPQRstu1",
        "c/",
        "user/",
        "?igshid=x",
        "?s=20",
        "#top",
        ":443",
        ":8080",
        "videos",
        "p/",
        "home",
        "-",
        " ",
        "0812",
        "+62",
        "62",
        "3456",
        "7890",
        "(0271)",
        "wa.me/",
        ".",
        "..",
        "\\",
        "é",
        "%20",
        "&id=5",
        "?",
        "=",
    ]
    schemes, subs = ["", "https://", "http://", "//", "HTTPS://"], ["", "www.", "m.", "mobile."]
    hosts, tails = pieces[8:18], ["", "/", "?igshid=x", "/?s=20", "#top", "/videos"]
    names = ["dinkes.uji", "DinkesUji", "kelbumi", "dinkes.lama", "@kelbumi", "@x", "a" * 31]

    def profile() -> str:  # mostly well-formed links, as people paste them
        return "".join(
            [rng.choice(schemes), rng.choice(subs), rng.choice(hosts), rng.choice(["/", "/@"])]
            + [rng.choice(names), rng.choice(tails)]
        )

    def noise() -> str:
        return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 7)))

    def number() -> str:
        head = rng.choice(["0", "+62 ", "62", "wa.me/62", "https://wa.me/+62", "(0", "+1 ", ""])
        groups = [
            str(rng.randint(1, 9999)).zfill(rng.randint(1, 4)) for _ in range(rng.randint(1, 4))
        ]
        return head + rng.choice(["-", " ", "", "."]).join(groups)

    return [(profile, noise, number)[i % 3]() for i in range(n)]


@pytest.mark.browser
def test_random_pastes_agree_between_python_and_js(js) -> None:
    texts = _fuzz_inputs(1500)
    got = js(
        "a => a.texts.map(t => [R.identify(t), R.phoneE164(t), R.check(a.index, t)])",
        {"index": TINY_INDEX, "texts": texts},
    )
    for text, (ident, phone, outcome) in zip(texts, got, strict=True):
        expect = identify(text)
        assert ident == (expect.__dict__ if expect else None), repr(text)
        assert phone == phone_e164(text), repr(text)
        assert outcome == check(TINY_INDEX, text), repr(text)
    kinds = {outcome["kind"] for _, _, outcome in got}
    assert {"account", "handle", "invalid", "phone"} <= kinds  # the fuzz reaches every branch


def test_placeholder_is_the_regions_own_account(tiny_site: Path) -> None:
    """No region shows the demo's "@dinkes.contoh": the example is its own first Instagram name."""
    for page in ("index.html", "cek-akun/index.html"):
        soup = BeautifulSoup((tiny_site / page).read_text("utf-8"), "html.parser")
        form = soup.select_one("form.k-checker")
        assert form is not None
        assert form.select_one("#k-akun")["placeholder"] == "mis. @dinkes.uji"
        assert form["data-example-url"] == "https://www.instagram.com/dinkes.uji/"
        assert form["data-publisher"] == soup.select_one("form.k-checker")["data-publisher"] != ""
        assert "contoh" not in str(form).lower()


def test_example_account_without_instagram_is_none() -> None:
    problems = Problems()
    directory = load_directory(FIXTURES / "tiny", TODAY, problems)
    assert directory is not None
    agencies = list(directory.agencies.values())
    assert example_account(agencies) is not None
    no_instagram = [a for a in agencies if all(x.platform.value != "instagram" for x in a.accounts)]
    assert example_account(no_instagram) is None
