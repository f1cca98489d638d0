"""``kanal import --out``: an existing file is never replaced by surprise, and never half-written."""

from __future__ import annotations

import csv
import errno
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.complaints_util import make_data

EXPORT = Path(__file__).parent / "fixtures" / "complaints" / "lapor-export.csv"
OUT = Path("data/complaints/lapor.csv")
REFUSED = (
    "data/complaints/lapor.csv: error: berkas tujuan sudah ada dan tidak ditimpa; pakai nama "
    "berkas lain, atau tambahkan --replace untuk mengganti isinya dengan hasil impor ini"
)


def _import(*extra: str) -> int:
    return main(["import", "--format", "lapor", str(EXPORT), "--out", str(OUT), *extra])


def _records(path: Path) -> int:
    with path.open(encoding="utf-8") as fh:
        return len(list(csv.DictReader(fh)))


@pytest.fixture(scope="module")
def region():
    with tempfile.TemporaryDirectory() as folder:
        make_data(Path(folder), {})
        yield Path(folder)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(existing=st.binary(max_size=2000))
def test_an_existing_out_file_is_kept_byte_for_byte_without_replace(
    existing, region, monkeypatch, capsys
):
    monkeypatch.chdir(region)
    capsys.readouterr()  # one capture serves every example
    OUT.write_bytes(existing)
    assert _import() == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == REFUSED
    assert err[-1] == "Tidak ada yang ditulis ke data/complaints/lapor.csv."
    assert OUT.read_bytes() == existing
    assert sorted(p.name for p in OUT.parent.iterdir()) == ["lapor.csv"]
    # --replace is the explicit way to replace it.
    assert _import("--replace") == 0
    assert _records(OUT) == 3
    OUT.unlink()


def test_a_new_file_is_written_and_a_folder_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    assert _import() == 0
    assert _records(OUT) == 3
    assert os.stat(OUT).st_mode & 0o777 == 0o666 & ~_umask()
    OUT.unlink()
    OUT.mkdir()
    capsys.readouterr()
    assert _import("--replace") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "data/complaints/lapor.csv: error: adalah folder, bukan berkas; sebutkan nama berkas "
        "CSV, misalnya data/complaints/lapor.csv"
    )


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {})
    old = "id,agency\n" + "".join(f"LPR-{n},bappeda\n" for n in range(1537))
    OUT.write_text(old, encoding="utf-8")

    def disk_full(self, rows):
        self.writerow(rows[0])  # half of the file reached the disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(csv.DictWriter, "writerows", disk_full)
    assert _import("--replace") == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2] == (
        "data/complaints/lapor.csv: error: tidak bisa ditulis (No space left on device); "
        "berkas lama (bila ada) tetap utuh"
    )
    assert OUT.read_text(encoding="utf-8") == old
    assert sorted(p.name for p in OUT.parent.iterdir()) == ["lapor.csv"]


def test_import_help_names_replace(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--replace ganti berkas --out yang sudah ada" in help_text
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "[--replace]" in readme


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
