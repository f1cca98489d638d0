"""The clean-file fast path of YAML reading (generator.safeinput.yamlio._composed): libyaml's own
node tree, read only when the careful event path (``_compose``) would give the same document
and positions with no problem; anything else goes the careful way."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.safeinput import yamlio
from generator.safeinput.problems import Problems
from generator.safeinput.yamlio import _CAREFUL, LineMap, _compose, _composed, parse_yaml_text
from tests.conftest import ROOT

REFUSED = object()


def careful(text: str) -> tuple[object, dict, list[str]]:
    """What the event path gives: the document (REFUSED), its positions and its problems."""
    lines = LineMap("f.yml")
    found = Problems()
    try:
        document = _compose(text, lines, found)
    except (yamlio._Refused, yaml.YAMLError):
        document = REFUSED
    return document, lines.positions, [str(p) for p in found]


def same(one: object, two: object) -> bool:
    """Equal, and of the same types all the way down (None is not "")."""
    if type(one) is not type(two):
        return False
    if isinstance(one, dict):
        return list(one) == list(two) and all(same(one[k], two[k]) for k in one)  # type: ignore[index]
    if isinstance(one, list):
        return len(one) == len(two) and all(same(a, b) for a, b in zip(one, two, strict=True))  # type: ignore[arg-type]
    return one == two


def check(text: str) -> bool:
    """The property; True when the fast path gave the document."""
    lines = LineMap("f.yml")
    fast = _composed(text, lines)
    if fast is _CAREFUL:
        assert lines.positions == {}  # nothing half-recorded for the careful path to mix in
        return False
    document, positions, problems = careful(text)
    assert document is not REFUSED and problems == [], (text, problems)
    assert same(fast, document), (text, fast, document)
    assert lines.positions == positions, text
    return True


# Text that is structure, or looks like it: keys, dashes, flow brackets, quotes of both
# kinds, block scalars, tags, anchors and aliases, document markers, comments, nulls, and
# the invisible characters Kanal refuses.
PIECES = st.sampled_from(
    [
        "a",
        "b",
        "nama",
        "~",
        "null",
        "''",
        '""',
        "Null",
        " ",
        "  ",
        "\n",
        "\n  ",
        "\n- ",
        ": ",
        ":",
        "- ",
        "-",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "#",
        " # c",
        "'",
        '"',
        "|",
        ">",
        "|-",
        "!!str ",
        "!x ",
        "&a ",
        "*a",
        "---",
        "...",
        "\t",
        "\\",
        "0812",
        "é",
        "\u200b",
        "\u202e",
        "\u00a0",
        "? ",
        "<<: ",
        "%YAML 1.1\n",
        "\r\n",
        "\x85",
        "\ufeff",
        "\u2028",
        "x&y",
        "=1&b",
        "&",
        "*",
        "a*",
        "!",
        "!a!",
        "-&b",
        "?&b",
    ]  # fmt: skip
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)

scalars = st.one_of(
    st.sampled_from(["x", "", "~", "null", "0812 3456", "Dinas [PU]", "a: b", "- x", "#1"]),
    st.text(max_size=12),
    st.none(),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=6), inner, max_size=3),
    ),
    max_leaves=25,
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@example("a: b\na: c\n")  # a duplicate key
@example("a: &x b\nc: *x\n")  # an anchor and its alias
@example("{?&ax}")  # an anchor right after a flow key's ? (found by an adversarial review)
@example("a: {?&x b: 1}")
@example("[?*b,]")
@example("a: b\n---\nc: d\n")  # two documents
@example("[a]: b\n")  # a key that is no text
@example("a: \u200bb\n")  # an invisible character
@example("# only a comment\n")  # no document
@example("a: b\n...\n")  # one document, ended
@example("!!map {a: !!int 1, b: ~, c: '', d: null, e: 'null'}\n")  # tags and nulls
def test_random_text_gives_the_careful_document_or_goes_the_careful_way(text):
    check(text)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([None, False, True]), st.integers(2, 5), st.booleans())
def test_dumped_documents_in_every_style_give_the_same_document(value, flow, indent, unicode):
    text = yaml.safe_dump(value, default_flow_style=flow, indent=indent, allow_unicode=unicode)
    check(text)


@pytest.mark.parametrize("depth", [49, 50, 51, 60])
def test_nesting_at_and_past_the_limit(depth):
    text = "a:\n" + "".join("  " * i + "- \n" for i in range(1, depth)) + "  " * depth + "- x\n"
    flow = "[" * depth + "x" + "]" * depth
    for one in (text, flow):
        gave = check(one)
        document, _, problems = careful(one)
        assert gave == (document is not REFUSED and not problems)


@pytest.mark.parametrize(
    "text",
    [
        "a: b\na: c\n",
        "a: &x b\nc: *x\n",
        "a: b\n---\nc: d\n",
        "[a]: b\n",
        "a: \u200bb\n",
        "# only a comment\n",
        "",
        "a: [b\n",
        "name: Dinas Pemuda & Olahraga\n",  # no anchor, but '&': the careful way, same result
    ],
)
def test_what_the_careful_path_must_judge_gives_its_own_problems(text):
    assert _composed(text, LineMap("f.yml")) is _CAREFUL
    problems = Problems()
    result = parse_yaml_text(text, "f.yml", problems)
    document, positions, found = careful(text)
    if document is REFUSED or found or document is yamlio._EMPTY:
        assert problems.errors, text
    else:
        assert result is not None and same(result[0], document)
        assert result[1].positions == positions


def test_almost_every_file_of_the_demo_region_takes_the_fast_path():
    """The demo's own files (written by hand and by the scaffold): each gives the careful
    document, and nine in ten or more without reading it twice."""
    files = sorted((ROOT / "data").rglob("*.yml"))
    assert len(files) > 300
    fast = sum(check(Path(f).read_text(encoding="utf-8")) for f in files)
    assert fast >= 0.9 * len(files), (fast, len(files))
