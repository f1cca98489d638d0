"""The look-alike parser finds affixes and known words with one regular expression each
(a national index parses 127,000 names); it must find exactly what a scan of the lists in
order finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.registry import lookalike as la


def _scan_in_word(folded: str, affix: str, at_end: bool) -> bool:
    """The longest known word at that end (the lists scanned in order) covers ``affix``."""
    text = la.merge(folded)
    ends = text.endswith if at_end else text.startswith
    word = next((w for w in la._WORDS if ends(w)), None)
    return word is not None and len(word) >= len(la.merge(affix))


def _scan_strip(folded: str, form: int) -> str:
    """strip_affixes as first written: each list scanned in order; an affix that is part of
    a known word at its end is kept ("info" in "kominfo")."""
    while True:
        prefix = next(
            (
                a[form]
                for a in la._PREFIXES
                if folded.startswith(a[form]) and len(folded) > len(a[form])
            ),
            None,
        )
        if prefix is not None and not _scan_in_word(folded, prefix, False):
            folded = folded[len(prefix) :]
            continue
        suffix = next(
            (
                a[form]
                for a in la._SUFFIXES
                if folded.endswith(a[form]) and len(folded) > len(a[form])
            ),
            None,
        )
        if suffix is None or _scan_in_word(folded, suffix, True):
            return folded
        folded = folded[: -len(suffix)]


def _scan_words(rest: str) -> tuple[list[str], str]:
    found = []
    while True:
        word = next((w for w in la._WORDS if rest.startswith(w)), None)
        if word is None:
            break
        found.append(la._GROUP_OF[word])
        rest = rest[len(word) :]
    while True:
        word = next((w for w in la._WORDS if rest.endswith(w) and len(rest) > len(w)), None)
        if word is None:
            break
        found.append(la._GROUP_OF[word])
        rest = rest[: -len(word)]
    return found, rest


# Names made of the very pieces the lists hold, so that affixes and words are found often.
PIECES = sorted({a[f] for a in (*la._PREFIXES, *la._SUFFIXES) for f in (0, 1)} | set(la._WORDS))
NAMES = st.lists(st.sampled_from([*PIECES, "blora", "a", "x", "kab", "ss", ""]), max_size=6).map(
    "".join
)


@settings(max_examples=400)
@given(NAMES, st.sampled_from([0, 1]))
def test_affixes_are_stripped_as_the_scan_strips_them(name: str, form: int) -> None:
    assert la.strip_affixes(name, form) == _scan_strip(name, form)


@settings(max_examples=400)
@given(NAMES)
def test_known_words_are_found_as_the_scan_finds_them(name: str) -> None:
    parsed = la.parse(name)
    found, rest = _scan_words(parsed.whole)
    assert parsed.words == "+".join(sorted(found)) and parsed.rest == rest


def _tokens_as_written(name: str) -> str:
    """tokens as first written: each word split, stripped and folded on its own."""
    import re

    parts = [t for t in re.split("[" + re.escape(la.SEPARATORS) + "]+", name) if t]
    kept = []
    for t in parts:
        t = re.sub(r"[0-9]+$", "", t)
        if t and la.skeleton(t) not in la._FILLER_WORDS:
            kept.append(t)
    return "".join(kept) if kept else name


# Words with separators, digits (at the end, alone, before a line break) and filler words.
FILLERS = sorted(la._FILLER_WORDS)[:40]
TOKEN_NAMES = st.lists(
    st.sampled_from([*FILLERS, "Blora", "dinkes", "01", "2024", "x9", "a1b", "\n", "9\n", ""])
    | st.sampled_from(list(la.SEPARATORS)),
    max_size=8,
).map("".join)


@settings(max_examples=500)
@given(TOKEN_NAMES)
def test_tokens_keep_what_the_word_by_word_scan_keeps(name: str) -> None:
    assert la.tokens(name) == _tokens_as_written(name)


def _scan_merge(folded: str) -> str:
    """Each run of one character read once, scanned one character at a time."""
    out: list[str] = []
    for c in folded:
        if not out or out[-1] != c or c == "\n":  # "." does not match a line break
            out.append(c)
    return "".join(out)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aabbkkss.-_1\n\u00e9"), max_size=40) | st.text())
def test_merge_reads_each_run_once(folded):
    assert la.merge(folded) == _scan_merge(folded)
