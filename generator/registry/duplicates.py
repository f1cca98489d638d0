"""One account listed by two agencies: told at both places, with the one git saw change last.

The second listing in file order is not the mistake more often than the first: ``kecamatan/``
sorts before ``opd/``, so an account pasted into a village by mistake used to put the error on
the correct, older OPD file. Both places are reported; when the files are in a git repository
the one changed most recently (uncommitted changes count as now) is named as the likely slip.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.safeinput.problems import Location, Problems

GIT_TIMEOUT = 5.0  # seconds per git call: a build never waits long for an answer it can skip
MAX_GIT_FILES = 20  # files asked about per run; beyond that, both places without a claim
UNCOMMITTED = float("inf")  # newer than any commit; two uncommitted files: no claim


@dataclass(frozen=True)
class Claim:
    agency_id: str
    where: Location  # the account item
    field: str  # "accounts[0]" as problems show it


def _git(folder: str, *args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            ["git", "-C", folder or ".", *args],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None


def changed_at(path: str) -> float | None:
    """When git saw ``path`` change last: now if it has uncommitted changes, else its last
    commit's time; None outside a repository, for a file git does not track, or without git."""
    folder, name = os.path.split(path)
    status = _git(folder, "status", "--porcelain", "--", name)
    if status is None or status.returncode != 0:
        return None
    if status.stdout.strip():
        return UNCOMMITTED  # modified, added or untracked: the newest version is this one
    log = _git(folder, "log", "-1", "--format=%ct", "--", name)
    if log is None or log.returncode != 0 or not log.stdout.strip().isdigit():
        return None
    return float(log.stdout.strip())


class DuplicateAccounts:
    """Collects accounts claimed twice during validation, then reports each at both places."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, Claim, Claim]] = []

    def add(self, url: str, first: Claim, second: Claim) -> None:
        self.pairs.append((url, first, second))

    def report(self, problems: Problems) -> None:
        times: dict[str, float | None] = {}
        for _url, first, second in self.pairs:
            for claim in (first, second):
                path = claim.where.path
                if path not in times and len(times) < MAX_GIT_FILES and Path(path).is_file():
                    times[path] = changed_at(path)
        for url, first, second in self.pairs:
            newer = _newer(first, second, times)
            for this, other in ((second, first), (first, second)):
                who = (
                    "instansi ini juga"
                    if other.agency_id == this.agency_id
                    else f"'{other.agency_id}'"
                )
                hint = ""
                if newer is this:
                    hint = "; menurut git, tempat ini yang lebih baru diubah: mungkin salah tempel di sini"
                elif newer is other:
                    hint = f"; menurut git, {other.where.path} yang lebih baru diubah"
                problems.error(
                    this.where,
                    this.field,
                    f"akun {url} juga dicantumkan oleh {who} ({other.where}){hint}; "
                    "satu akun hanya milik satu instansi",
                )


def _newer(first: Claim, second: Claim, times: dict[str, float | None]) -> Claim | None:
    a, b = times.get(first.where.path), times.get(second.where.path)
    if a is None or b is None or a == b or first.where.path == second.where.path:
        return None  # no history, or one file: no claim
    return first if a > b else second
