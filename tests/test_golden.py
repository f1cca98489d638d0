"""Golden pages: the generated sources of the tiny region, checked in under tests/golden/.

After an intended change, regenerate with:  KANAL_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and review the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from generator.site.stage import write_docs
from tests.conftest import FIXTURES, TODAY

GOLDEN = Path(__file__).parent / "golden" / "tiny"


def test_generated_pages_match_golden(tmp_path):
    problems = Problems()
    directory = load_directory(FIXTURES / "tiny", TODAY, problems)
    assert directory is not None, [str(p) for p in problems]
    docs = tmp_path / "docs"
    write_docs(directory, tmp_path / "no-content", docs)
    produced = {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
        for p in docs.rglob("*")
        if p.is_file()
    }
    if os.environ.get("KANAL_UPDATE_GOLDEN"):
        for rel, text in produced.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
        for stale in [
            p
            for p in GOLDEN.rglob("*")
            if p.is_file() and p.relative_to(GOLDEN).as_posix() not in produced
        ]:
            stale.unlink()
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in GOLDEN.rglob("*")
        if p.is_file()
    }
    assert sorted(produced) == sorted(expected)
    for rel in expected:
        assert produced[rel] == expected[rel], f"{rel} differs from tests/golden/tiny/{rel}"
