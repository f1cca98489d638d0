"""The fast paths of web_link, clean_text and decode give exactly the old results."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.feeds.parse import (
    _CONTROL,
    _LINK_CONTROL,
    SUMMARY_MAX,
    TITLE_MAX,
    Post,
    clean_text,
    web_link,
)
from generator.feeds.store import decode

_SPACE = re.compile(r"\s+")
# The characters removed from text are the module's own: widened on 7 December 2026 from C0/C1,
# the bidi controls and U+200B-U+200F to every format character (tests/test_feeds_safety.py);
# links keep the old class (_LINK_CONTROL). The slow paths below are the old code's with those.


def old_web_link(value: Any) -> str | None:
    """web_link before the fast path."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if len(value) > 2000 or _LINK_CONTROL.search(value) or " " in value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value


def old_clean_text(value: str, limit: int) -> str:
    """clean_text before the fast path."""
    value = _SPACE.sub(" ", _CONTROL.sub("", value)).strip()
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value


# Characters that matter to the paths: URL delimiters, brackets, whitespace of every kind,
# controls, bidi and zero-width marks, and non-ASCII that NFKC folds into delimiters.
TRICKY = "/:?#@[]%.-_~ \t\n\r\x0b\x0c\x1c\x85\xa0\u2000\u2028\u200b\u202e\u2066\x00\x7f℀﹕"
tricky_text = st.text(
    alphabet=st.one_of(st.sampled_from(TRICKY), st.characters(), st.sampled_from("aZ09")),
    max_size=40,
)
urls = st.builds(
    lambda scheme, host, port, rest: f"{scheme}://{host}{port}{rest}",
    st.sampled_from(["http", "https", "HTTP", "Https", "ftp", "javascript", ""]),
    st.one_of(st.text(alphabet="abc.-_~:@[]%", max_size=8), tricky_text),
    st.sampled_from(["", ":", ":80", ":99999", ":x"]),
    st.one_of(st.just(""), tricky_text, st.text(alphabet="/?#[]\\ a", max_size=8)),
)


@settings(max_examples=1500)
@given(st.one_of(urls, tricky_text, st.text(max_size=30)))
@example("https://contoh.go.id/p/00001")
@example("http://[::1/")
@example("https://host\u2100.id/")
@example("https:// x.id")
@example("https://" + "a" * 1995)
@example("https://" + "a" * 1993)
@example("https://")
@example("https://:80/")
@example("https://user@host/")
def test_web_link_fast_path_is_the_old_answer(value: str):
    assert web_link(value) == old_web_link(value)


@settings(max_examples=1500)
@given(
    st.one_of(
        tricky_text,
        st.text(max_size=30),
        st.text(alphabet="ab ", max_size=12),
    ),
    st.integers(min_value=1, max_value=25),
)
@example("Judul biasa", 200)
@example(" a", 10)
@example("a ", 10)
@example("a  b", 10)
@example("a\u00a0b", 10)
@example("abcdef", 5)
@example("abcde", 5)
@example("", 5)
def test_clean_text_fast_path_is_the_old_answer(value: str, limit: int):
    assert clean_text(value, limit) == old_clean_text(value, limit)


def old_decode(line: str) -> Post:
    """decode before the fast paths (with the old web_link and clean_text)."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"bukan JSON yang valid ({exc.msg}, kolom {exc.colno})") from None
    if not isinstance(rec, dict):
        raise ValueError("bukan objek JSON")
    unknown = set(rec) - {"t", "n", "u", "g", "s", "e"}
    if unknown:
        raise ValueError(f"medan tidak dikenal: {', '.join(sorted(unknown))}")
    try:
        when = dt.datetime.fromisoformat(rec["t"])
    except (KeyError, TypeError, ValueError):
        raise ValueError("medan 't' (waktu) hilang atau tidak valid") from None
    if when.tzinfo is None:
        raise ValueError("medan 't' harus memuat zona waktu, misalnya +07:00")
    title, link, guid, summary = rec.get("n"), rec.get("u"), rec.get("g"), rec.get("s", "")
    if not isinstance(title, str) or not isinstance(summary, str):
        raise ValueError("medan 'n' (judul) dan 's' harus teks")
    if link is not None and old_web_link(link) != link:
        raise ValueError("medan 'u' harus alamat http:// atau https://")
    if guid is not None and (not isinstance(guid, str) or not guid):
        raise ValueError("medan 'g' harus teks")
    ident = guid or link
    if not ident:
        raise ValueError("unggahan tanpa 'g' maupun 'u'")
    title, summary = old_clean_text(title, TITLE_MAX), old_clean_text(summary, SUMMARY_MAX)
    return Post(ident, link, when, title, summary, bool(rec.get("e")))


def outcome(fn, line: str) -> tuple[str, Any]:
    try:
        return "ok", fn(line)
    except ValueError as exc:
        return "error", str(exc)


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    tricky_text,
    urls,
    st.sampled_from(["2026-11-20T10:15+07:00", "2026-11-20T10:15", "2026-11-20", "x"]),
    st.lists(st.integers(), max_size=2),
)
records = st.dictionaries(st.sampled_from(["t", "n", "u", "g", "s", "e", "x", "T"]), values)
good = st.fixed_dictionaries(
    {"t": st.just("2026-11-20T10:15+08:00"), "n": tricky_text, "u": urls},
    optional={"g": tricky_text, "s": tricky_text, "e": st.sampled_from([0, 1])},
)
lines = st.one_of(
    st.builds(lambda r: json.dumps(r, ensure_ascii=False), st.one_of(records, good)),
    st.builds(json.dumps, values),
    tricky_text,
)


@settings(max_examples=1500)
@given(lines)
@example('{"n":"A","t":"2026-11-20T10:15+07:00","u":"https://contoh.go.id/p/1"}')
@example('{"n":"A","t":"2026-11-20T10:15+07:00","u":" https://contoh.go.id/p/1"}')
@example('{"n":"A","t":"2026-11-20T10:15+07:00","g":"x","z":1,"y":2}')
@example('{"n":"A  B","s":"\u202eC","t":"2026-11-20T10:15+07:00","g":"x"}')
@example('{"n":"A","t":"2026-11-20T10:15+07:00","g":"x"} x')
@example('{"n":"A","t":"2026-11-20T10:15+07:00","g":"x"}  ')
@example('{"n":"A","t":"2026-11-20T10:15+07:00","g":"x"}{"n":"B"}')
@example('{"n":"A",')
@example('{"n":"A" "t":1}')
@example("{")
@example("")
@example(" {}")
def test_decode_is_the_old_decode(line: str):
    assert outcome(decode, line) == outcome(old_decode, line)
