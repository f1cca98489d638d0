"""Time of a regency's CI run: the pull-request job's commands and the build, on the demo.

    python benchmarks/ci_run.py

Makes a region repository from the demo data (307 agencies, 448 accounts, complaints and post
history) in a temporary folder, commits it, commits a change of one Instagram URL, then runs
the commands of the workflow files as CI does (separate processes, from the repository root)
and prints the time of each. Installing Kanal (pip, cached) and the actions are not included.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KANAL = [sys.executable, "-m", "generator"]


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return out.stdout.strip()


def timed(label: str, argv: list[str], repo: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    print(f"{label:<48} {seconds:6.1f} s  (status {result.returncode})")
    if result.returncode not in (0, 3):  # 3: kanal diff found the sensitive change
        print(result.stderr[-2000:])
    return seconds


def main() -> int:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795305600", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="kanal-ci-") as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        for name in ("mkdocs.yml", "content", "theme", "data"):
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, repo / name)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", ".")
        git(repo, "-c", "user.name=Uji", "-c", "user.email=uji@example.go.id", "commit", "-qm", "a")
        base = git(repo, "rev-parse", "HEAD")
        path = repo / "data" / "agencies" / "opd" / "bank-daerah.yml"
        text = path.read_text(encoding="utf-8")
        text = text.replace('"@bankcontoh"', '"@bankcontoh1"')
        path.write_text(text.replace("instagram.com/bankcontoh/", "instagram.com/bankcontoh1/"))
        git(
            repo, "-c", "user.name=Uji", "-c", "user.email=uji@example.go.id", "commit", "-qam", "b"
        )
        total = timed(
            "kanal check --format github", [*KANAL, "check", "--format", "github"], repo, env
        )
        total += timed(
            "kanal diff --format markdown BASE HEAD",
            [*KANAL, "diff", "--format", "markdown", base, "HEAD"],
            repo,
            env,
        )
        total += timed("kanal build", [*KANAL, "build"], repo, env)
        print(f"{'pull-request job commands, total':<48} {total:6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
