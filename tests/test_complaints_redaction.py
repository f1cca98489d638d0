"""Property: no personal value, in any spelling, survives redaction."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.safeinput.privacy import Redactions, redact
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
