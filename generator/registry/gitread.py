"""Reading a repository's history with git plumbing: nothing is checked out or written.

``log_commits`` streams ``git log -z --raw`` (the blob ids of the files each commit changed)
and stops at its bounds; ``Blobs`` asks one ``git cat-file --batch`` process for contents,
in batches, and keeps each parsed blob by its id. Every git process is bounded in time.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Generic, TypeVar

T = TypeVar("T")
GIT_TIMEOUT = 300  # seconds for one git process (a province's years of history take a few)
BATCH = 256  # blob ids asked of git cat-file at a time (well under a pipe's buffer)
CACHE_MAX = 50_000  # parsed blobs kept for reuse by id


class GitError(Exception):
    """git failed or answered unexpectedly; the message says why."""


@dataclass
class Commit:
    sha: str
    time: int
    parent: str | None
    files: list[tuple[str, str, str, str]]  # (old mode, old blob, new mode, new blob) + path
    paths: list[str]


# Reading history never uses the network: a partial clone's missing blob is not fetched
# (lazy fetching is off and every transport refused), and nothing prompts.
GIT = ("git", "--literal-pathspecs", "-c", "protocol.allow=never")


def _git_env() -> dict[str, str]:
    # A pager, a locale or a caller's GIT_DIR must not change what is read.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        LC_ALL="C",
        GIT_PAGER="cat",
        GIT_OPTIONAL_LOCKS="0",
        GIT_NO_LAZY_FETCH="1",
        GIT_TERMINAL_PROMPT="0",
    )
    return env


def run_git(args: list[str], cwd: Path) -> bytes:
    try:
        result = subprocess.run(
            [*GIT, *args],
            cwd=cwd,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            env=_git_env(),
        )
    except subprocess.TimeoutExpired:
        raise GitError("waktu habis") from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"]
        raise GitError(next((line for line in lines if line.startswith("fatal:")), lines[-1]))
    return result.stdout


class _Killer:
    """Kills a streaming git process that outlives ``GIT_TIMEOUT`` (the timer thread is joined
    before returning, so no thread outlives the read and forking stays safe)."""

    def __init__(self, proc: subprocess.Popen[bytes]):
        self.timer = threading.Timer(GIT_TIMEOUT, proc.kill)

    def __enter__(self) -> _Killer:
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        self.timer.join()


def _tokens(stream: IO[bytes]) -> Iterator[bytes]:
    """NUL-separated tokens of ``git log -z`` as they arrive."""
    rest = b""
    while chunk := stream.read(1 << 16):
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def log_commits(
    top: Path, paths: list[str], max_commits: int, max_versions: int
) -> tuple[list[Commit], bool]:
    """The newest commits touching ``paths`` on the first-parent line, newest first, within the
    bounds; True when older ones were left out."""
    proc = subprocess.Popen(
        [
            *GIT,
            "-c",
            "log.showSignature=false",
            "log",
            "-z",
            "--first-parent",
            "-m",
            "--root",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "--no-color",
            f"--max-count={max_commits + 1}",
            "--format=%x01%H %ct %P",
            "--",
            *paths,
        ],
        cwd=top,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_git_env(),
    )
    commits: list[Commit] = []
    versions = 0
    cut = False
    assert proc.stdout is not None
    with _Killer(proc):
        try:
            tokens = _tokens(proc.stdout)
            for token in tokens:
                token = token.lstrip(b"\n")
                if token.startswith(b"\x01"):
                    if len(commits) == max_commits or versions > max_versions:
                        cut = True
                        break
                    head = token[1:].decode("ascii").split()
                    parent = head[2] if len(head) > 2 else None
                    commits.append(Commit(head[0], int(head[1]), parent, [], []))
                elif token.startswith(b":") and commits:
                    meta = token[1:].decode("ascii").split()
                    path = next(tokens, b"").decode("utf-8", "surrogateescape")
                    commits[-1].files.append((meta[0], meta[2], meta[1], meta[3]))
                    commits[-1].paths.append(path)
                    versions += 1
        finally:
            proc.kill()  # stops it early when a bound was reached; no-op once it has ended
            proc.stdout.close()
            code = proc.wait()
    if not cut and code != 0:
        raise GitError(f"git log berhenti dengan kode {code}")
    if versions > max_versions and commits and not cut:
        cut = True
    while versions > max_versions and len(commits) > 1:  # drop the oldest over the bound
        versions -= len(commits.pop().files)
    return commits, cut


class Blobs(Generic[T]):
    """``git cat-file --batch``: blob contents by id, each parsed once and kept by hash."""

    def __init__(self, top: Path, parse: Callable[[bytes, str], T | None], max_bytes: int):
        self.parse, self.max_bytes = parse, max_bytes
        self.proc = subprocess.Popen(
            [*GIT, "cat-file", "--batch"],
            cwd=top,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_git_env(),
        )
        self.cache: dict[str, T | None] = {}
        self.killer = _Killer(self.proc).__enter__()  # bounds the whole read in time

    def close(self) -> None:
        self.killer.__exit__()
        self.proc.kill()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()
        self.proc.wait()

    def load(self, wanted: list[tuple[str, str]], keep: set[str]) -> None:
        """Parse every (blob, path) not cached yet; ``keep`` are the blobs still in use."""
        todo = list({sha: path for sha, path in wanted if sha not in self.cache}.items())
        if len(self.cache) + len(todo) > CACHE_MAX:
            self.cache = {k: v for k, v in self.cache.items() if k in keep}
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None
        for start in range(0, len(todo), BATCH):
            chunk = todo[start : start + BATCH]
            stdin.write(b"".join(sha.encode("ascii") + b"\n" for sha, _ in chunk))
            stdin.flush()
            for sha, path in chunk:
                head = stdout.readline().split()
                if len(head) != 3:
                    raise GitError(f"objek {sha} tidak ditemukan")
                size = int(head[2])
                if size > self.max_bytes:  # too large to be a data file: skipped unread
                    left = size + 1
                    while left:
                        chunk = stdout.read(min(left, 1 << 20))
                        if not chunk:
                            raise GitError("git cat-file berhenti")
                        left -= len(chunk)
                    self.cache[sha] = None
                    continue
                body = stdout.read(size + 1)
                if len(body) != size + 1:
                    raise GitError("git cat-file berhenti")
                body = body[:-1]
                self.cache[sha] = self.parse(body, path) if head[1] == b"blob" else None
