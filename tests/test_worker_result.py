"""forked_result: the check stage reads the post history in a worker and gets it back whole."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest

from generator import worker
from generator.worker import forked_result


def test_the_value_comes_back_from_another_process():
    def job():
        return os.getpid(), {"a": np.arange(5)}, [None, "ü"]

    with forked_result(job, "uji") as wait:
        pid, mapping, items = wait()
    assert pid != os.getpid()  # really ran in the worker
    assert mapping["a"].tolist() == [0, 1, 2, 3, 4] and items == [None, "ü"]


def test_a_failure_in_the_worker_is_an_error_here():
    def job():
        raise ValueError("rusak")

    with forked_result(job, "riwayat unggahan") as wait, pytest.raises(RuntimeError) as info:
        wait()
    assert str(info.value) == "riwayat unggahan: ValueError: rusak"


def test_a_worker_killed_is_an_error_not_a_hang():
    def job():
        os.kill(os.getpid(), 9)

    with forked_result(job, "riwayat unggahan") as wait, pytest.raises(RuntimeError) as info:
        wait()
    assert str(info.value) == "riwayat unggahan: proses pekerja berhenti (kode -9)"


def test_without_a_safe_fork_the_job_runs_here(monkeypatch):
    monkeypatch.setattr(worker, "can_fork", lambda: False)
    with forked_result(os.getpid, "uji") as wait:
        assert wait() == os.getpid()


def test_an_early_exit_reaps_the_worker():
    stop = threading.Event()

    def job():
        stop.wait(30)

    with pytest.raises(KeyError), forked_result(lambda: job(), "uji"):
        raise KeyError("keluar lebih awal")
    # the worker was killed and reaped: no child of ours is left
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
