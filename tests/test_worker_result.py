"""forked_result: the check stage reads the post history in a worker and gets it back whole."""

from __future__ import annotations

import os
import select
import threading
from pathlib import Path

import numpy as np
import pytest

from generator.build import worker
from generator.build.worker import forked_result


def test_the_value_comes_back_from_another_process(monkeypatch):
    monkeypatch.setattr(worker, "can_fork", lambda: True)  # other tests may leave threads

    def job():
        return os.getpid(), {"a": np.arange(5)}, [None, "ü"]

    with forked_result(job, "uji") as wait:
        pid, mapping, items = wait()
    assert pid != os.getpid()  # really ran in the worker
    assert mapping["a"].tolist() == [0, 1, 2, 3, 4] and items == [None, "ü"]


def test_a_failure_in_the_worker_is_an_error_here(monkeypatch):
    monkeypatch.setattr(worker, "can_fork", lambda: True)

    def job():
        raise ValueError("rusak")

    with forked_result(job, "riwayat unggahan") as wait, pytest.raises(OSError) as info:
        wait()
    assert str(info.value) == "riwayat unggahan: ValueError: rusak"


def test_a_worker_killed_is_an_error_not_a_hang(monkeypatch):
    monkeypatch.setattr(worker, "can_fork", lambda: True)

    def job():
        os.kill(os.getpid(), 9)

    with forked_result(job, "riwayat unggahan") as wait, pytest.raises(OSError) as info:
        wait()
    assert str(info.value) == "riwayat unggahan: proses pekerja berhenti (kode -9)"


def test_without_a_safe_fork_the_job_runs_here(monkeypatch):
    monkeypatch.setattr(worker, "can_fork", lambda: False)
    with forked_result(os.getpid, "uji") as wait:
        assert wait() == os.getpid()
    # Waited for as a worker is, with work to do meanwhile (the posters' finder job).
    with forked_result(os.getpid, "uji") as wait:
        assert wait(lambda: False) == os.getpid()


def test_a_job_not_worth_a_worker_runs_here(monkeypatch):
    """``fork=False`` (the check stage without a post store): no process to copy the pages."""
    monkeypatch.setattr(worker, "can_fork", lambda: True)
    with forked_result(os.getpid, "uji", fork=False) as wait:
        assert wait() == os.getpid()


def test_an_early_exit_reaps_the_worker(monkeypatch, tmp_path):
    monkeypatch.setattr(worker, "can_fork", lambda: True)
    pid_file = tmp_path / "pid"

    def job():
        pid_file.write_text(str(os.getpid()))
        threading.Event().wait(30)

    with pytest.raises(KeyError), forked_result(job, "uji"):
        for _ in range(300):  # until the worker has started
            if pid_file.exists() and pid_file.read_text():
                break
            threading.Event().wait(0.01)
        raise KeyError("keluar lebih awal")
    pid = int(pid_file.read_text())
    with pytest.raises(ChildProcessError):  # killed and reaped: no longer our child
        os.waitpid(pid, os.WNOHANG)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


GOOD = "A-1,dinas-kesehatan,lapor,layanan kesehatan,2026-01-05T09:15+07:00,2026-01-05T10:00+07:00,2026-01-07T11:00+07:00,resolved,,\n"


def test_the_build_writes_complaint_open_data_in_a_worker(tmp_path, project_copy, monkeypatch):
    """The open data is written by another process (started in the check stage) while the
    build goes on, and a failure there fails the build with the worker's message (the CLI
    reports OSError in Indonesian) and leaves no site and no private folder behind."""
    from generator.build.pipeline import build
    from generator.complaints import opendatajob
    from tests.complaints_util import HEADER, make_data
    from tests.conftest import TODAY

    data = make_data(tmp_path, {"a.csv": HEADER + GOOD})
    writers: list[int] = []
    real = opendatajob.write_open_data

    def recording(*args, **kwargs):
        writers.append(os.getpid())
        if os.environ.get("KANAL_TEST_FAIL_OPEN_DATA"):
            raise OSError("disk penuh")
        return real(*args, **kwargs)

    monkeypatch.setattr(opendatajob, "write_open_data", recording)
    monkeypatch.setattr(worker, "can_fork", lambda: True)  # other tests may leave threads
    out = tmp_path / "site"
    # the worker records in its own memory: see it through the file it writes instead
    build(data, out, project_copy, TODAY)
    assert (out / "data" / "complaints.csv").read_text(encoding="utf-8").count("\n") == 2
    assert writers == []  # the call happened in the worker, not in this process
    monkeypatch.setenv("KANAL_TEST_FAIL_OPEN_DATA", "1")
    with pytest.raises(OSError) as info:
        build(data, tmp_path / "site2", project_copy, TODAY)
    assert str(info.value) == "data terbuka aduan: OSError: disk penuh"
    assert not (tmp_path / "site2").exists()
    assert list(project_copy.docs.parent.glob(".docs-*")) == []


def test_a_job_run_here_fails_as_in_a_worker(monkeypatch):
    """Run in this process, a failure is the same OSError a worker's would be (a database
    error is no OSError: the CLI would print a traceback)."""
    monkeypatch.setattr(worker, "can_fork", lambda: True)

    def job():
        raise ValueError("rusak")

    with (
        forked_result(job, "data terbuka unggahan", fork=False) as wait,
        pytest.raises(OSError) as info,
    ):
        wait()
    assert str(info.value) == "data terbuka unggahan: ValueError: rusak"


def test_the_registry_tables_without_complaint_records_are_written_without_a_worker(
    tmp_path, project_copy, monkeypatch
):
    """Without complaint records the open data is the registry's tables: written in the build's
    own process after the pages, not by a worker copying its pages (a national directory's
    largest share of memory). With records, a worker writes them (the test above)."""
    import shutil

    from generator.build.pipeline import build
    from generator.site import stage
    from tests.conftest import FIXTURES, TODAY

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    writers: list[int] = []
    real = stage.write_complaint_data

    def recording(*args, **kwargs):
        writers.append(os.getpid())  # in a worker, this list is the worker's copy
        return real(*args, **kwargs)

    monkeypatch.setattr(stage, "write_complaint_data", recording)
    monkeypatch.setattr(worker, "can_fork", lambda: True)  # other tests may leave threads
    build(data, tmp_path / "site", project_copy, TODAY)
    assert writers == [os.getpid()]
    assert (tmp_path / "site" / "data" / "agencies.csv").is_file()


def test_a_fed_job_gets_the_late_value_and_sending_never_waits(monkeypatch, tmp_path):
    """forked_feed: the job starts at once, and a value sent while it still works (larger than
    a pipe holds) reaches it without the parent waiting for it to read."""
    monkeypatch.setattr(worker, "can_fork", lambda: True)
    go = tmp_path / "go"
    late = {"rows": list(range(200_000))}  # ~1 MB pickled: 16 times a pipe's buffer

    def job(receive):
        while not go.exists():  # busy until the parent has sent
            threading.Event().wait(0.01)
        return os.getpid(), receive()

    with worker.forked_feed(job, "uji") as (send, wait):
        send(late)  # would block here if it went through the pipe
        go.touch()
        pid, value = wait()
    assert pid != os.getpid() and value == late


def test_a_fed_job_whose_parent_never_sends_fails_and_is_reaped(monkeypatch):
    from tests.test_opendata_worker import _children

    monkeypatch.setattr(worker, "can_fork", lambda: True)
    before = _children()  # a browser test's processes may live beside
    with pytest.raises(KeyError), worker.forked_feed(lambda receive: receive(), "uji"):
        raise KeyError("keluar lebih awal")
    assert _children() == before  # killed and reaped, not even a zombie


def test_a_fed_job_fails_as_a_worker_does(monkeypatch):
    for fork in (True, False):
        monkeypatch.setattr(worker, "can_fork", lambda fork=fork: fork)

        def job(receive):
            raise ValueError(f"rusak {receive()}")

        with worker.forked_feed(job, "data terbuka aduan") as (send, wait):
            send(1)
            with pytest.raises(OSError) as info:
                wait()
        assert str(info.value) == "data terbuka aduan: ValueError: rusak 1"


KILLED_IN_CHECK = """
import os, sys, time
from pathlib import Path
from generator.build import pipeline
from generator.build.project import Project
from generator.complaints import opendatajob
from tests.conftest import TODAY

def writing(*args, **kwargs):
    print(os.getpid(), flush=True)  # the worker, started by the check stage
    time.sleep(60)

opendatajob.write_open_data = writing
data, out, config = map(Path, sys.argv[1:])
pipeline.build(data, out, Project(config), TODAY)
"""


def test_a_build_killed_while_the_early_open_data_is_written(tmp_path, project_copy):
    """SIGKILL while the check stage's open-data worker runs: the worker dies with the build,
    the last good site is untouched, and the next build removes the private folder."""
    import signal
    import subprocess
    import sys
    import time

    from generator.build.pipeline import build
    from tests.complaints_util import HEADER, make_data
    from tests.conftest import ROOT, TODAY

    data = make_data(tmp_path, {"a.csv": HEADER + GOOD})
    out = tmp_path / "site"
    build(data, out, project_copy, TODAY)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_IN_CHECK, str(data), str(out), str(project_copy.config)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        worker_pid = int(proc.stdout.readline())
        assert list(project_copy.docs.parent.glob(f".docs-{proc.pid}-data-*"))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()

    def running(pid: int) -> bool:  # a zombie waiting for init to reap it has ended
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (FileNotFoundError, ProcessLookupError):
            return False

    deadline = time.monotonic() + 10
    while running(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.05)  # the kernel kills it with its parent (PR_SET_PDEATHSIG)
    assert not running(worker_pid)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    build(data, out, project_copy, TODAY)  # the next build cleans up what the kill left
    assert not list(project_copy.docs.parent.glob(f".docs-{proc.pid}-*"))
    assert (out / "data" / "complaints.csv").read_text(encoding="utf-8").count("\n") == 2


def test_waiting_for_a_worker_does_other_work_until_it_is_done(monkeypatch):
    """``wait(idle)`` calls ``idle`` while the worker runs (the build renders posters while
    the complaint open data is written), and stops once the worker has written its value."""
    monkeypatch.setattr(worker, "can_fork", lambda: True)
    read, write = os.pipe()  # the worker ends when the test says so
    calls: list[int] = []

    def idle() -> bool:
        calls.append(1)
        if len(calls) == 5:
            os.write(write, b"x")  # the worker may end now
        return True

    def job(receive):
        if not select.select([read], [], [], 10)[0]:  # never told: idle was not called
            return None
        return receive() * 2

    with worker.forked_feed(job, "uji") as (send, wait):
        send(21)
        assert wait(idle) == 42
    assert len(calls) >= 5  # it was called until the worker ended, not after each call once
    done = len(calls)
    with worker.forked_feed(lambda receive: receive(), "uji") as (send, wait):
        send("ok")
        assert wait(lambda: calls.append(1) or False) == "ok"  # no more to do: just waits
    assert len(calls) - done <= 1
    os.close(read)
    os.close(write)
