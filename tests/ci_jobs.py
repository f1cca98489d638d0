"""Run the shell steps of a generated GitHub Actions job as GitHub does, on this machine.

Shared by tests/test_ci_files.py (do the jobs work?) and benchmarks/ci_run.py and
benchmarks/feeds.py (how long do they take?): both run exactly the steps ``kanal init`` writes.
Skipped: the install step (``pip install "$KANAL_SPEC"``; the caller's Python already has
Kanal; :func:`checkout_wheel` and :func:`install_env` run it apart) and the ``uses:``
actions, which only GitHub runs.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# The `if:` conditions the generated workflows use, as functions of the triggering event.
CONDITIONS = {"github.event_name != 'push'": lambda event: event != "push"}


@dataclass
class Step:
    """One step that ran: its name, exit status, stdout, wall and CPU seconds (children)."""

    name: str | None
    status: int
    stdout: str
    stderr: str
    wall: float
    cpu: float


class StepFailed(AssertionError):
    """A step exited with a status other than 0 (GitHub fails the job)."""


def job_env(tmp_path: Path, epoch: str, **extra: str) -> dict[str, str]:
    """A job's environment: this Python's ``kanal`` first on PATH, no user git config, GitHub's
    step-summary and output files in ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GIT_"))}
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
        SOURCE_DATE_EPOCH=epoch,
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
        GITHUB_OUTPUT=str(tmp_path / "output.txt"),
        HOME=str(tmp_path),  # no user git config: the job must name its own committer
        GIT_CONFIG_NOSYSTEM="1",
    )
    env.update(extra)
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def checkout_wheel(dist: Path) -> Path:
    """A wheel of this checkout (what ``KANAL_SPEC`` names when the install step is run here)."""
    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(root)],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("kanal-*.whl")
    return wheel


def install_env(venv: Path, wheel: Path, **extra: str) -> dict[str, str]:
    """The environment of the install step run into ``venv``: first on PATH, as
    setup-python's Python is, ``KANAL_SPEC`` the wheel, and no ``VIRTUAL_ENV`` of the caller
    (``python -m uv`` keeps one it finds set and would install there)."""
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env |= {"KANAL_SPEC": str(wheel), **extra}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    return env


def run_step(
    script: str, cwd: Path, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    """One ``run:`` script as GitHub runs it: bash -eo pipefail, no profile or rc file."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_github_job(
    job: dict, repo: Path, env: dict[str, str], event: str, timeout: float = 300
) -> list[Step]:
    """Run the job's shell steps as GitHub does (bash -eo pipefail), in order; raises
    ``StepFailed`` on the first step that fails. ``${{ X }}`` in a step's env is
    ``env["CTX:X"]``."""
    ran = []
    for step in job["steps"]:
        if "run" not in step or "pip install" in step["run"]:
            continue
        if "if" in step and not CONDITIONS[step["if"]](event):
            continue
        step_env = dict(env)
        for key, value in (step.get("env") or {}).items():
            step_env[key] = re.sub(
                r"\$\{\{\s*([^}]+?)\s*\}\}", lambda m: env["CTX:" + m.group(1)], str(value)
            )
        cpu, start = _children_cpu(), time.perf_counter()
        result = run_step(step["run"], repo, step_env, timeout)
        wall = time.perf_counter() - start
        done = Step(
            step.get("name"),
            result.returncode,
            result.stdout,
            result.stderr,
            wall,
            _children_cpu() - cpu,
        )
        if result.returncode != 0:
            raise StepFailed((done.name, result.stdout, result.stderr))
        ran.append(done)
    return ran
