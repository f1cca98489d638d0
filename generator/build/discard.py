"""The previous site, once swapped out, removed by a process of its own at the lowest priority.

Removing a province's previous site (~22,000 files, 500 MB) took 2.6 s of the build's wall
time at idle, and tens of seconds when other processes used the disk (ext4 with online
discard): time in which the new site was already published. The swap renames it to
``.SITE.trash-PID-XXXX`` beside the site (never inside it, never a name that is published or
put back: ``clean_leftovers`` only restores ``.SITE.old-*``) and hands it to a detached
process (nice 19, which also lowers its disk priority under CFQ/BFQ) that renames it to its
own pid and removes it; ``kanal build`` returns without waiting. A deleter that is killed,
or a build killed before it starts one, leaves the folder for the next build's
``clean_leftovers``, which skips a trash folder whose deleter still runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TRASH = "trash"

# The deleter: python -S (no site packages: ~20 ms to start); argv: the trash folder, then
# the folder and the start and end of its name around a pid. It forks and its first process
# exits at once: the build waits for that one only, and the second, an orphan, is reaped by
# init (no zombie in a long-lived `kanal serve`).
_DELETER = """
import os, shutil, sys
if os.fork():
    os._exit(0)
os.nice(19)
path, parent, head, tail = sys.argv[1:]
own = os.path.join(parent, head + str(os.getpid()) + tail)
try:
    os.rename(path, own)
except OSError:
    own = path
shutil.rmtree(own, ignore_errors=True)
"""


def discard(folder: Path, parent: Path, head: str, tail: str) -> Path:
    """Rename ``folder`` to ``parent/{head}{pid}{tail}`` and start its deleter, which renames
    it to its own pid first; returns the trash folder's first name. Where no process can be
    started it is removed here."""
    trash = parent / f"{head}{os.getpid()}{tail}"
    os.rename(folder, trash)
    try:
        subprocess.run(
            [sys.executable, "-S", "-c", _DELETER, str(trash), str(parent), head, tail],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C in the shell does not stop it half-way
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        import shutil

        shutil.rmtree(trash, ignore_errors=True)
    return trash


def discard_site(folder: Path, out: Path) -> Path:
    """``folder``, the previous site of ``out``, to ``.SITE.trash-PID-XXXX`` and its deleter."""
    suffix = folder.name.rsplit("-", 1)[-1]
    return discard(folder, out.parent, f".{out.name}.{TRASH}-", f"-{suffix}")
