"""``kanal build``: validate, generate, run MkDocs and swap the finished site in atomically."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext

from generator.build.dates import commit_epoch
from generator.build.memory import TreeMemory, megabytes
from generator.build.pipeline import BuildError, build
from generator.build.project import project_for
from generator.safeinput.problems import Problems, report


def run(args: argparse.Namespace) -> int:
    project = project_for(args.data, args.config)
    today = args.today
    try:
        # Without --today a build is as of SOURCE_DATE_EPOCH, else the data's last commit
        # (reproducible: the same commit builds the same site), else now; in the region's zone.
        with commit_epoch(args.data) if today is None else nullcontext(), TreeMemory() as memory:
            result = build(
                args.data, args.out, project, today, args.strict, keep_umask=args.keep_umask
            )
    except (BuildError, OSError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        print("Situs sebelumnya tetap utuh.", file=sys.stderr)
        return 1
    report(Problems(list(result.warnings)))
    for note in result.notes:
        print(f"peringatan: {note}")
    out = args.out.resolve()
    print(
        f"Situs dibangun: {len(result.pages)} halaman dari {len(result.directory.agencies)} instansi "
        f"dalam {result.seconds:.1f} detik, di {out}"
    )
    if memory.peak is not None:
        print(
            f"Memori puncak: {megabytes(memory.peak)} MB (PSS semua proses build, termasuk pekerja)"
        )
    print(
        f"Buka dengan: python3 -m http.server -d {args.out} 8000  lalu kunjungi http://127.0.0.1:8000/"
    )
    return 0
