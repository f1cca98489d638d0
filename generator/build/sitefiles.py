"""Files that reach the site as they are, past MkDocs: the posters (``poster/<id>.html``) and,
in ``kanal build``, the finder's files (``assets/kanal/indeks.json``, its shards under
``assets/kanal/indeks/``, ``assets/kanal/finder.json``; made in the posters' process, except
a province's, whose finder adds its members' rows: then only the shards).

MkDocs lists every file of its docs folder and copies each static one into the site with a
``makedirs`` and a copy of its own: for a national directory's 91,561 posters that was more
than half of its stage. The render stage writes them into a folder of their own instead
(``generator.site.stage.write_docs``, ``files``), and they join the site after MkDocs:

- ``kanal build`` writes them beside the site being staged and moves each of their folders
  into it with one rename (:func:`move_into`), before the finished site is swapped in: a
  failed build leaves the last good site as it was.
- ``kanal serve`` keeps the index shards in its docs folder (its memo keeps those whose bytes
  did not change), and the posters in ``build/docs-files`` between rebuilds (only changed
  posters are rendered again), which it links into the preview's site (:func:`link_into`): a
  hard link each, made only where the site does not have that file already.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.site.pages import FINDER_FILE
from generator.site.posters import POSTER_DIR
from generator.site.shards import INDEX_FILE, SHARD_FOLDER

# The folders and files past MkDocs (generator.site.stage.write_docs' ``files``), as the site
# has them: what kanal build moves into its site, and what kanal serve links into its.
FINDER_FILES = (INDEX_FILE, FINDER_FILE)  # the finder's files beside its shards
PAST_MKDOCS = (POSTER_DIR, SHARD_FOLDER, *FINDER_FILES)
SERVED_PAST_MKDOCS = (POSTER_DIR,)


class _Later(File):
    """A file that joins the site after MkDocs: known to MkDocs (a page may link to it, and
    strict mode checks the link), never written by it."""

    def copy_file(self, dirty: bool = False) -> None:
        return None


class PastMkDocs(BasePlugin):
    """Tells MkDocs of the files ``kanal build`` adds to its site after MkDocs (the finder's
    index made in the posters' process: ``tentang-data.md`` links to it)."""

    def __init__(self, paths: Iterable[str]) -> None:
        super().__init__()
        self.paths = tuple(paths)

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        for path in self.paths:
            if files.get_file_from_path(path) is None:
                files.append(_Later(path, None, config.site_dir, config.use_directory_urls))
        return files


def install(config: Any, paths: Iterable[str]) -> None:
    """Add :class:`PastMkDocs` for ``paths`` to a loaded MkDocs configuration."""
    if paths:
        config.plugins["kanal-past-mkdocs"] = PastMkDocs(paths)


class FilesClash(Exception):
    """MkDocs made a path the files past MkDocs also have (content/ cannot: GENERATED_PATHS)."""


def move_into(files: Path, site: Path, folders: Iterable[str] = PAST_MKDOCS) -> None:
    """Move each of ``folders`` that ``files`` holds to the same place in ``site`` (one rename
    each, same file system as the staged site; a folder above it is made when MkDocs made
    none)."""
    for folder in folders:
        entry, target = files / folder, site / folder
        if not os.path.lexists(entry):
            continue
        if os.path.lexists(target):
            raise FilesClash(str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(entry, target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            shutil.move(entry, target)  # another file system: copied, then removed


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    """The site's file is the files folder's: one inode, or a copy with its size and time
    (copy2 keeps the time; a poster written again gets a new one)."""
    return (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev) or (
        a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns
    )


def _place(source: str, target: str) -> bool:
    """Make ``target`` the file ``source`` (a hard link, a copy across file systems) unless it
    is already; True when it was placed."""
    stat = os.stat(source)
    try:
        if _same(stat, os.lstat(target)):
            return False
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)
        else:
            os.unlink(target)
    except FileNotFoundError:
        pass
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK):
            raise
        shutil.copy2(source, target)
    return True


def link_changed(files: Path, site: Path, paths: Iterable[str]) -> int:
    """Place only ``paths`` (relative to ``files``: what a rebuild wrote) into ``site``, when
    the site already holds every other file of ``files`` and nothing was removed from it (a
    preview's rebuild after an edit: a province's 9,174 posters are not walked again)."""
    placed = 0
    for rel in sorted(paths):
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        placed += _place(str(files / rel), str(target))
    return placed


def link_into(files: Path, site: Path, tops: Iterable[str]) -> int:
    """Make each folder ``tops`` names (``poster``) hold in ``site`` what it holds in ``files``:
    hard links (a copy across file systems), made only where the site's file differs; what
    ``files`` does not have goes from the site. Returns how many files were linked or copied."""
    placed = 0
    for top_name in tops:
        top = files / top_name
        wanted: set[str] = set()
        for folder, _dirs, names in os.walk(top):
            rel = os.path.relpath(folder, files)
            wanted.add(os.path.normpath(rel))
            target_dir = site / rel
            if target_dir.is_symlink() or (target_dir.exists() and not target_dir.is_dir()):
                target_dir.unlink()
            target_dir.mkdir(parents=True, exist_ok=True)
            for name in names:
                source, target = os.path.join(folder, name), os.path.join(target_dir, name)
                wanted.add(os.path.normpath(os.path.join(rel, name)))
                placed += _place(source, target)
        gone = [] if top.is_dir() else [site / top_name]
        for folder, dirs, names in os.walk(site / top_name):
            rel = os.path.relpath(folder, site)
            for name in [*dirs, *names]:
                path = os.path.normpath(os.path.join(rel, name))
                if path not in wanted:
                    gone.append(site / path)
        for path in gone:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)  # may lie inside a folder removed first
            elif os.path.lexists(path):
                path.unlink()
    return placed
