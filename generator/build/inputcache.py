"""What ``kanal serve`` keeps between two checks of one data folder.

An edit to one agency file must not cost a province's whole load again: the agency files and
each agency's own checks are kept by the registry (:class:`RegistryCache`); the post history
and the complaint records are kept whole, with their problems, while every file they were
read from and everything of the directory they read is the same.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from generator.feeds.activity import History, load_history
from generator.registry.cache import RegistryCache
from generator.registry.load import AGENCY_DIR
from generator.registry.models import Directory
from generator.safeinput.problems import Problem, Problems

T = TypeVar("T")
POSTS = "posts"
# A file written less than this before it was stamped may change again unseen (same size,
# same clock tick): the stamp of a tree holding one is not trusted (git's "racy" files).
RACY_NS = 2_000_000_000


def _racy(entry: tuple) -> bool:
    return time.time_ns() - max(entry[3], entry[4]) < RACY_NS


def tree_stamp(root: Path, skip: tuple[str, ...] = (), racy: bool = False) -> tuple | None:
    """Every file under ``root`` (but the top-level ``skip``) with its inode, size and times;
    None when one changed too recently to be judged by its stamp (unless ``racy``: the stamp
    as it is, to tell whether the tree changed between two moments)."""
    found: list[tuple] = []
    now = time.time_ns()
    for folder, dirs, names in os.walk(root):
        if folder == str(root):
            dirs[:] = [d for d in dirs if d not in skip]
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
            except OSError as exc:
                if not racy:
                    return None
                # Compared, not trusted: an entry that cannot be looked at stays one.
                found.append((path, -1, -1, -1, exc.errno or -1))
                continue
            if not racy and now - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS:
                return None
            found.append((path, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    return tuple(found)


@dataclass
class _Kept:
    key: Any = None
    value: Any = None
    problems: list[Problem] = field(default_factory=list)
    generation: int = 0  # how many times it was loaded: names the value while kept

    def get(self, key: Any, load: Callable[[Problems], T], problems: Problems) -> T:
        """The value kept for ``key``, or ``load``'s; its problems go to ``problems`` either way."""
        if key is not None and key == self.key:
            problems.extend(self.problems)
            return self.value
        found = Problems()
        value = load(found)
        problems.extend(found)
        self.key, self.value, self.problems = key, value, found.items
        self.generation += 1
        return value


@dataclass
class InputCache:
    """The registry's cache, the post history and the complaint records of one data folder."""

    registry: RegistryCache = field(default_factory=RegistryCache)
    history: _Kept = field(default_factory=_Kept)
    complaints: _Kept = field(default_factory=_Kept)
    posts_stamp: tuple | None = None  # the post store when the history was last looked at

    def load_history(self, data: Path, directory: Directory, problems: Problems) -> History:
        """The post history, kept whole while unchanged; after an edit to accounts, the posts
        of the accounts already read are kept too (same store, region and day)."""
        key = self.history_key(data, directory)
        kept = self.history
        known = None
        if (
            key is not None
            and kept.key is not None
            and key[:4] == kept.key[:4]
            and not kept.problems
        ):
            known = kept.value.posts
        return kept.get(key, lambda found: load_history(data, directory, found, known), problems)

    def history_key(self, data: Path, directory: Directory) -> tuple | None:
        """What the post history read: its files, the region (zone, themes) and the active
        accounts; None when it must be read again."""
        # The store as it is when read (``kanal serve`` publishes its post records only while
        # the store is still so: generator.build.incremental), and its key unless racy.
        self.posts_stamp = stamp = tree_stamp(data / POSTS, racy=True)
        if stamp is not None and any(_racy(entry) for entry in stamp):
            stamp = None
        region = tree_stamp(data, skip=(AGENCY_DIR, POSTS))
        if stamp is None or region is None:
            return None
        accounts = tuple(
            (a.key, a.platform.value)
            for agency in directory.agencies.values()
            for a in agency.active_accounts
        )
        return (stamp, region, directory.today, repr(directory.region), accounts)

    def complaints_key(self, data: Path, directory: Directory) -> tuple | None:
        """What the complaint records read: every data file but the agencies and posts, the
        region and the names agencies are known by."""
        stamp = tree_stamp(data, skip=(AGENCY_DIR, POSTS))
        if stamp is None:
            return None
        names = tuple(
            (a.id, a.name, a.short_name, tuple(a.aliases)) for a in directory.agencies.values()
        )
        return (stamp, directory.today, repr(directory.region), names)
