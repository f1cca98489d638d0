"""``index.fixed`` tries only the fixed phrases that can start at a word (every agency name
passes through it), and answers exactly as trying every phrase in thesaurus order does."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.finder import knowledge
from generator.finder.index import fixed

PHRASES = knowledge.fixed_phrases()
WORDS = sorted({w for p in PHRASES for w in p}) + ["desa", "kertek", "rumah", "jalan", "x"]


def reference(typed: Sequence[str], stems: Sequence[str] | None = None) -> list[str]:
    """Every phrase tried at every word, in thesaurus order (the rule as first written)."""
    found: list[str] = []
    i = 0
    while i < len(typed):
        for phrase in PHRASES:
            if all(
                i + j < len(typed)
                and (typed[i + j] == w or (stems is not None and stems[i + j] == w))
                for j, w in enumerate(phrase)
            ):
                found.append("".join(phrase))
                i += len(phrase)
                break
        else:
            found.append(typed[i])
            i += 1
    return found


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)), max_size=12),
    st.booleans(),
)
def test_fixed_is_the_reference(pairs, with_stems):
    typed = [t for t, _ in pairs]
    stems = [s for _, s in pairs] if with_stems else None
    assert fixed(typed, stems) == reference(typed, stems)


def test_a_name_without_a_phrase_is_its_words():
    assert fixed(["dinas", "kesehatan"]) == ["dinas", "kesehatan"]
    assert fixed(["layanan", "rawat", "jalan"]) == ["layanan", "rawatjalan"]
