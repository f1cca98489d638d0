"""Plain CSV blocks split without csv.reader: the same cells, rows and problems as csv.reader.

- ``plain_columns`` gives csv.reader's cells of any block it accepts, and says "maybe spaced"
  whenever a cell starts or ends with white space.
- A whole file read through the plain path (and, from its first other block, csv.reader) gives
  the records and problems of csv.reader alone.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.complaints import load
from generator.complaints.check import RecordChecker
from generator.complaints.csvblocks import _WIDE_SPACE, line_blocks, plain_columns
from generator.registry.settings import ComplaintsIn
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests.conftest import FIXTURES, TODAY

# Cells of every kind csv.reader reads differently from a split: quotes (paired, lone, inside
# a cell), delimiters and line ends inside quotes, white space of several kinds, CR.
CELL = st.one_of(
    st.text(alphabet='ab,; "\t\r\n\xa0\u3000x1', max_size=6),
    st.sampled_from(['"a,b"', '"a""b"', '""', '"x"y', 'a"b', '" a"', '"a "', "", " ", "a"]),
)
DELIMITER = st.sampled_from([",", ";", "\t"])


def _lines(text: str) -> list[str]:
    return list(io.StringIO(text, newline=""))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=6), DELIMITER)
def test_plain_blocks_give_csv_readers_cells(rows, delimiter):
    text = "\n".join(delimiter.join(row) for row in rows) + "\n" * (len(rows) % 2)
    lines = _lines(text)
    width = len(rows[0])
    found = plain_columns("".join(lines), len(lines), delimiter, width)
    if found is None:
        return
    columns, spaced = found
    expected = list(csv.reader(lines, delimiter=delimiter))
    assert len(expected) == len(lines)  # one record a line
    assert [list(c) for c in columns] == [list(c) for c in zip(*expected, strict=True)]
    if not spaced:
        assert all(cell == cell.strip() for column in columns for cell in column)


def test_a_usual_export_is_plain():
    lines = _lines(
        'id,agency,summary\r\nA1,dinkes,"Jalan rusak, berlubang"\r\nA2,bappeda,"Kata ""x"""\r\n'
    )[1:]
    columns, spaced = plain_columns("".join(lines), len(lines), ",", 3)
    assert columns == [["A1", "A2"], ["dinkes", "bappeda"], ["Jalan rusak, berlubang", 'Kata "x"']]
    assert not spaced


@pytest.mark.parametrize(
    "text",
    [
        'a,"b\nc"\n',  # a quoted line end: a record on two lines
        "a,b\n\nc,d\n",  # a blank line
        "a,b\n,\n",  # a row of delimiters only
        "a,b,c\n",  # a wider row
        'a,b"c\n',  # a quote inside a cell
        "a,b\rc,d\n",  # a lone CR ends a record
    ],
)
def test_other_blocks_are_left_to_csv_reader(text):
    assert plain_columns(text, len(_lines(text)), ",", 2) is None


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.text(alphabet="ab,\r", max_size=40), max_size=30),
    st.booleans(),
    st.integers(0, 5),
    st.integers(1, 7),
)
def test_blocks_of_lines_cover_the_text(lines, ended, skip, size):
    text = "\n".join(lines) + ("\n" if ended else "")
    start = min(skip, len(text))
    blocks = list(line_blocks(text, start, size))
    assert "".join(text[a:b] for a, b, _ in blocks) == text[start:]
    assert [a for a, _, _ in blocks[1:]] == [b for _, b, _ in blocks[:-1]]
    for a, b, n in blocks:
        assert n == len(text[a:b].split("\n")) - text[a:b].endswith("\n")
        assert n == size or b == len(text)


def test_every_wide_space_is_listed():
    spaces = [chr(c) for c in range(128, sys.maxunicode + 1) if chr(c).isspace()]
    assert all(_WIDE_SPACE.fullmatch(c) for c in spaces)
    assert not [c for c in map(chr, range(128, 0x3001)) if _WIDE_SPACE.match(c) and not c.isspace()]


@pytest.fixture(scope="module")
def directory():
    found = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert found is not None
    return found


def _read(directory, path: Path) -> tuple[dict, list[str]]:
    problems = Problems()
    checker = RecordChecker(directory, ComplaintsIn(), problems, {"laweyan": "Laweyan"})
    load._read_csv(path, "a.csv", checker, problems, fast=False)  # plain blocks, not polars
    table = checker.finish()
    columns = {k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in vars(table).items()}
    return columns, [repr(p) for p in problems.items]


GOOD = "T-{i},dinas-kesehatan,lapor,sampah,2026-01-05T09:15+07:00,,,open,Laweyan,{summary}"
ODD = [
    "",  # a blank line
    ",,,,,,,,,",  # only delimiters
    'T-x,bappeda,lapor,sampah,2026-01-05T09:15+07:00,,,open,,"dua\nbaris"',
    "T-y,bappeda,lapor",  # too few cells
    "T-{i},nope,lapor,sampah,2026-01-05T09:15+07:00,,,open,,",  # an unknown agency
    " T-{i} ,bappeda,lapor,sampah,2026-01-05T09:15+07:00,,,open,,",  # spaces around an id
    'T-q,bappeda,lapor,sampah,2026-01-05T09:15+07:00,,,open,,a"b',
    'T-{i},bappeda,lapor,sampah,2026-01-05T09:15+07:00,,,open,"Laweyan","a, ""b"""',
]
SUMMARY = st.sampled_from(
    ["", "Jalan rusak", '"Jalan rusak, berlubang"', '"Hubungi 0812 3456 7890"']
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.tuples(st.integers(0, len(ODD) * 3), SUMMARY), min_size=1, max_size=14),
    block=st.integers(1, 5),
    crlf=st.booleans(),
)
def test_a_file_reads_as_with_csv_reader_alone(directory, tmp_path, monkeypatch, rows, block, crlf):
    header = "id,agency,channel,category,received,first_response,resolved,status,kecamatan,summary"
    lines = [header]
    for i, (kind, summary) in enumerate(rows):
        line = ODD[kind] if kind < len(ODD) else GOOD
        lines.append(line.format(i=i, summary=summary))
    path = tmp_path / "a.csv"
    path.write_bytes(("\r\n" if crlf else "\n").join(lines).encode() + b"\n")
    monkeypatch.setattr(load, "BLOCK_ROWS", block)
    fast = _read(directory, path)
    monkeypatch.setattr(load, "plain_columns", lambda *_: None)
    assert fast == _read(directory, path)


def _visible_by_regex(text: str) -> bool:
    """load._all_visible as it was: a regular expression over the whole text."""
    if load._ASCII_CONTROL.search(text):
        return False
    return text.isascii() or not any(load.is_invisible(c) for c in set(text) if ord(c) > 127)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=160), max_size=30))
def test_a_file_is_visible_as_the_regular_expression_says(text):
    assert load._all_visible(text) == _visible_by_regex(text)
