"""``kanal import`` of a CSV with one enormous cell (a 50 MB line): a located error, exit 1,
nothing written, never csv's traceback."""

from __future__ import annotations

import shutil

from tests.conftest import FIXTURES
from tests.test_cli import kanal


def test_a_cell_over_csv_s_field_limit_is_a_located_error(tmp_path):
    shutil.copytree(FIXTURES / "tiny", tmp_path / "data")
    (tmp_path / "ekspor.csv").write_text(
        "Nomor Tiket,Instansi,Tanggal Laporan,Status\n"
        "T-1,Dinas Kesehatan,01/11/2025 08:00,Diproses\n"
        f"T-2,Dinas Kesehatan,01/11/2025 08:00,{'x' * 200_000}\n",
        encoding="utf-8",
    )
    result = kanal("import", "--format", "lapor", "ekspor.csv", "--out", "h.csv", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert "ekspor.csv:3:1: error: CSV rusak: satu sel lebih dari 131.072 karakter" in (
        result.stderr.splitlines()
    )
    assert not (tmp_path / "h.csv").exists()
