"""dumps_indented writes json.dumps(indent=...)'s text through the C encoder."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.opendata.jsontext import dumps_indented

# Hostile text: quotes, backslashes, controls, bidi controls, line separators, astral.
TEXT = st.text(
    alphabet=st.sampled_from(
        ['"', "\\", "\n", "\x00", "\u202e", "\u2028", "é", "😀", "a", " ", "<"]
    )
    | st.characters(),
    max_size=12,
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(TEXT, inner, max_size=4)
        | st.dictionaries(st.integers() | st.booleans() | st.none(), inner, max_size=3)
    ),
    max_leaves=40,
)


@settings(max_examples=400)
@given(VALUES, st.sampled_from([0, 1, 2, 4]))
def test_same_text_as_json_dumps(value, indent):
    assert dumps_indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_nested_document_and_non_finite():
    doc = {
        "a": [{"x": 1, "y": None}, {}, [], [[1, 2], {"z": math.inf}]],
        "b": {"c": {"d": "é\u202e</script>"}},
        "e": [],
        1: {"f": True},
    }
    assert dumps_indented(doc, 1) == json.dumps(doc, ensure_ascii=False, indent=1)
    assert dumps_indented(doc, 1).count("\n") > 10


def test_not_serializable_raises_as_json_does():
    import datetime as dt

    for value in ({"a": dt.date(2026, 1, 1)}, [dt.date(2026, 1, 1)], {"a": [dt.date(2026, 1, 1)]}):
        with pytest.raises(TypeError):
            json.dumps(value, indent=1)
        with pytest.raises(TypeError):
            dumps_indented(value, 1)


# Tables of flat objects (one C-encoder call, split at the seams): text made of the seam's
# own characters must not be read as a seam.
SEAMY = st.text(alphabet=st.sampled_from(["}", ",", "{", "\n", " ", '"', ":", "\\", "x"]))
FLAT = st.dictionaries(SEAMY, SCALARS | SEAMY, min_size=1, max_size=4)


@settings(max_examples=300)
@given(st.lists(FLAT, min_size=1, max_size=5), st.dictionaries(SEAMY, FLAT, max_size=4))
def test_tables_of_flat_objects(rows, by_key):
    doc = {"rows": rows, "by_key": by_key, "nested": [rows, {"k": by_key}]}
    for value in (rows, by_key, doc):
        assert dumps_indented(value, 1) == json.dumps(value, ensure_ascii=False, indent=1)
