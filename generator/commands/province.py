"""``kanal province``: a province site from its members' published data (``data/members.yml``),
every file checked against its manifest hash."""

from __future__ import annotations

import argparse
import sys

from generator.build.memory import TreeMemory, megabytes
from generator.build.pipeline import BuildError, Inputs, build
from generator.build.project import project_for
from generator.feeds.fetch import FetchConfig
from generator.province.collect import STATUS_LABELS, MemberResult, collect, listed_key
from generator.province.members import Member, read_members
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
                    f"akun {url} juga dicantumkan oleh {_names(others)}: pemeriksa akun "
                    "provinsi tidak menyebutnya resmi untuk daerah mana pun sampai salah satu "
                    "memperbaikinya",
                )
            for url, owners in r.yielded:
                why = (
                    "diputuskan provinsi milik"
                    if any(_owns(o, url) for o in owners)
                    else "dicantumkan sebagai akun aktif dengan data terbaru oleh"
                )
                problems.warning(
                    r.member.where,
                    "accounts.csv",
                    f"akun {url} {why} {_names(owners)}; baris daerah ini tidak dipakai "
                    "pemeriksa akun provinsi",
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


def _names(members: list, shown: int = 5) -> str:
    """'Kabupaten Blora (33.16), ...' for at most ``shown`` members, then how many more."""
    names = ", ".join(f"{m.name} ({m.code})" for m in members[:shown])
    more = len(members) - shown
    return f"{names} dan {more} daerah lain" if more > 0 else names


def _owns(member: Member, url: str) -> bool:
    """Whether the province settled ``url``'s account as ``member``'s (members.yml owns)."""
    ident = listed_key(url)
    return ident is not None and ident[1] in member.owns
