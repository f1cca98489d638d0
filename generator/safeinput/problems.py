"""Validation problems with their location, collected so every one is reported at once."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from generator.safeinput.invisible import shown


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file; line and column are 1-based (0 when unknown)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return self.path


@dataclass(frozen=True)
class Problem:
    location: Location
    severity: Severity
    field: str
    message: str
    first: bool = False  # a root cause: listed before the problems it explains

    def __post_init__(self) -> None:
        # The one place every message passes: values it quotes (a category, a file name) may
        # hold a right-to-left override or a line feed, which would scramble the report line.
        # Text, GitHub and GitLab output all read these fields, so all show them escaped.
        for name in ("field", "message"):
            value = getattr(self, name)
            if isinstance(value, str) and value is not (safe := shown(value)):
                object.__setattr__(self, name, safe)
        where = self.location
        if isinstance(where.path, str) and where.path is not (path := shown(where.path)):
            object.__setattr__(self, "location", Location(path, where.line, where.col))

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.location}: {self.severity.value}: {where}{self.message}"


@dataclass
class Problems:
    """An ordered collection of problems found while loading and validating."""

    items: list[Problem] = field(default_factory=list)

    def error(
        self, location: Location, field_path: str, message: str, *, first: bool = False
    ) -> None:
        self.items.append(Problem(location, Severity.ERROR, field_path, message, first))

    def warning(
        self, location: Location, field_path: str, message: str, *, first: bool = False
    ) -> None:
        self.items.append(Problem(location, Severity.WARNING, field_path, message, first))

    def extend(self, other: Iterable[Problem]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def sorted(self) -> list[Problem]:
        """Root causes first, then file and line order, so the report reads like the files."""
        return sorted(self.items, key=lambda p: (not p.first, p.location, p.field))

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class DisplayPaths:
    """:func:`display_path` for the many files of one load: each folder is resolved once.

    A province has thousands of agency files in a few dozen folders; resolving every file's
    folder again (one ``lstat`` per part of the path) cost more than parsing the files. Make
    one per load: a folder replaced by a link afterwards is resolved again by the next one.
    """

    def __init__(self, base: Path | None = None):
        # getcwd() is already free of links and of "." and ".." (POSIX), so it needs no resolve.
        root = os.path.realpath(base) if base is not None else os.getcwd()
        self._prefix = root if root.endswith(os.sep) else root + os.sep
        self._root = root
        self._folders: dict[str, str] = {}

    def __call__(self, path: Path) -> str:
        """A path as the user typed it relative to the base folder when possible.

        The last part is not resolved: a link is shown by its own name, never by its target's.
        """
        text = os.fspath(path)
        folder, name = os.path.split(text)
        if name in ("", ".", ".."):
            full = os.path.realpath(text)
        else:
            real = self._folders.get(folder)
            if real is None:
                real = self._folders[folder] = os.path.realpath(folder or os.curdir)
            full = os.path.join(real, name)
        if full == self._root:
            return "."
        if full.startswith(self._prefix):
            return full[len(self._prefix) :]
        return str(path)


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as the user typed it relative to the working directory when possible.

    The last part is not resolved: a link is shown by its own name, never by its target's.
    """
    return DisplayPaths(base)(path)


class InvalidData(Exception):
    """Raised when loading or validation found errors; carries all of them."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} error(s)")
        self.problems = problems


def report(problems: Problems, stream=None) -> None:
    """Every problem, one per line in file order, then a count (on stderr by default)."""
    stream = stream or sys.stderr
    for problem in problems.sorted():
        print(problem, file=stream)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors or warnings:
        print(f"{errors} galat, {warnings} peringatan.", file=stream)
