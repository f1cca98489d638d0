"""Property: no personal value, in any spelling, survives redaction."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.safeinput.privacy import (
    _EMAIL,
    _EMAIL_COMMA,
    Redactions,
    _may_hold_email,
    normalize,
    redact,
)
from tests.personal_values import KINDS, Pick, personal_value, sentence, survivors


@st.composite
def cases(draw):
    pick = Pick(
        lambda seq: draw(st.sampled_from(list(seq))),
        lambda lo, hi: draw(st.integers(lo, hi)),
    )
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=4))
    values = [personal_value(pick, kind) for kind in kinds]
    return sentence(pick, values), values


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_no_personal_value_survives_redaction(case):
    text, values = case
    found = Redactions()
    out = redact(text, found)
    assert not survivors(out, values), (text, out)
    assert found.total >= len(values), (text, out, found.counts)


def test_no_personal_value_survives_in_a_fixed_sample():
    """The same generator with fixed seeds: every run tries these 3,000 texts."""
    for seed in range(3000):
        pick = Pick.seeded(seed)
        kinds = [pick.choice(KINDS) for _ in range(pick.integer(1, 4))]
        values = [personal_value(pick, kind) for kind in kinds]
        text = sentence(pick, values)
        out = redact(text)
        assert not survivors(out, values), (seed, text, out)


EMAILISH = st.text(alphabet="ab@ \t\xa0[](){}<>.,_-atedoATE1", max_size=30)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(EMAILISH, st.builds(lambda a, b: a + b, EMAILISH, EMAILISH)))
def test_the_quick_email_test_never_misses_an_address(text):
    """emails() skips the two e-mail patterns (15 µs a text) when _may_hold_email says no."""
    if not _may_hold_email(text):
        assert _EMAIL.search(text) is None and _EMAIL_COMMA.search(text) is None


@pytest.mark.parametrize("text", ["budi [at] gmail [dot] com", "budi at gmail dot com", "x@y.id"])
def test_spelled_out_addresses_are_still_searched(text):
    assert _may_hold_email(text) and redact(text) == "[surel disamarkan]"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_is_already_normal(text):
    expected = unicodedata.normalize(
        "NFKC", "".join(c for c in text if unicodedata.category(c) != "Cf")
    )
    assert normalize(text) == expected
