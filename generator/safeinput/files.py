"""Input files read safely: regular files inside their folder, never through a link, bounded.

Kanal reads folders written by many hands. A symbolic link would let it publish a file from
outside the repository (``/proc/self/environ``, a private key), a FIFO would block the reader
forever, and a folder named ``x.yml`` is not a file. Each such path gets a located error
instead of a traceback, and nothing is opened before it is known to be a regular file.

The rule for links is the simplest one that is safe: no symbolic link anywhere under
``data/``, ``content/`` or ``theme/``, not even one that points inside (copy the file
instead). Only the folder given on the command line may itself be a link. Files are opened
with ``O_NOFOLLOW`` and checked again with ``fstat``, so a file swapped for a link or a FIFO
between the listing and the read is refused too.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from generator.safeinput.problems import Location, Problems, display_path

MB = 1024 * 1024
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_CLOEXEC", 0)
)

LINK_MESSAGE = (
    "berupa tautan simbolik; Kanal tidak mengikuti tautan (isinya bisa berasal dari luar "
    "repositori), salin berkasnya ke sini"
)


def _odd_kind(mode: int) -> str | None:
    """What a non-regular entry is, in the words of the messages; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "tautan simbolik"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO (pipa bernama)"
    if stat.S_ISSOCK(mode):
        return "soket"
    return "berkas perangkat"


def odd_message(mode: int) -> str:
    """The message for an entry that is not a regular file."""
    kind = _odd_kind(mode)
    if kind == "tautan simbolik":
        return LINK_MESSAGE
    if kind == "folder":
        return "berupa folder, bukan berkas; ganti nama foldernya atau pindahkan isinya"
    return f"berupa {kind}, bukan berkas biasa; hapus atau ganti dengan berkas biasa"


def _size(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",") + " MB"


def _open_failure(exc: OSError, links_refused: bool) -> str:
    """Why a file could not be opened, for the person who owns it."""
    if isinstance(exc, FileNotFoundError):
        return "berkas tidak ditemukan"
    if isinstance(exc, PermissionError):
        return "berkas tidak bisa dibaca: izin ditolak; periksa hak aksesnya"
    if links_refused and exc.errno == errno.ELOOP:
        return LINK_MESSAGE
    return f"berkas tidak bisa dibaca: {exc.strerror}"


def read_bytes(path: Path | str, shown: str, problems: Problems, max_bytes: int) -> bytes | None:
    """The content of a regular file of at most ``max_bytes``; else a located error and None."""
    try:
        mode = os.lstat(path).st_mode
        if _odd_kind(mode):
            problems.error(Location(shown), "", odd_message(mode))
            return None
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        # ELOOP from O_NOFOLLOW: the file became a link after the lstat.
        problems.error(Location(shown), "", _open_failure(exc, links_refused=True))
        return None
    try:  # the descriptor itself, not a buffered file object: thousands of small files
        info = os.fstat(fd)
        if _odd_kind(info.st_mode):
            problems.error(Location(shown), "", odd_message(info.st_mode))
            return None
        if info.st_size > max_bytes:
            problems.error(Location(shown), "", _too_big(info.st_size, max_bytes))
            return None
        try:
            data = _read_at_most(fd, max_bytes + 1, info.st_size)
        except OSError as exc:
            problems.error(Location(shown), "", f"berkas tidak bisa dibaca: {exc.strerror}")
            return None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # grew after the fstat
        problems.error(Location(shown), "", _too_big(len(data), max_bytes))
        return None
    return data


def _read_at_most(fd: int, limit: int, expected: int) -> bytes:
    """Up to ``limit`` bytes until the end of the file, in chunks of at most 1 MB: one
    ``read(limit)`` would reserve the whole limit at once. The first read asks for one byte
    more than the ``expected`` size, so a file that did not change is read in one go."""
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        want = min(1 << 20, limit - total)
        if total <= expected:
            want = min(want, expected + 1 - total)
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"berkas terlalu besar ({_size(size)}; batas {_size(max_bytes)}); "
        "pecah menjadi beberapa berkas"
    )


def read_text(
    path: Path | str, shown: str, problems: Problems, max_bytes: int, encoding: str = "utf-8"
) -> str | None:
    """Like :func:`read_bytes`, decoded as UTF-8; a byte that is not UTF-8 is a located error."""
    data = read_bytes(path, shown, problems, max_bytes)
    if data is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        from generator.safeinput.yamlerrors import NOT_UTF8, not_utf8_position

        line, col = not_utf8_position(exc)
        problems.error(Location(shown, line, col), "", NOT_UTF8)
        return None


def check_given_file(path: Path, problems: Problems, max_bytes: int) -> bool:
    """A file named on the command line: may be a link (the user chose it), but must be a
    readable regular file within ``max_bytes``; else a located error and False."""
    where = Location(display_path(path))
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            problems.error(where, "", odd_message(info.st_mode))
            return False
        os.close(os.open(path, _OPEN_FLAGS & ~getattr(os, "O_NOFOLLOW", 0)))
    except OSError as exc:
        problems.error(where, "", _open_failure(exc, links_refused=False))
        return False
    if info.st_size > max_bytes:
        problems.error(where, "", _too_big(info.st_size, max_bytes))
        return False
    return True


def input_files(
    root: Path, suffixes: Iterable[str], problems: Problems, recursive: bool = True
) -> list[Path]:
    """Regular files under ``root`` whose names end with one of ``suffixes``, sorted.

    Every symbolic link under ``root`` (``root`` included) is an error and is not followed;
    so is a folder, FIFO, socket or device whose name ends with a suffix. A missing ``root``
    gives no files and no error (the caller decides whether that is one).
    """
    ends = tuple(suffixes)
    found: list[Path] = []
    if not check_root(root, problems):
        return found
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_entry_name)
        except OSError as exc:
            problems.error(
                Location(display_path(folder)), "", f"folder tidak bisa dibaca: {exc.strerror}"
            )
            continue
        for entry in entries:
            # The entry's type comes from the listing itself (no stat call per file on Linux);
            # is_dir and is_file never follow a link here.
            if entry.is_symlink():
                problems.error(Location(display_path(Path(entry.path))), "", LINK_MESSAGE)
            elif entry.is_dir(follow_symlinks=False):
                if entry.name.endswith(ends):
                    problems.error(
                        Location(display_path(Path(entry.path))), "", odd_message(stat.S_IFDIR)
                    )
                if recursive:
                    pending.append(Path(entry.path))
            elif entry.name.endswith(ends):
                if entry.is_file(follow_symlinks=False):
                    found.append(Path(entry.path))
                else:
                    mode = entry.stat(follow_symlinks=False).st_mode
                    problems.error(Location(display_path(Path(entry.path))), "", odd_message(mode))
    return sorted(found, key=_parts)  # the order of sorted(paths), without Path comparisons


def _entry_name(entry: os.DirEntry) -> str:
    return entry.name


def _parts(path: Path) -> tuple[str, ...]:
    return path.parts


def check_root(root: Path, problems: Problems, missing_ok: bool = False) -> bool:
    """A folder Kanal reads from: True when it is one (or, with ``missing_ok``, is missing);
    a link, a file or an unreadable entry is a problem."""
    try:
        mode = os.lstat(root).st_mode
    except FileNotFoundError:
        return missing_ok
    except NotADirectoryError:  # a folder on the way is a file (data/posts/tiktok as a file)
        problems.error(
            Location(display_path(root)), "", "tidak bisa dibaca: folder di atasnya berupa berkas"
        )
        return False
    except OSError as exc:
        problems.error(Location(display_path(root)), "", f"tidak bisa dibaca: {exc.strerror}")
        return False
    if stat.S_ISLNK(mode):
        problems.error(Location(display_path(root)), "", LINK_MESSAGE)
        return False
    if not stat.S_ISDIR(mode):
        problems.error(Location(display_path(root)), "", "harus berupa folder")
        return False
    return True


def linked_part(root: Path, path: Path) -> Path | None:
    """The first of ``root`` and the folders from it down to ``path`` that is a link, if any."""
    current = root
    parts = path.relative_to(root).parts
    for part in ("", *parts):
        current = current / part if part else current
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return current
        except (FileNotFoundError, NotADirectoryError):  # check_root reports a file on the way
            return None
    return None


def check_tree(root: Path, problems: Problems) -> None:
    """Report every link and every entry that is neither a folder nor a regular file."""
    if not check_root(root, problems):
        return
    for folder, dirs, files in os.walk(root):  # os.walk never descends into linked folders
        for name in sorted([*dirs, *files]):
            path = Path(folder) / name
            mode = os.lstat(path).st_mode
            if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                problems.error(Location(display_path(path)), "", odd_message(mode))


def copy_tree(src: Path, dst: Path) -> None:
    """Copy folders and regular files only; links and other entries are left behind.

    :func:`check_tree` reports them first; this is the second lock on the same door.
    """
    for folder, dirs, files in os.walk(src):
        base = Path(folder)
        target = dst / base.relative_to(src)
        target.mkdir(parents=True, exist_ok=True)
        dirs[:] = [d for d in dirs if stat.S_ISDIR(os.lstat(base / d).st_mode)]
        for name in files:
            source = base / name
            if not stat.S_ISREG(os.lstat(source).st_mode):
                continue
            fd = os.open(source, _OPEN_FLAGS)
            with os.fdopen(fd, "rb") as fh:
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    continue
                with open(target / name, "wb") as out:
                    shutil.copyfileobj(fh, out)
            shutil.copystat(source, target / name, follow_symlinks=False)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never a mix:
    a temporary file beside it, synced, then renamed over it. An interrupted or failed write
    (disk full, killed) leaves ``path`` as it was and no temporary file behind. ``mode``: the
    file's permissions; by default those of a new file (mkstemp's own are private, 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if mode is None:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.fchmod(fh.fileno(), stat.S_IMODE(mode))
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
