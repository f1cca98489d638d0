"""Reading and checking the agency files on both cores: a national directory has 91,561.

The files are split in two, in their order: a forked worker reads the second part and runs
each of its agencies' own checks (fields, accounts, contacts, region code) while this process
does the same for the first part; the worker's agencies come back pickled
(:func:`generator.build.worker.forked_result`). The checks across files (ids, duplicate
accounts and codes, parents, personal data, completeness) then run here over all of them, in
:func:`generator.registry.validate.build_directory`, which takes each agency's own checks as
done here or in the worker instead of running them.

The result is the one-process load's, problem for problem and in the same order: the files'
problems are joined in file order, and each agency's own problems join at the place its own
checks would have run (an agency whose id is taken is not checked: what was done for it is
dropped). An agency that states official channels (``official:``) is checked in
``build_directory`` only, because its claims are compared across files as they come.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.build.worker import can_fork, forked_result
from generator.registry.load import (
    RawData,
    Salvaged,
    SourcedAgency,
    listed_files,
    read_agencies,
    read_region,
)
from generator.registry.models import Agency
from generator.safeinput.problems import DisplayPaths, Problem, Problems
from generator.safeinput.publicvalues import remember_all, remembered

# Below this many files a worker costs more than it saves: forking, pickling its half back
# (a national directory's half: ~40 MB, ~2 s of CPU in all) and a process to start.
SPLIT_FILES = 4000
# The share of the files read here: a little over half, because the worker then pickles its
# part (a national directory's half: ~2 s) while this process goes on reading.
OWN_SHARE = 0.54

# An agency's own checks: the agency, their problems, and whether its free text may hold
# personal data (checked once every channel is known).
Checked = tuple[Agency, list[Problem], bool]
Checker = Callable[[SourcedAgency], Checked]


@dataclass
class Part:
    """One part of the files, read and checked."""

    # Each agency's own checks; None: left to build_directory. First, so that unpickling
    # makes the agencies (kept by the directory) before the sources (dropped after the
    # check): in separate blocks of memory, which are then freed whole.
    checked: list[Checked | None]
    problems: list[Problem]  # of reading its files, in their order
    agencies: list[SourcedAgency]
    salvaged: list[Salvaged]
    # The registered numbers its channels noted (E.164 -> stored form, area code), so that
    # the personal-data check here does not parse them again.
    numbers: dict[str, tuple[str, str | None]]


def _part(files: list[Path], display: DisplayPaths, check: Checker) -> Part:
    found = Problems()
    agencies, salvaged = read_agencies(files, found, display)
    checked = [check(src) if src.model.official is None else None for src in agencies]
    values = (c.value for done in checked if done for c in done[0].channels)
    return Part(checked, found.items, agencies, salvaged, remembered(values))


def load_checked(
    data_dir: Path,
    problems: Problems,
    checker: Callable[[RawData], Checker],
    split_files: int | None = None,
) -> tuple[RawData, dict[int, Checked]]:
    """:func:`generator.registry.load.load_raw`, and each agency's own checks by ``id()`` of
    its source when the files were split over two processes (else none: ``build_directory``
    runs them). ``checker(raw)`` gives the own checks once the region is read (before the
    worker starts, so that both use the same reference date)."""
    display = DisplayPaths()  # thousands of files in a few folders: resolve each once
    region, lines = read_region(data_dir, problems, display)
    files = listed_files(data_dir, problems, display)
    raw = RawData(region, lines, [], data_dir, [])
    least = SPLIT_FILES if split_files is None else split_files
    if len(files) < max(least, 2) or not can_fork():
        raw.agencies, raw.salvaged = read_agencies(files, problems, display)
        return raw, {}
    check = checker(raw)
    cut = max(1, min(len(files) - 1, round(len(files) * OWN_SHARE)))
    with forked_result(lambda: _part(files[cut:], display, check), "pemeriksaan instansi") as other:
        parts = [_part(files[:cut], display, check), other()]
    checked: dict[int, Checked] = {}
    for part in parts:
        problems.extend(part.problems)
        raw.agencies.extend(part.agencies)
        raw.salvaged.extend(part.salvaged)
        remember_all(part.numbers)
        for src, done in zip(part.agencies, part.checked, strict=True):
            if done is not None:
                checked[id(src)] = done
    return raw, checked
