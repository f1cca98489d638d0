"""``kanal import``: convert an SP4N-LAPOR! export (CSV or .xlsx), a clerk's own spreadsheet in
Kanal's columns (``--format kanal``, CSV or .xlsx) or Open311 JSON into Kanal's complaint CSV,
print what was dropped and redacted, and write nothing when a value cannot be mapped."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from generator.complaints.importers import (
    IMPORT_MAX_BYTES,
    check_rows,
    decode_message,
    decode_position,
    describe_dropped,
    import_kanal,
    import_lapor,
    import_open311,
    write_rows,
)
from generator.complaints.load import kecamatan_names, region_settings
from generator.registry.validate import load_directory
from generator.safeinput.files import check_given_file
from generator.safeinput.invisible import shown
from generator.safeinput.problems import Location, Problems, display_path, report


def run(args: argparse.Namespace) -> int:
    return run_import(args, args.today, report)


def _target_refused(out: Path, replace: bool) -> str | None:
    """Why ``--out`` may not be written, or None: an existing file is kept without --replace."""
    if out.is_dir():
        return "adalah folder, bukan berkas; sebutkan nama berkas CSV, misalnya data/complaints/lapor.csv"
    if os.path.lexists(out) and not replace:
        return (
            "berkas tujuan sudah ada dan tidak ditimpa; pakai nama berkas lain, "
            "atau tambahkan --replace untuk mengganti isinya dengan hasil impor ini"
        )
    return None


def run_import(args: Any, today: dt.date | None, report: Any) -> int:
    """``kanal import``: convert, print the counts, exit 1 on unmapped agencies."""
    problems = Problems()
    # Before any work: an existing file (a year of records) is never replaced by surprise.
    refused = _target_refused(args.out, args.replace)
    if refused:
        problems.error(Location(display_path(args.out)), "", refused)
        report(problems, sys.stderr)
        print(f"Tidak ada yang ditulis ke {args.out}.", file=sys.stderr)
        return 1
    directory = load_directory(args.data, today, problems)
    if directory is None:
        report(problems, sys.stderr)
        print("Data direktori tidak valid; tidak ada yang diimpor.", file=sys.stderr)
        return 1
    if not check_given_file(args.input, problems, IMPORT_MAX_BYTES):  # no hang on a FIFO
        report(problems, sys.stderr)
        return 1
    config = region_settings(args.data, problems)
    zone = directory.region.timezone
    try:
        if args.format == "lapor":
            result = import_lapor(args.input, directory, zone, config)
        elif args.format == "kanal":
            result = import_kanal(args.input, directory, zone, config)
        else:
            result = import_open311(args.input, directory, zone, args.channel, config)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.error(
            Location(display_path(args.input), *decode_position(exc)), "", decode_message(exc)
        )
        report(problems, sys.stderr)
        return 1
    if not result.problems.errors:  # each value mapped: now the checks kanal check runs
        check_rows(result, directory, config, kecamatan_names(args.data, directory))
    where = f" (lembar '{shown(result.sheet)}')" if result.sheet else ""
    print(f"Aduan dibaca: {len(result.rows)}{where}")
    print(f"Data pribadi dibuang: {describe_dropped(result.dropped)}")
    print(f"Data pribadi disamarkan: {result.redactions.describe()}")
    if result.problems.errors:
        report(result.problems, sys.stderr)
        print(f"Tidak ada yang ditulis ke {args.out}.", file=sys.stderr)
        return 1
    report(result.problems, sys.stderr)  # warnings: what was replaced, for review
    try:
        write_rows(result.rows, args.out)
    except OSError as exc:
        failed = Problems()
        failed.error(
            Location(display_path(args.out)),
            "",
            f"tidak bisa ditulis ({exc.strerror or exc}); berkas lama (bila ada) tetap utuh",
        )
        report(failed, sys.stderr)
        return 1
    print(f"Ditulis: {args.out} ({len(result.rows)} aduan). Periksa dengan: kanal check")
    return 0
