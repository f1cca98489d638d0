"""Folders replaced whole: the build's docs folder and the published site.

The new folder is complete before it takes the old one's place, in one atomic exchange where
the system has one (Linux renameat2); the old one is then removed by a process of its own
(generator.build.discard). What a killed build left is cleaned by the next one.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
from collections.abc import Collection
from pathlib import Path

from generator.build.discard import TRASH, discard, discard_site
from generator.build.docslock import PRIVATE_PREFIX, pid_alive

SITE_MARKER = ".kanal-site"


class BuildError(Exception):
    """A build that could not finish for a reason other than invalid data."""


def sync_tree(
    src: Path, dst: Path, keep: Collection[str] = (), previous: set[str] | None = None
) -> set[str] | None:
    """Make ``dst`` equal to ``src``, touching only files that changed (live reload stays calm).
    The files ``keep`` (paths under ``dst``) stay as they are.

    Returns every path ``dst`` now holds, None when not known (``dst`` was moved in whole).
    ``previous`` is what the last call returned: what is not wanted any more is found in it
    instead of by walking all of ``dst`` (a province's 20,000 files: ``kanal serve``).

    ``src`` is a staging folder on the same file system: new and changed files are moved out
    of it (a rename, not a copy of a province's ~1 GB of pages and open data), unchanged ones
    stay where they are in ``dst``. A missing ``dst`` (a fresh checkout: every CI build) gets
    the whole tree in one rename: moving each file out and removing the emptied folders took a
    regency's 1,000 folders seconds of system time on an overlay file system.
    """
    if not os.path.lexists(dst):
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.rename(src, dst)
        return None
    dst.mkdir(parents=True, exist_ok=True)
    wanted: set[str] = set()
    for path in keep:
        wanted.add(os.path.normpath(path))
        parent = os.path.dirname(path)
        while parent and parent not in wanted:
            wanted.add(parent)
            parent = os.path.dirname(parent)
    for folder, dirs, names in os.walk(src):
        rel = os.path.relpath(folder, src)
        for name in dirs:
            path = os.path.normpath(os.path.join(rel, name))
            wanted.add(path)
            target = os.path.join(dst, path)
            if not os.path.isdir(target) or os.path.islink(target):
                _remove(target)
                os.mkdir(target)
        for name in names:
            path = os.path.normpath(os.path.join(rel, name))
            wanted.add(path)
            replace_changed(os.path.join(folder, name), os.path.join(dst, path))
    if previous is not None:
        for path in sorted(previous - wanted, reverse=True):  # a folder's files before it
            _remove(os.path.join(dst, path))
        return wanted
    for folder, dirs, names in os.walk(dst, topdown=False):
        rel = os.path.relpath(folder, dst)
        for name in [*names, *dirs]:
            if os.path.normpath(os.path.join(rel, name)) not in wanted:
                _remove(os.path.join(folder, name))
    return wanted


def replace_changed(source: str | Path, target: str | Path) -> None:
    """Move ``source`` to ``target`` unless ``target`` has the same bytes already (then it is
    left alone, its time too); a folder in its way goes."""
    if os.path.isdir(target) and not os.path.islink(target):
        shutil.rmtree(target)
    elif _same_file(str(source), str(target)):
        return
    os.replace(source, target)
    # Newer than any page built from it (MkDocs' dirty build compares times), also when a
    # copied file kept an older time.
    os.utime(target)


def replace_docs(src: Path, dst: Path) -> None:
    """Make the docs folder ``dst`` the freshly written ``src`` (``kanal build``: MkDocs builds
    all of it into a new site, so no file's time matters). One atomic exchange where the
    system has it; the previous folder is removed by a deleter of its own
    (generator.build.discard), named like a private docs folder (``.docs-PID-trash-XXXX``)
    so that the next build removes what a killed one left (docslock.clean_private).
    :func:`sync_tree` compared each file with its previous copy (a province's 370 MB of open
    data read twice) and left the unchanged copies to be removed with the staging folder."""
    if not os.path.lexists(dst):
        sync_tree(src, dst)
        return
    suffix = f"-trash-{src.parent.name.rsplit('-', 1)[-1]}"
    if not exchange(src, dst):
        aside = dst.with_name(f"{PRIVATE_PREFIX}{os.getpid()}-old{suffix}")
        os.rename(dst, aside)
        os.rename(src, dst)
        src = aside
    discard(src, dst.parent, PRIVATE_PREFIX, suffix)


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def _same_file(a: str, b: str) -> bool:
    """Same bytes (one file linked twice; else sizes first: most changed pages change length)."""
    try:
        sa, sb = os.stat(a), os.lstat(b)
    except FileNotFoundError:
        return False
    if os.path.islink(b) or sa.st_size != sb.st_size:
        return False
    if (sa.st_ino, sa.st_dev) == (sb.st_ino, sb.st_dev):
        return True
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            chunk = fa.read(1 << 20)
            if chunk != fb.read(1 << 20):
                return False
            if not chunk:
                return True


def set_modes(site: Path, keep_umask: bool = False) -> None:
    """Folders 0755 and files 0644, so a web server running as another user can read them.

    ``keep_umask`` applies the process umask instead (for an office that wants the site
    readable by its own group only).
    """
    mask = 0o022
    if keep_umask:
        mask = os.umask(0o022)  # reading the umask means setting it; put it back at once
        os.umask(mask)
    dir_mode, file_mode = 0o755 & ~mask | 0o700, 0o644 & ~mask | 0o600
    # Files written with the usual umask already have these modes: read each mode and change
    # only those that differ. A chmod dirties its inode even when the mode stays the same
    # (2.8 s of CPU for a national site's 207,000 entries; reading them is 1.5 s).
    if stat.S_IMODE(os.lstat(site).st_mode) != dir_mode:
        os.chmod(site, dir_mode)
    folders = [os.fspath(site)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISDIR(mode):
                    folders.append(entry.path)
                    want = dir_mode
                elif stat.S_ISREG(mode):
                    want = file_mode
                else:  # a link's own mode means nothing, and its target may be outside
                    continue
                if stat.S_IMODE(mode) != want:
                    os.chmod(entry.path, want)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where that is unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not glibc >= 2.28, or not Linux
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # e.g. a file system without it
        return False
    raise OSError(err, os.strerror(err), str(b))


def clean_leftovers(out: Path) -> None:
    """Remove the staging folders of killed builds (``.site.new-PID-*``, ``.site.old-PID-*``)
    and previous sites whose deleter was killed (``.site.trash-PID-*``, generator.build.discard).

    A build killed between the two renames of the fallback swap left no site: its old site
    is put back first. A trash folder is never put back.
    """
    for kind in ("old", "new", TRASH):
        prefix = f".{out.name}.{kind}-"
        for path in sorted(out.parent.glob(f"{prefix}*")):
            pid = path.name[len(prefix) :].split("-")[0]
            if pid.isdigit() and pid_alive(int(pid)) and int(pid) != os.getpid():
                continue  # another build is running right now
            if kind == "old" and not out.exists() and (path / SITE_MARKER).exists():
                path.rename(out)
            elif kind == TRASH:  # its deleter ended: whatever it left (a race is harmless)
                shutil.rmtree(path, ignore_errors=True)
            elif path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()


def publish(new_site: Path, out: Path, keep_umask: bool = False) -> None:
    """Swap the finished site into place in one step; refuse to replace a folder Kanal did not make.

    With renameat2 the old and new site trade places atomically: a web server or a killed
    build always sees a complete site. Elsewhere the old site is renamed aside first, and a
    kill between the two renames is repaired by the next build (``clean_leftovers``). The old
    site is then removed by a process of its own, which the build does not wait for
    (generator.build.discard).
    """
    if out.exists() and any(out.iterdir()) and not (out / SITE_MARKER).exists():
        raise BuildError(
            f"folder '{out}' sudah berisi berkas lain; Kanal tidak akan menimpanya. Pilih --out lain."
        )
    marker = new_site / SITE_MARKER
    marker.write_text("Dibuat oleh kanal build; boleh diganti seluruhnya.\n", encoding="utf-8")
    set_modes(new_site, keep_umask)
    if not out.exists():
        new_site.rename(out)
        return
    if exchange(new_site, out):
        discard_site(new_site, out)  # it now holds the previous site
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}-{new_site.name.rsplit('-', 1)[-1]}")
    out.rename(old)
    new_site.rename(out)
    discard_site(old, out)
