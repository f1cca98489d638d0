"""Every problem is printed with invisible and direction-changing characters escaped.

A value flagged for a right-to-left override is quoted again by later checks ("kategori … tidak
ada di daftar"); echoed raw, the override reorders the rest of the terminal line. The problem
itself escapes them, once, so every output format (text, GitHub, GitLab) is safe.
"""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from generator.commands.report import github_line, gitlab_code_quality
from generator.safeinput.invisible import is_invisible, shown
from generator.safeinput.problems import Location, Problem, Problems, Severity
from tests.complaints_util import HEADER, run_check

HOSTILE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u200e\u200f"
# Text with the characters that matter drawn often: the bidi and zero-width ones, controls.
TEXTS = st.text(
    st.one_of(st.sampled_from(HOSTILE + "\n\r\t\x1b\x85\u2028\ufeff\u061c"), st.characters())
)


def _unsafe(text: str) -> list[str]:
    return [c for c in text if c == "\n" or is_invisible(c)]


@given(path=TEXTS, field=TEXTS, message=TEXTS, warning=st.booleans())
def test_a_formatted_problem_holds_no_invisible_character(path, field, message, warning):
    problems = Problems()
    add = problems.warning if warning else problems.error
    add(Location(path, 3, 7), field, message)
    (problem,) = problems
    assert _unsafe(str(problem)) == []
    assert _unsafe(github_line(problem)) == []
    for entry in json.loads(gitlab_code_quality([problem])):
        assert _unsafe(entry["description"]) == []
        assert _unsafe(entry["location"]["path"]) == []


@given(message=TEXTS)
def test_escaping_keeps_every_other_character_and_names_the_escaped_ones(message):
    problem = Problem(Location("a.csv", 2, 4), Severity.ERROR, "category", message)
    # A lone surrogate too (b597635): UTF-8 cannot write one at all.
    escaped = lambda c: c == "\n" or is_invisible(c) or "\ud800" <= c <= "\udfff"  # noqa: E731
    expected = "".join(f"<U+{ord(c):04X}>" if escaped(c) else c for c in message)
    assert problem.message == shown(message) == expected
    assert shown(expected) == expected  # escaping twice changes nothing


def test_a_category_with_an_override_is_quoted_escaped(tmp_path, monkeypatch):
    row = "A-1,bappeda,lapor,\u202ejalan rusak,2026-01-05T09:15+07:00,,,open,,\n"
    _, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + row})
    assert lines == [
        "data/complaints/a.csv:2:4: error: category: berisi karakter tak terlihat U+202E "
        "(RIGHT-TO-LEFT OVERRIDE); hapus karakter itu (ketik ulang teksnya tanpa menyalin)",
        "data/complaints/a.csv:2:4: error: category: kategori '<U+202E>jalan rusak' tidak ada "
        "di daftar kategori daerah; maksud Anda 'jalan rusak'? (daftar: complaints.categories "
        "di data/region.yml)",
    ]


def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path):
    """os.listdir gives a name's undecodable bytes as lone surrogates, which UTF-8 cannot
    write: each format reports the file (escaped) instead of failing with a traceback."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.conftest import FIXTURES, ROOT

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    (data / "agencies" / os.fsdecode(b"\xff\xfe.yml")).write_text("id: x\n", encoding="utf-8")
    for form in ("text", "github", "gitlab"):
        done = subprocess.run(
            [sys.executable, "-m", "generator", "check", "--data", str(data), "--format", form],
            capture_output=True,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert done.returncode == 1
        assert b"Traceback" not in done.stderr
        assert b"<U+DCFF><U+DCFE>.yml" in done.stdout + done.stderr
