"""Helpers for the complaint tests: a copy of the tiny region with complaint files added."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from generator.build.pipeline import check
from tests.conftest import FIXTURES, TODAY, without_completeness

HEADER = "id,agency,channel,category,received,first_response,resolved,status,kecamatan,summary\n"
SETTINGS = """
complaints:
  min_records: 3
  field_check_categories: [jalan rusak]
  local_holidays:
    - date: 2026-07-15
      name: Hari Jadi Kota Uji
  period:
    start: 2026-01-01
    end: 2026-10-31
"""


def make_data(root: Path, files: dict[str, str], settings: str = SETTINGS) -> Path:
    data = root / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    region = data / "region.yml"
    region.write_text(region.read_text(encoding="utf-8") + settings, encoding="utf-8")
    (data / "complaints").mkdir()
    for name, text in files.items():
        (data / "complaints" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return data


def run_check(tmp_path: Path, monkeypatch, files: dict[str, str], settings: str = SETTINGS):
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, files, settings)
    inputs, problems = check(Path("data"), TODAY)
    return inputs, without_completeness([str(p) for p in problems.sorted()])
