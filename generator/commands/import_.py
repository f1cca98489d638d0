"""``kanal import``: convert an SP4N-LAPOR! export (CSV or .xlsx), a clerk's own spreadsheet in
Kanal's columns (``--format kanal``, CSV or .xlsx) or Open311 JSON into Kanal's complaint CSV,
print what was dropped and redacted, and write nothing when a value cannot be mapped."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from generator.complaints.importers import (
    IMPORT_MAX_BYTES,
    decode_message,
    decode_position,
    describe_dropped,
    import_kanal,
    import_lapor,
    import_open311,
    write_rows,
)
from generator.complaints.load import region_settings
from generator.registry.validate import load_directory
from generator.safeinput.files import check_given_file
from generator.safeinput.problems import Location, Problems, display_path, report


def run(args: argparse.Namespace) -> int:
    return run_import(args, args.today, report)


def run_import(args: Any, today: dt.date | None, report: Any) -> int:
    """``kanal import``: convert, print the counts, exit 1 on unmapped agencies."""
    problems = Problems()
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
    print(f"Aduan dibaca: {len(result.rows)}")
    print(f"Data pribadi dibuang: {describe_dropped(result.dropped)}")
    print(f"Data pribadi disamarkan: {result.redactions.describe()}")
    if result.problems.errors:
        report(result.problems, sys.stderr)
        print(f"Tidak ada yang ditulis ke {args.out}.", file=sys.stderr)
        return 1
    report(result.problems, sys.stderr)  # warnings: what was replaced, for review
    write_rows(result.rows, args.out)
    print(f"Ditulis: {args.out} ({len(result.rows)} aduan). Periksa dengan: kanal check")
    return 0
