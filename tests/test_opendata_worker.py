"""Forked workers (the open data, the posters, the post records): their failures come back as
errors, and no worker outlives its parent or is left behind as a zombie; the open data is the
same byte for byte on every write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.build import worker
from generator.build.worker import forked
from generator.complaints import opendata
from generator.complaints.figures import Settings, compute
from generator.registry.settings import ComplaintsIn
from tests.conftest import same_tree


def _children() -> set[int]:
    """This process's child processes, zombies included (Linux /proc)."""
    out: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        out.update(int(pid) for pid in (task / "children").read_text().split())
    return out


def _fail() -> None:
    raise OSError("disk penuh")


@pytest.fixture
def fork(monkeypatch):
    """Fork even when the test session runs other threads (a browser test's): the jobs here
    take no lock."""
    monkeypatch.setattr(worker, "can_fork", lambda: True)


def test_a_failing_job_raises_its_message_and_leaves_no_child(fork):
    before = _children()  # a browser test's processes may live beside
    with pytest.raises(OSError) as caught, forked(_fail, "basis data kanal.sqlite") as wait:
        wait()
    assert str(caught.value) == "basis data kanal.sqlite gagal ditulis: disk penuh"
    assert _children() == before


def test_a_failing_job_in_process_raises_the_same_error(monkeypatch):
    monkeypatch.setattr(worker, "can_fork", lambda: False)
    with pytest.raises(OSError) as caught, forked(_fail, "basis data kanal.sqlite") as wait:
        wait()
    assert str(caught.value) == "basis data kanal.sqlite gagal ditulis: disk penuh"


def test_a_caller_that_stops_early_kills_and_reaps_the_worker(tmp_path, fork):
    before = _children()
    started = tmp_path / "started"

    def slow() -> None:
        started.touch()
        time.sleep(60)

    with pytest.raises(KeyboardInterrupt), forked(slow, "x"):
        while not started.exists():
            time.sleep(0.01)
        raise KeyboardInterrupt
    assert _children() == before


def test_a_worker_killed_from_outside_is_an_error(fork):
    before = _children()

    def killed() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(OSError) as caught, forked(killed, "x") as wait:
        wait()
    assert str(caught.value) == "x gagal ditulis: proses pekerja dihentikan sinyal 9"
    assert _children() == before


def test_the_worker_dies_with_its_parent(tmp_path):
    """A build killed with SIGKILL (no Python cleanup) takes its worker with it."""
    pid_file = tmp_path / "worker.pid"
    script = textwrap.dedent(
        f"""
        import os, time
        from generator.build.worker import forked
        def job():
            open({str(pid_file)!r}, "w").write(str(os.getpid()))
            time.sleep(60)
        with forked(job, "x") as wait:
            wait()
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parent.parent)
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(pid_file.read_text())
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)  # reparented, then reaped by init once the signal lands
        assert not Path(f"/proc/{child}").exists()
    finally:
        parent.kill()
        parent.wait()


def test_open_data_is_the_same_byte_for_byte_on_every_write(tmp_path, monkeypatch):
    """CSV and kanal.sqlite(.gz) are written in one pass; two writes give the same bytes."""
    from tests.test_opendata_columns import TODAY  # noqa: F401 - same settings module

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from complaints import make_table

    settings = Settings.make(ComplaintsIn(), "Asia/Jakarta", TODAY, TODAY.replace(year=2025))
    f = compute(make_table(3000, 20), settings)
    monkeypatch.setattr(opendata, "SQLITE_GZIP_OVER", 10_000)  # the .gz path too
    opendata.write_open_data(f, tmp_path / "first", None)
    opendata.write_open_data(f, tmp_path / "second", None)
    assert (tmp_path / "second" / "kanal.sqlite.gz").is_file()
    same_tree(tmp_path / "second", tmp_path / "first")


def test_a_database_error_is_reported_as_a_failed_write(tmp_path, monkeypatch):
    """kanal.sqlite is written beside the CSV files: SQLite's own error says which file failed."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from complaints import make_table

    from tests.test_opendata_columns import TODAY

    settings = Settings.make(ComplaintsIn(), "Asia/Jakarta", TODAY, TODAY.replace(year=2025))
    f = compute(make_table(200, 5), settings)
    monkeypatch.setattr(
        opendata, "SQL_INDEXES", [*opendata.SQL_INDEXES, ("complaints", ("agency",))]
    )
    with pytest.raises(OSError) as caught:
        opendata.write_open_data(f, tmp_path, None)
    assert (
        str(caught.value)
        == "basis data kanal.sqlite gagal ditulis: index complaints_agency already exists"
    )
