"""``kanal province``: a province site from its members' published data (``data/members.yml``),
every file checked against its manifest hash."""

from __future__ import annotations

import argparse
import sys

from generator.build.memory import TreeMemory, megabytes
from generator.build.pipeline import BuildError, Inputs, build
from generator.build.project import project_for
from generator.feeds.fetch import FetchConfig
from generator.province.collect import STATUS_LABELS, MemberResult, collect, member_names
from generator.province.members import read_members
from generator.registry import regions
from generator.safeinput.problems import Location, Problems, report


def run(args: argparse.Namespace) -> int:
    project = project_for(args.data, args.config)
    if args.workers < 1 or args.timeout <= 0:
        print("galat: --workers dan --timeout harus lebih dari 0", file=sys.stderr)
        return 2
    results: list[MemberResult] = []

    def members(inputs: Inputs, problems: Problems) -> list[MemberResult]:
        d = inputs.directory
        if regions.depth(d.region.code) != 1:
            problems.error(
                Location(str(args.data / "region.yml")),
                "code",
                f"kanal province hanya untuk provinsi (kode 'PP'), bukan '{d.region.code}'",
            )
            return []
        codes = {**regions.reference_codes(), **d.region_names}
        listed = read_members(args.data, d.region.code, codes, problems)
        if problems.errors:
            return []
        # The province's own intranet allow-list, as `kanal fetch` uses it.
        config = FetchConfig(
            timeout=args.timeout, workers=args.workers, allow_private=d.region.feed_allow_private
        )
        results.extend(collect(listed, d.today, config, codes))
        for r in results:
            for url, others in r.disputed:
                problems.warning(
                    r.member.where,
                    "accounts.csv",
                    f"akun {url} juga dicantumkan oleh {member_names(others)}: pemeriksa akun "
                    "provinsi tidak menyebutnya resmi untuk daerah mana pun sampai salah satu "
                    "memperbaikinya",
                )
            for url, _owners, why in r.yielded:
                problems.warning(
                    r.member.where,
                    "accounts.csv",
                    f"akun {url} {why}; baris daerah ini tidak dipakai pemeriksa akun provinsi",
                )
        return results

    try:
        with TreeMemory() as memory:
            result = build(args.data, args.out, project, args.today, args.strict, members)
    except (BuildError, OSError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        print("Situs sebelumnya tetap utuh.", file=sys.stderr)
        return 1
    report(Problems(list(result.warnings)))
    for r in sorted(results, key=lambda r: r.member.code):
        detail = f": {r.reason}" if r.reason else ""
        print(f"{r.member.code} {r.member.name}: {STATUS_LABELS[r.status]}{detail}")
    ok = sum(1 for r in results if r.status == "ok")
    print(
        f"Situs provinsi dibangun: {ok} dari {len(results)} kabupaten/kota terverifikasi, "
        f"{len(result.pages)} halaman dalam {result.seconds:.1f} detik, di {args.out.resolve()}"
    )
    if memory.peak is not None:
        print(
            f"Memori puncak: {megabytes(memory.peak)} MB (PSS semua proses build, termasuk pekerja)"
        )
    return 0
