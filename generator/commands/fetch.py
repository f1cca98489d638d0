"""``kanal fetch``: the only command that uses the network; refreshes every feed into the post
history (``generator.feeds.refresh``) and prints what happened."""

from __future__ import annotations

import argparse
import sys

from generator.build.project import require_data
from generator.feeds.fetch import FetchConfig
from generator.feeds.refresh import print_report, run_fetch
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems, report


def run(args: argparse.Namespace) -> int:
    require_data(args.data)
    problems = Problems()
    directory = load_directory(args.data, None, problems)
    if directory is None or problems.failed():
        report(problems)
        print("Data tidak valid; tidak ada feed yang diambil.", file=sys.stderr)
        return 1
    if args.workers < 1 or args.timeout <= 0:
        print("galat: --workers dan --timeout harus lebih dari 0", file=sys.stderr)
        return 2
    config = FetchConfig(
        timeout=args.timeout,
        workers=args.workers,
        allow_private=directory.region.feed_allow_private,
    )
    progress = sys.stderr if sys.stderr.isatty() else None
    try:
        summary = run_fetch(args.data, directory, config, problems, progress)
    except OSError as exc:
        print(f"galat: riwayat unggahan tidak bisa ditulis: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # a history file edited while this run was writing
        print(f"galat: riwayat unggahan berubah selama pengambilan: {exc}", file=sys.stderr)
        return 1
    if summary.refused:
        # A damaged history is reported, not appended to: the store is append-only.
        report(problems)
        print(
            "Riwayat unggahan (data/posts/) rusak; perbaiki baris di atas, tidak ada feed yang diambil.",
            file=sys.stderr,
        )
        return 1
    report(problems)
    print_report(summary)
    return 0
