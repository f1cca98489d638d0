"""Kanal's own nesting bound (generator.safeinput.yamldepth) against the parser's own view.

The oracle walks PyYAML's pure-Python parser events and finds the first collection deeper
than the limit; the text scan must agree on every document, at small limits so that small
generated documents cross them, and must never refuse a document within the limit.
"""

from __future__ import annotations

import subprocess
import sys

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.safeinput.yamldepth import too_deep


def oracle(text: str, limit: int) -> tuple[int, int] | None:
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


# Text that looks like structure but is not: brackets, colons, dashes and hashes in scalars.
tricky = st.sampled_from(
    ["x", "Dinas [PU]", "a: b", "- x", "#1", "[", "]}", "{a", "'q'", '"q"', "x # y", "", "1:2"]
)
scalars = st.one_of(tricky, st.text(alphabet="ab []{}:#-'\"\n|>,", max_size=12))
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["a", "b", "c d", "[k]", "-k"]), inner, max_size=3),
    ),
    max_leaves=25,
)
styles = st.sampled_from([None, False, True])


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, styles, st.integers(1, 8), st.integers(1, 4))
def test_the_scan_agrees_with_the_parser(value, flow, limit, indent):
    text = yaml.safe_dump(value, default_flow_style=flow, indent=indent + 1, width=30)
    assert too_deep(text, limit) == oracle(text, limit), text


HAND_WRITTEN = [
    "accounts:\n- platform: x\n  handle: y\n- platform: z\nname: n\n",
    "a:\n  - - - x\n    - y\n  - b: [1, {c: [2]}]\n",
    'd: "multi [ line\n  still [[ quoted"\ne: [x,\n  [y, # comment [\n   z]]\n',
    "desc: |\n  [[[[[[ not structure\n  - nor this: x\nk:\n  - {a: b}\n",
    "? [complex]\n: value\n",
    "---\na: [b]\n...\n---\nc: {d: [e]}\n",
    "'quoted key': ['it''s [', x]\n",
]


def test_hand_written_documents_agree_at_every_limit():
    for text in HAND_WRITTEN:
        for limit in range(1, 7):
            if text.count("---") > 1:  # Kanal refuses a second document; check the first
                text = text.split("...")[0]
            assert too_deep(text, limit) == oracle(text, limit), (text, limit)


def test_a_million_brackets_are_refused_at_the_limit_without_the_parser():
    assert too_deep("[" * 1_000_000 + "]" * 1_000_000, 50) == (1, 51)
    assert too_deep("a: " + "{b: " * 70 + "c" + "}" * 70, 50) == (1, 4 + 4 * 49)
    deep_block = "".join("  " * i + f"k{i}:\n" for i in range(2000))
    assert too_deep(deep_block, 50) == (51, 101)


def test_every_pyyaml_the_project_accepts_gives_the_same_message(tmp_path):
    """The message comes from Kanal, whatever PyYAML's scanner would have said (6.0.4 says
    'exceeded maximum nesting depth' at 1,000; older ones crashed)."""
    file = tmp_path / "dalam.yml"
    file.write_text("[" * 100_000 + "]" * 100_000)
    code = (
        "import sys; from pathlib import Path\n"
        "from generator.safeinput.problems import Problems\n"
        "from generator.safeinput.yamlio import read_yaml\n"
        "p = Problems(); read_yaml(Path(sys.argv[1]), 'dalam.yml', p)\n"
        "print([str(x) for x in p])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(file)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == (
        "['dalam.yml:1:51: error: bertingkat terlalu dalam (lebih dari 50 tingkat)']"
    )


def test_a_quote_inside_a_plain_scalar_opens_nothing():
    # Found by hypothesis: `-'` is a plain scalar; its quote must not hide the brackets after it.
    text = "[-', 'Dinas [PU]']\n"
    for limit in (1, 2):
        assert too_deep(text, limit) == oracle(text, limit)
