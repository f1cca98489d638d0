"""Validation problems with their location, collected so every one is reported at once."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


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


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as the user typed it relative to the working directory when possible.

    The last part is not resolved: a link is shown by its own name, never by its target's.
    """
    named = path.name not in ("", ".", "..")
    full = path.parent.resolve() / path.name if named else path.resolve()
    try:
        return str(full.relative_to((base or Path.cwd()).resolve()))
    except ValueError:
        return str(path)


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
