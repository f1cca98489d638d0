"""Personal data under data/: every form in the corpus is found, no innocent text is flagged.

tests/corpora/personal_data.yml holds how Indonesians write phone numbers, NIK/KK, e-mail
addresses (obfuscated too) and their names in complaints, and everyday texts that look like
numbers (dates, amounts, kode pos, nomor surat, RT/RW). The properties cover number formats.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.safeinput.privacy import (
    KINDS,
    may_hold_personal,
    personal_data,
    redact,
)
from generator.safeinput.sift import personal_candidates

CORPUS = yaml.safe_load(
    (Path(__file__).parent / "corpora" / "personal_data.yml").read_text(encoding="utf-8")
)


def test_corpus_is_large_enough():
    assert len(CORPUS["personal"]) >= 150
    assert len(CORPUS["innocent"]) >= 100
    assert {item["kind"] for item in CORPUS["personal"]} == {
        "phone",
        "nik",
        "email",
        "name",
        "handle",
    }


def test_every_personal_form_is_found():
    missed = [
        item for item in CORPUS["personal"] if not personal_data(item["text"]).stored[item["kind"]]
    ]
    assert missed == [], f"{len(missed)} of {len(CORPUS['personal'])} not found"


def test_no_innocent_text_is_flagged():
    flagged = {
        text: personal_data(text).describe_stored()
        for text in CORPUS["innocent"]
        if personal_data(text).stored
    }
    assert flagged == {}, f"{len(flagged)} of {len(CORPUS['innocent'])} flagged"


def test_what_is_found_is_redacted():
    """Publishing redacts what checking finds: no value survives redaction."""
    for item in CORPUS["personal"]:
        out = redact(item["text"])
        assert personal_data(out).stored == {}, (item["text"], out)
        assert any(f"[{label}" in out or "disamarkan" in out for label in KINDS.values())


# -- number formats --------------------------------------------------------------------------

MOBILE = ["811", "812", "813", "821", "822", "831", "838", "852", "853", "857", "877", "878"]
SEPARATORS = st.sampled_from([" ", "-", ".", "", " - "])


@st.composite
def mobile_numbers(draw) -> str:
    """An Indonesian mobile number as people type it: trunk 0, +62, 62 or +62 with a space,
    grouped in 3-4 digits with any separator."""
    prefix = draw(st.sampled_from(MOBILE))
    rest = draw(st.text("0123456789", min_size=6, max_size=9))
    digits = prefix + rest
    sep = draw(SEPARATORS)
    groups, i = [], 0
    while i < len(digits):
        size = draw(st.integers(3, 4))
        groups.append(digits[i : i + size])
        i += size
    lead = draw(st.sampled_from(["0", "+62", "62", "+62 ", "(+62) ", "+62-"]))
    return lead + sep.join(groups)


CONTEXT = st.sampled_from(["{}", "hubungi {}", "WA {} ya", "No HP: {}.", "telp ({}) pelapor"])


@settings(max_examples=300, deadline=None)
@given(mobile_numbers(), CONTEXT)
def test_mobile_numbers_in_any_format_are_found(number, context):
    assert personal_data(context.format(number)).stored["phone"] >= 1, number


@settings(max_examples=200, deadline=None)
@given(
    st.text("0123456789", min_size=16, max_size=16).filter(lambda d: d[0] != "0"),
    st.lists(st.integers(1, 6), min_size=1, max_size=6),
    st.sampled_from([" ", "-", ".", ""]),
)
def test_nik_in_any_grouping_is_found(digits, sizes, sep):
    groups, i = [], 0
    for size in sizes:
        groups.append(digits[i : i + size])
        i += size
    groups.append(digits[i:])
    text = "NIK " + sep.join(g for g in groups if g)
    assert personal_data(text).stored["nik"] == 1, text


@settings(max_examples=200, deadline=None)
@given(st.integers(1_000, 999_999_999_999), st.sampled_from(["Rp ", "Rp", "Rp. ", "IDR "]))
def test_money_amounts_pass(amount, currency):
    text = f"biaya {currency}{amount:,}".replace(",", ".")
    assert personal_data(text).stored == {}, text


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.sampled_from("/-."))
def test_dates_pass(day, sep):
    text = f"sejak {day.day:02d}{sep}{day.month:02d}{sep}{day.year} pukul 10.30"
    assert personal_data(text).stored == {}, text


@settings(max_examples=100, deadline=None)
@given(st.integers(10_000, 99_999), st.integers(1, 999), st.integers(1, 9999))
def test_postcodes_and_letter_numbers_pass(postcode, a, b):
    text = f"kode pos {postcode}, surat nomor {a:03d}/{b}/2026"
    assert personal_data(text).stored == {}, text


# -- the column-at-a-time prefilter ----------------------------------------------------------

PIECES = st.sampled_from(
    [
        "a",
        "n",
        ".",
        "/",
        " ",
        "\t",
        "\n",
        "@",
        "at",
        "et",
        "(",
        "[",
        "sy",
        "aku",
        "an.",
        "nama",
        "saya",
        "x",
        "_",
        "1",
        "0812",
        "é",
        "gmail",
        "dot",
        "com",
        "Budi",
        "A.N.",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(PIECES, max_size=12).map("".join), min_size=1, max_size=20))
def test_column_prefilter_agrees_with_the_text_prefilter(texts):
    """personal_candidates (numpy and str.find over a whole column) decides as
    may_hold_personal does for each text: it may never skip a text the checker must see."""
    assert personal_candidates(texts) == [may_hold_personal(t) for t in texts]


def test_column_prefilter_on_the_corpus():
    texts = [item["text"] for item in CORPUS["personal"]] + CORPUS["innocent"]
    flags = personal_candidates(texts)
    assert all(flags[: len(CORPUS["personal"])])
    assert flags == [may_hold_personal(t) for t in texts]
