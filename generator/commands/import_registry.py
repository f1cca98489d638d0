"""``kanal import-registry BERKAS``: fill the registry from the office's spreadsheet.

A command of its own rather than ``kanal import --format``: ``kanal import`` converts a
complaints export into one new CSV file, while this one merges into many existing YAML files,
needs a dry run, and must refuse to write while any row is unmatched or ambiguous.

Steps: read the sheet (``safeinput.sheets``) → entries (``registry.spreadsheet``) → match and
plan (``registry.merge``) → splice the new lines into copies of the agency files
(``registry.yamlsplice``) → validate the copy exactly as ``kanal check`` does → show what
changes (``kanal diff``'s text) → replace the changed files, each atomically.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator.build.project import require_data
from generator.commands.diff import format_text
from generator.registry.clock import region_today
from generator.registry.diff import compare
from generator.registry.impostors import listed_keys
from generator.registry.load import load_raw
from generator.registry.merge import Plan, plan
from generator.registry.spreadsheet import read_entries
from generator.registry.validate import build_directory, load_directory, registry_inputs
from generator.registry.yamlsplice import SpliceError, splice
from generator.safeinput.files import atomic_write, copy_tree
from generator.safeinput.problems import Location, Problem, Problems, display_path, report
from generator.safeinput.sheets import read_sheet


def run(args: argparse.Namespace) -> int:
    return run_import(args.input, args.data, args.dry_run, args.force, args.today)


_ROW = re.compile(r"(.*)baris (\d+)$")


def _print(problems: Problems) -> None:
    """In the workbook's sheet and row order (sorting the text would put 'baris 10' before
    'baris 9', and the OPD sheet after the Desa sheet)."""
    sheets: dict[str, int] = {}

    def key(problem: Problem) -> tuple[int, int]:
        found = _ROW.match(problem.location.path)
        prefix, row = (found[1], int(found[2])) if found else (problem.location.path, 0)
        return sheets.setdefault(prefix, len(sheets)), row

    for problem in sorted(problems.items, key=key):
        print(problem, file=sys.stderr)


def run_import(sheet: Path, data: Path, dry_run: bool, force: bool, today: dt.date | None) -> int:
    started = time.perf_counter()
    require_data(data)  # outside a region repository: says where it looked
    current = Problems()
    raw = load_raw(data, current)
    if today is None:
        today = region_today(raw.region.timezone if raw.region else None)
    before = build_directory(raw, today, current)
    if before is None or current.errors:
        report(Problems(current.errors))
        print(
            "Data sekarang belum valid; perbaiki dulu (kanal check), lalu impor lagi. "
            "Tidak ada berkas yang diubah.",
            file=sys.stderr,
        )
        return 1
    problems = Problems()
    shown = display_path(sheet)
    entries = read_entries(read_sheet(sheet, shown, problems), shown, problems)
    result = plan(entries, raw, today, problems, listed_keys(before.impostors))
    _print(problems)
    errors = len(problems.errors)
    print(_summary(result, len(entries), errors), file=sys.stderr)
    if errors and not entries:
        print("Tidak ada berkas yang diubah.", file=sys.stderr)
        return 1
    if errors and not force:
        print(
            "Tidak ada berkas yang diubah: perbaiki baris di atas di lembar kerja, atau jalankan "
            "lagi dengan --force untuk mengimpor baris yang cocok saja.",
            file=sys.stderr,
        )
        return 1
    if not result.edits:
        print("Tidak ada akun atau kanal baru; tidak ada berkas yang diubah.", file=sys.stderr)
        return 1 if errors else 0
    with tempfile.TemporaryDirectory(prefix="kanal-impor-") as tmp:
        staged = Path(tmp) / "data"
        changed = _stage(data, staged, result, registry_inputs(raw))
        if changed is None:
            return 1
        checked = Problems()
        after = load_directory(staged, today, checked)
        if after is None or checked.errors:
            report(Problems(_relabel(checked.errors, str(staged), display_path(data))))
            print(
                "Hasil impor tidak lolos kanal check; tidak ada berkas yang diubah.",
                file=sys.stderr,
            )
            return 1
        sys.stdout.write(format_text(compare(before, after, display_path(data), shown)))
        if dry_run:
            print(
                f"--dry-run: {len(changed)} berkas akan diubah; tidak ada yang ditulis.",
                file=sys.stderr,
            )
        else:
            for real, copy in changed.items():
                _replace(real, copy)
            print(
                f"{len(changed)} berkas diubah. Periksa dengan kanal check lalu commit.",
                file=sys.stderr,
            )
    print(f"Selesai dalam {time.perf_counter() - started:.1f} detik.", file=sys.stderr)
    return 1 if errors else 0


def _summary(result: Plan, rows: int, errors: int) -> str:
    return (
        f"{rows} baris dibaca: {result.matched} cocok, {result.unmatched} tidak cocok, "
        f"{result.ambiguous} ambigu; {result.accounts} akun baru, {result.channels} kanal "
        f"baru, {result.known} sudah tercantum; {errors} galat."
        + (
            f" Kolom keterangan ({result.notes} baris) tidak diimpor: catatan internal bisa "
            "memuat data pribadi; tulis catatan publik di 'note:' bila perlu."
            if result.notes
            else ""
        )
    )


def _stage(data: Path, staged: Path, result: Plan, inputs: list[str]) -> dict[Path, Path] | None:
    """Copy what validation reads (``inputs``: registry_inputs), splice the edits into the
    copies: {real file: copy}."""
    staged.mkdir()
    for name in inputs:
        source, target = data / name, staged / name
        if source.is_dir() and not source.is_symlink():
            copy_tree(source, target)
        elif os.path.lexists(source):  # a link stays a link: validation refuses it as before
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    root = data.resolve()
    changed: dict[Path, Path] = {}
    for real, edits in sorted(result.edits.items()):
        copy = staged / real.resolve().relative_to(root)
        text = real.read_bytes().decode("utf-8")  # no newline translation: CRLF files stay CRLF
        try:
            copy.write_bytes(splice(text, edits).encode("utf-8"))
        except SpliceError as exc:
            print(
                f"{display_path(real)}: galat: {exc}; tidak ada berkas yang diubah.",
                file=sys.stderr,
            )
            return None
        changed[real] = copy
    return changed


def _relabel(items: list[Problem], tmp: str, real: str) -> Problems:
    out = Problems()
    for p in items:
        path = p.location.path
        if tmp in path:
            path = real + path.split(tmp, 1)[1]
        out.items.append(
            Problem(Location(path, p.location.line, p.location.col), p.severity, p.field, p.message)
        )
    return out


def _replace(real: Path, copy: Path) -> None:
    """Write next to the file, then rename over it: an interrupted import leaves it whole."""
    atomic_write(real, copy.read_bytes(), mode=real.stat().st_mode)
