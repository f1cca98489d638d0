"""The region repository's git repository, on branch ``main`` as its CI files expect."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

GIT_TIMEOUT = 60  # seconds per git call; a fresh repository of a few hundred files


def run_git(
    folder: Path, *args: str, timeout: float = GIT_TIMEOUT
) -> subprocess.CompletedProcess[str] | None:
    """``git ARGS`` in ``folder``, never prompting; None when git is missing or times out."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None


def create_repository(folder: Path, message: str) -> list[str]:
    """``git init`` on ``main`` (also with a git older than 2.28) and a first commit.

    Returns what the clerk should know, in Indonesian; an empty list when all went well."""
    by_hand = f'cd {folder} && git init -b main && git add -A && git commit -m "{message}"'
    if shutil.which("git") is None:
        return [
            "git tidak ditemukan, jadi repositori git belum dibuat. Pasang git "
            "(Debian/Ubuntu: sudo apt install git; Windows: https://git-scm.com), lalu jalankan:",
            f"  {by_hand}",
        ]
    inside = run_git(folder, "rev-parse", "--show-toplevel")
    if inside is not None and inside.returncode == 0:
        return [
            f"folder ini sudah di dalam repositori git {inside.stdout.strip()}; tidak dibuat repositori baru."
        ]
    done = run_git(folder, "init", "-q", "-b", "main")
    if done is None or done.returncode != 0:  # git before 2.28 has no -b
        done = run_git(folder, "init", "-q")
        if done is not None and done.returncode == 0:
            done = run_git(folder, "symbolic-ref", "HEAD", "refs/heads/main")
    if done is None or done.returncode != 0:
        why = (done.stderr.strip() if done is not None else "") or "tanpa keterangan"
        return [f"git init gagal ({why}); buat repositorinya sendiri:", f"  {by_hand}"]
    added = run_git(folder, "add", "-A")
    committed = (
        added is not None
        and added.returncode == 0
        and run_git(folder, "commit", "-q", "-m", message)
    )
    if not committed or committed.returncode != 0:
        return [
            "Repositori git dibuat di cabang main, tetapi commit pertama belum: git belum tahu "
            "nama dan surel Anda. Jalankan:",
            '  git config --global user.name "Nama Anda"',
            '  git config --global user.email "anda@instansi.go.id"',
            f'  cd {folder} && git add -A && git commit -m "{message}"',
        ]
    return []
