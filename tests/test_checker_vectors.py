"""One box for anything (issue 19): every vector and whole messages, Python and Chromium alike.

generator/registry/vectors.py is the Python reference of checker.js ``checkAny`` and ``scan``.
The shared cases (tests/cases/vectors.json) hold the answers for the demo registry; the held-out
corpora (tests/corpora/) run through both languages and must give the same answers.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page, expect

from benchmarks.checker_corpus import demo_index
from generator.registry import domains, vectors
from generator.registry.checker import platform_table
from tests.conftest import ROOT

CASES = json.loads((ROOT / "tests" / "cases" / "vectors.json").read_text("utf-8"))
SCAMS = yaml.safe_load((ROOT / "tests" / "corpora" / "scams.yml").read_text("utf-8"))
OFFICIAL = yaml.safe_load((ROOT / "tests" / "corpora" / "official_forms.yml").read_text("utf-8"))
CHECKER_JS = ROOT / "theme" / "assets" / "kanal" / "checker.js"
INDEX = demo_index()
NAMES = [row[0] for row in INDEX["agencies"]]


def _short(result: dict[str, Any]) -> dict[str, Any]:
    """What a case states: the verdict and the agencies named, by name."""
    named = [m["agency"] for m in result["matches"]]
    named += [m["agency"] for m in result.get("lookalikes", []) + result.get("same_name", [])]
    named += result.get("claims", [])
    if result.get("fake"):  # a known impostor: the office it imitates
        named.append(result["fake"]["agency"])
    shown = ["(daerah)" if a is None else NAMES[a] for a in named][:3]
    return {"kind": result["kind"], "verdict": result["verdict"], "agencies": shown}


@pytest.mark.parametrize("case", CASES["check"], ids=lambda c: repr(c["text"]))
def test_vector_case_python(case: dict[str, Any]) -> None:
    assert _short(vectors.check_any(INDEX, case["text"], case.get("platform"))) == case["expect"]


@pytest.mark.parametrize("case", CASES["scan"], ids=lambda c: c["text"][:40])
def test_message_case_python(case: dict[str, Any]) -> None:
    got = [{"text": r["text"], **_short(r)} for r in vectors.scan(INDEX, case["text"])]
    assert got == case["expect"]


def test_same_name_on_another_platform_is_never_official() -> None:
    """An unregistered account with an official account's exact name on another platform."""
    ig = next(r for r in INDEX["accounts"] if r[0] == "instagram" and r[2] == "active")
    name = ig[1].split(":", 1)[1]
    result = vectors.check_any(INDEX, f"https://www.tiktok.com/@{name}")
    assert result["verdict"] == "lookalike"
    assert result["same_name"][0]["platform"] == "instagram"
    said = vectors.check_any(INDEX, "@" + name, "facebook")
    assert said["verdict"] == "lookalike" and said["same_name"] and not said["matches"]
    assert vectors.check_any(INDEX, "@" + name, "instagram")["verdict"] == "official"


def test_psl_subset_agrees_with_tldextract_on_the_corpora() -> None:
    """The browser's suffix rules (psl_table) split every corpus host as tldextract does."""
    table = domains.psl_table()
    tlds, multi = set(table["tlds"].split()), set(table["suffixes"].split()) | set(table["hosting"])
    hosts = set()
    for item in SCAMS["impostors"] + SCAMS["unrelated"] + OFFICIAL["official_forms"]:
        site = vectors._site(INDEX, str(item["value"]).strip())
        if site:
            hosts.add(site["host"])
    assert len(hosts) > 100
    for host in hosts:
        labels = host.split(".")
        at = next((i for i in range(len(labels)) if ".".join(labels[i:]) in multi), None)
        if at is None and labels[-1] in tlds:
            at = len(labels) - 1
        suffix = ".".join(labels[at:]) if at is not None else ""
        assert suffix == domains.split_host(host)[2], host


# ---------------------------------------------------------------- the same in Chromium


@pytest.fixture(scope="module")
def js(browser) -> Any:
    page: Page = browser.new_page()
    page.set_content("<!doctype html><title>vectors</title>")
    page.add_script_tag(path=str(CHECKER_JS))
    page.evaluate(
        "a => { window.R = KanalChecker.makeRules(a.t); window.I = a.i; }",
        {"t": platform_table(), "i": INDEX},
    )
    yield lambda expression, arg=None: page.evaluate(expression, arg)
    page.close()


@pytest.mark.browser
def test_corpora_agree_in_js(js) -> None:
    """Every corpus item (impostors, unrelated, official forms) and case: the same answer."""
    items = SCAMS["impostors"] + SCAMS["unrelated"] + OFFICIAL["official_forms"]
    pastes = [
        [str(i["value"]), i.get("platform") if i["vector"] == "handle" else None] for i in items
    ]
    pastes += [[c["text"], c.get("platform")] for c in CASES["check"]]
    got = js("ps => ps.map(p => R.checkAny(I, p[0], p[1]))", pastes)
    for (text, platform), result in zip(pastes, got, strict=True):
        assert result == vectors.check_any(INDEX, text, platform), text


@pytest.mark.browser
def test_messages_agree_in_js(js) -> None:
    texts = [m["text"] for m in SCAMS["messages"]] + [c["text"] for c in CASES["scan"]]
    got = js("ts => ts.map(t => R.scan(I, t))", texts)
    for text, result in zip(texts, got, strict=True):
        assert result == vectors.scan(INDEX, text), text[:60]


MESSAGE = (
    "Info resmi: www.contohkab.go.id\n"
    "Ikuti IG @pemkabcontoh.resmi untuk pendaftaran bantuan.\n"
    "Unduh formulir: Formulir Bantuan Bupati Contoh.apk"
)


@pytest.mark.browser
def test_forwarded_message_on_the_checker_page(browser, demo_site, serve_dir) -> None:
    """A citizen pastes a WhatsApp message with three items: each gets its own verdict,
    the same as the Python reference."""
    expected = [(r["text"], r["verdict"]) for r in vectors.scan(INDEX, MESSAGE)]
    assert expected == [
        ("www.contohkab.go.id", "official"),
        ("@pemkabcontoh.resmi", "lookalike"),
        ("Formulir Bantuan Bupati Contoh.apk", "fake"),
    ]
    page: Page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(serve_dir(demo_site) + "cek-akun/")
    page.locator("#k-akun").fill(MESSAGE)
    page.locator("#k-akun").press("Enter")
    items = page.locator(".k-check-result .k-item")
    expect(items).to_have_count(3)
    expect(items.locator(".k-item__text")).to_have_text([t for t, _ in expected])
    expect(items.nth(0).locator(".k-verdict--official")).to_contain_text(
        "adalah milik resmi Pemerintah Kabupaten Contoh"
    )
    expect(items.nth(1).locator(".k-verdict--unknown .k-lookalike__title")).to_contain_text(
        "Mirip akun resmi @pemkabcontoh milik Pemerintah Kabupaten Contoh"
    )
    fake = items.nth(2).locator(".k-verdict--fake")
    expect(fake.locator(".k-verdict__title")).to_contain_text("PALSU")
    expect(fake).to_contain_text("mengatasnamakan Pemerintah Kabupaten Contoh")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()


SMS_KEYS = {k for row in INDEX.get("official", []) if row[0] == "sms_sender" for k in row[1]}


@given(st.from_regex(r"[A-Z0-9][A-Z0-9 \-]{1,10}", fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_sms_sender_is_official_only_when_registered(text: str) -> None:
    """SMS masking lets anyone send under any name: a sender ID is official only when the
    registry lists it, whatever account or office it names."""
    result = vectors.check_any(INDEX, text)
    registered = "".join(text.split()) in SMS_KEYS
    assert (result["verdict"] == "official") == (registered and result["kind"] == "sender")


def test_official_handle_written_as_sms_sender_is_not_official() -> None:
    """Every official handle, written as a phone shows a sender ID, is never answered as
    official: "nama ini resmi di Instagram, tetapi bukan pengirim SMS resmi"."""
    names = {
        row[1].split(":", 1)[1]
        for row in INDEX["accounts"]
        if ":" in row[1] and row[2] == "active" and row[0] in ("instagram", "x", "tiktok")
    }
    shaped = sorted(n.upper() for n in names if vectors.sender_shaped(n.upper()))
    assert len(shaped) >= 3, shaped
    for name in shaped:
        result = vectors.check_any(INDEX, name)
        assert result["verdict"] != "official", name
        assert result["same_name"] and result["kind"] == "sender", name
        assert vectors.check_any(INDEX, name.lower())["verdict"] == "official", name


# ---------------------------------------------------------------- app files (.apk) sent by message

# A file name as a phone shows it: letters, digits, "_", "-" and dots, the last character of
# the name a letter, digit, "_" or "-" ("Resi_JNT", "Surat_Tilang-1.0", "Undangan.pdf").
APK_NAMES = st.builds(
    lambda head, tail, ext: head + tail + ext,
    st.from_regex(r"[A-Za-z0-9_.\-]{0,30}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9_\-]", fullmatch=True),
    st.sampled_from([".apk", ".APK", ".Apk", ".xapk", ".apks"]),
)


@given(APK_NAMES, st.text(max_size=120), st.text(max_size=120), st.sampled_from([" ", "\n"]))
@settings(max_examples=300, deadline=None)
def test_app_file_in_any_message_is_palsu(name: str, before: str, after: str, gap: str) -> None:
    """An .apk sent by message is always PALSU (official apps come only from Google Play or the
    App Store): pasted alone, or anywhere in any text, whether or not the text names an office."""
    alone = vectors.check_any(INDEX, name)
    assert (alone["kind"], alone["verdict"]) == ("apk", "fake"), name
    found = vectors.scan(INDEX, before + gap + name + gap + after)
    assert any(
        r["kind"] == "apk" and r["verdict"] == "fake" and name.lstrip(".") in r["text"]
        for r in found
    ), (name, found)


AROUND = (
    "Kak mohon dibuka undangan pernikahan kami 🙏 Surat Tilang resi J&T paket tagihan PBB "
    "BPJS PLN listrik Dinkes Kab Contoh Bapenda Bupati www.contohkab.go.id 0812-3456-7890 "
    "@pemkabcontoh: segera!! (lihat) “foto” dari: 📎 a.n. Budi, BRI 1234567890"
)


def _apk_messages(count: int, seed: int) -> list[str]:
    """Messages with an app file name or link somewhere: WhatsApp-like words, emoji, links,
    numbers and punctuation around it (for both languages)."""
    rng = random.Random(seed)
    words = AROUND.split()
    names = ["Undangan", "Resi_JNT", "Surat Tilang-1.0", "Foto_Bukti_Transfer", "Tagihan-PBB"]
    names += ["LEMBAR TAGIHAN Instal", "Wedding Invitation.pdf", "Undangan (1)", "x"]
    exts = [".apk", ".APK", ".xapk", ".apks"]
    links = ["", "https://bit.ly/xyz/", "http://contoh.xyz/", "https://drive-file.xyz/dl/"]
    texts = []
    for _ in range(count):
        file = rng.choice(names)
        link = rng.choice(links)
        if link:
            file = link + file.replace(" ", rng.choice(["%20", "_"]))
        file += rng.choice(exts) + rng.choice(["", ".", "!", "?dl=1", ")", " 👆"])
        left = " ".join(rng.choices(words, k=rng.randint(0, 12)))
        right = " ".join(rng.choices(words, k=rng.randint(0, 12)))
        texts.append(left + rng.choice([" ", "\n", ": "]) + file + rng.choice([" ", "\n"]) + right)
    return texts


@pytest.mark.browser
def test_app_files_agree_in_js(js) -> None:
    """400 generated messages with an app file: every one has an item answered PALSU, and
    checker.js gives exactly the Python reference's answers."""
    texts = _apk_messages(400, seed=41)
    got = js("ts => ts.map(t => R.scan(I, t))", texts)
    for text, result in zip(texts, got, strict=True):
        assert result == vectors.scan(INDEX, text), text
        assert any(r["kind"] == "apk" and r["verdict"] == "fake" for r in result), text


TRIAL = "Undangan Pernikahan Kami - Dinas Kominfo Wonosobo. Silakan buka undangannya: Undangan.apk"


@pytest.mark.browser
def test_app_file_without_an_office_on_the_checker_page(browser, demo_site, serve_dir) -> None:
    """The user trial: an .apk in a message that names no office of the registry is answered
    PALSU with the reason, not "Tidak terdaftar" with a tip to ask for it to be listed."""
    page: Page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(serve_dir(demo_site) + "cek-akun/")
    for text in (TRIAL, "Resi_JNT.apk"):
        page.locator("#k-akun").fill(text)
        page.locator("#k-akun").press("Enter")
        fake = page.locator(".k-check-result .k-verdict--fake")
        expect(fake).to_have_count(1)
        expect(fake.locator(".k-verdict__title")).to_contain_text("PALSU")
        expect(fake).to_contain_text("selalu palsu")
        expect(fake).to_contain_text("Google Play atau App Store")
        expect(page.locator(".k-check-result .k-verdict--unknown")).to_have_count(0)
    page.close()


# ------------------------------------------- offices as citizens name them (scaffolded region)

PHRASINGS = yaml.safe_load((ROOT / "tests" / "corpora" / "office_phrasings.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory) -> dict[str, Any]:
    """The index of ``kanal init "Kabupaten Wonosobo"``: the registry a region starts with."""
    from benchmarks.office_mentions import scaffolded_index

    return scaffolded_index(PHRASINGS["region"], tmp_path_factory.mktemp("init"))


def test_office_phrasings(scaffolded) -> None:
    """Names such as "Diskominfo Wonosobo", "Dinas Kominfo", "Kominfo", "Kades Sumberdalem", "Satpol PP"...:
    each names its office alone (tests/corpora/office_phrasings.yml)."""
    names = [row[0] for row in scaffolded["agencies"]]
    for item in PHRASINGS["phrasings"]:
        got = [names[a] for a in vectors.mentions(scaffolded, item["text"])]
        assert got == [item["agency"]], item["text"]


@pytest.mark.browser
def test_office_phrasings_agree_in_js(js, scaffolded) -> None:
    texts = [p["text"] for p in PHRASINGS["phrasings"]]
    texts += [
        f"Pesan dari {p['text']}: mohon transfer ke BRI 123456789" for p in PHRASINGS["phrasings"]
    ]
    got = js("a => a.ts.map(t => R.mentions(a.i, t))", {"ts": texts, "i": scaffolded})
    for text, result in zip(texts, got, strict=True):
        assert result == vectors.mentions(scaffolded, text), text
