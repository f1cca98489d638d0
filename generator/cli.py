"""The ``kanal`` command: check, build, serve, fetch, import, diff, schema."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from contextlib import nullcontext
from pathlib import Path

from generator import __version__
from generator.ci_report import FORMATS, github_annotations, gitlab_code_quality
from generator.problems import InvalidData, Problems, report

# argparse's own words, in Indonesian. argparse looks its texts up through the module-level
# gettext functions ``_`` and ``ngettext`` at the time it formats them, so replacing those two
# names translates usage, headings, the -h help and every parse error, not just the help page.
_ARGPARSE_ID = {
    "usage: ": "cara pakai: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "optional arguments": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan tidak dikenal: %(value)r (pilih salah satu: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "expected one argument": "butuh satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "butuh setidaknya satu nilai",
    "expected %s argument": "butuh %s nilai",
    "expected %s arguments": "butuh %s nilai",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak valid: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan %(option)s ambigu, bisa berarti %(matches)s"
    ),
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "ignored explicit argument %r": "nilai %r diabaikan",
    "can't open '%(filename)s': %(error)s": "tidak bisa membuka '%(filename)s': %(error)s",
}


def _translate(text: str) -> str:
    return _ARGPARSE_ID.get(text, text)


argparse._ = _translate  # type: ignore[attr-defined]
argparse.ngettext = lambda one, many, n: _translate(one if n == 1 else many)  # type: ignore[attr-defined]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal tidak valid: '{text}' (TTTT-BB-HH)") from None


def data_option(p: argparse.ArgumentParser) -> None:
    """``--data``, the same for every command that reads a region's data."""
    p.add_argument(
        "--data",
        type=Path,
        default=Path("data"),
        metavar="FOLDER",
        help="folder data (bawaan: data)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kanal",
        description="Kanal: direktori akun resmi dan kinerja layanan pemerintah daerah.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"kanal {__version__}",
        help="tampilkan versi Kanal lalu keluar",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    def common(p: argparse.ArgumentParser) -> None:
        data_option(p)
        p.add_argument(
            "--today",
            type=_date,
            default=None,
            metavar="TANGGAL",
            help="tanggal acuan TTTT-BB-HH (bawaan: hari ini)",
        )
        p.add_argument("--strict", action="store_true", help="peringatan dianggap galat")

    p = sub.add_parser("check", help="periksa data; keluar 1 bila ada galat")
    common(p)
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (bawaan); github: anotasi GitHub Actions; gitlab: laporan Code Quality JSON",
    )
    p = sub.add_parser("build", help="periksa data lalu bangun situs statis")
    common(p)
    p.add_argument(
        "--out",
        type=Path,
        default=Path("site"),
        metavar="FOLDER",
        help="folder hasil (bawaan: site)",
    )
    config_help = (
        "berkas mkdocs.yml sendiri (bawaan: mkdocs.yml di folder ini bila ada, "
        "selain itu pengaturan bawaan Kanal ditambah kanal.yml dan content/)"
    )
    p.add_argument("--config", type=Path, default=None, metavar="BERKAS", help=config_help)
    p.add_argument(
        "--keep-umask",
        action="store_true",
        help="izin berkas situs mengikuti umask (bawaan: folder 0755, berkas 0644)",
    )
    p = sub.add_parser(
        "serve", help="pratinjau langsung; dibangun ulang saat data/, content/ atau theme/ berubah"
    )
    common(p)
    p.add_argument("--config", type=Path, default=None, metavar="BERKAS", help=config_help)
    p.add_argument(
        "--addr",
        default=None,
        metavar="ALAMAT",
        help="alamat:port (bawaan: 127.0.0.1:8000, atau port bebas berikutnya bila terpakai)",
    )
    p = sub.add_parser("init", help="buat repositori daerah baru dari daftar Kepmendagri")
    p.add_argument("code", metavar="KODE", help="kode provinsi (33) atau kabupaten/kota (33.16)")
    p.add_argument(
        "dir",
        metavar="FOLDER",
        nargs="?",
        type=Path,
        default=None,
        help="folder tujuan, harus kosong (bawaan: nama daerah, misalnya kabupaten-blora)",
    )
    p = sub.add_parser(
        "fetch", help="ambil feed unggahan semua akun ke riwayat data/posts/ (butuh jaringan)"
    )
    data_option(p)
    p.add_argument(
        "--workers", type=int, default=16, metavar="N", help="feed diambil bersamaan (bawaan: 16)"
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=20.0,
        metavar="DETIK",
        help="batas waktu per feed, detik (bawaan: 20)",
    )
    p = sub.add_parser(
        "import", help="ubah ekspor aduan (SP4N-LAPOR! CSV, Open311 JSON) ke data/complaints/"
    )
    p.add_argument("--format", required=True, choices=["lapor", "open311"], help="format ekspor")
    p.add_argument("input", type=Path, metavar="BERKAS", help="berkas ekspor")
    p.add_argument("--out", type=Path, required=True, metavar="BERKAS", help="berkas CSV tujuan")
    data_option(p)
    p.add_argument("--channel", default="portal", help="kanal untuk Open311 (bawaan: portal)")
    p.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    p = sub.add_parser(
        "province",
        help="bangun situs provinsi dari data terbuka kabupaten/kota anggotanya (data/members.yml)",
    )
    common(p)
    p.add_argument(
        "--out",
        type=Path,
        default=Path("site"),
        metavar="FOLDER",
        help="folder hasil (bawaan: site)",
    )
    p.add_argument("--config", type=Path, default=None, metavar="BERKAS", help=config_help)
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="batas waktu semua berkas satu kabupaten/kota, detik (bawaan: 30)",
    )
    p.add_argument("--workers", type=int, default=8, help="daerah dibaca bersamaan (bawaan: 8)")
    p = sub.add_parser(
        "diff",
        help="bandingkan dua versi data (folder atau revisi git); keluar 3 bila ada perubahan sensitif",
        description=(
            "Bandingkan dua versi data daerah: dua folder, atau dua revisi git repositori ini "
            "(dibaca dengan git archive; tidak ada checkout)."
        ),
        epilog=(
            "Status keluar: 0 tidak ada perubahan sensitif, 3 ada perubahan sensitif (alamat akun "
            "atau nomor layanan berubah), 1 data tidak valid, 2 argumen salah."
        ),
    )
    p.add_argument("before", metavar="A", help="versi lama: folder data atau revisi git (main)")
    p.add_argument("after", metavar="B", help="versi baru: folder data atau revisi git (HEAD)")
    data_option(p)
    p.add_argument("--git", action="store_true", help="A dan B selalu dibaca sebagai revisi git")
    p.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text (bawaan), markdown, json",
    )
    p.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    p = sub.add_parser("schema", help="tulis JSON Schema format YAML")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="folder tujuan (bawaan: generator/schema)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    # None: today in the region's time zone, decided once region.yml is read (generator.clock).
    today = getattr(args, "today", None)
    from generator.project import ConfigError

    try:
        if args.command == "init":
            from generator.scaffold import run_init

            return run_init(args.code, args.dir)
        if args.command == "check":
            return _check(args, today)
        if args.command == "build":
            return _build(args, today)
        if args.command == "serve":
            from generator.serve import serve

            return serve(args.data, args.config, args.addr, today, args.strict)
        if args.command == "fetch":
            return _fetch(args, today)
        if args.command == "province":
            return _province(args, today)
        if args.command == "import":
            from generator.complaints.importers import run_import

            return run_import(args, today, report)
        if args.command == "diff":
            from generator.diff_command import run_diff

            return run_diff(
                args.before, args.after, args.data, args.git, args.format, today, report
            )
        if args.command == "schema":
            from generator.schema import SCHEMA_DIR, write_schemas

            for path in write_schemas(args.out or SCHEMA_DIR):
                print(path)
            return 0
    except InvalidData as exc:
        report(exc.problems)
        print("Tidak ada yang dibangun; situs sebelumnya tetap utuh.", file=sys.stderr)
        return 1
    except ConfigError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 2


def _check(args: argparse.Namespace, today: dt.date | None) -> int:
    from generator.build import check
    from generator.project import require_data

    require_data(args.data)
    inputs, problems = check(args.data, today, args.strict)
    summary = sys.stdout
    if args.format == "github":
        # GitHub turns these lines into annotations on the files of the pull request.
        for line in github_annotations(problems.sorted()):
            print(line)
        if problems.items:
            print(f"{len(problems.errors)} galat, {len(problems.warnings)} peringatan.")
    elif args.format == "gitlab":
        # stdout is the JSON report only (redirected to an artifact); people read stderr.
        print(gitlab_code_quality(problems.sorted()))
        report(problems, sys.stderr)
        summary = sys.stderr
    else:
        report(problems)
    if inputs is None:
        return 1
    directory = inputs.directory
    accounts = sum(len(a.accounts) for a in directory.agencies.values())
    print(
        f"Data valid: {len(directory.agencies)} instansi, {accounts} akun, {len(problems.warnings)} peringatan.",
        file=summary,
    )
    complaints = inputs.complaints
    if complaints is not None and len(complaints):
        if complaints.config.publish_summaries:
            print(f"Data pribadi disamarkan: {complaints.redactions.describe()}.")
        else:
            print("Ringkasan aduan tidak diterbitkan (complaints.publish_summaries: false).")
    return 0


def _project(args: argparse.Namespace):
    """The project a build uses (Kanal's defaults plus a region repository's own settings);
    a missing data folder or a bad kanal.yml ends the command with located problems."""
    from generator.project import find_project, require_data

    require_data(args.data)
    problems = Problems()
    project = find_project(args.config, Path.cwd(), problems)
    if problems.errors:
        raise InvalidData(problems)
    return project


def _build(args: argparse.Namespace, today: dt.date | None) -> int:
    from generator.build import BuildError, build
    from generator.build_date import commit_epoch

    project = _project(args)
    try:
        # Without --today a build is as of SOURCE_DATE_EPOCH, else the data's last commit
        # (reproducible: the same commit builds the same site), else now; in the region's zone.
        with commit_epoch(args.data) if today is None else nullcontext():
            result = build(
                args.data, args.out, project, today, args.strict, keep_umask=args.keep_umask
            )
    except (BuildError, OSError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        print("Situs sebelumnya tetap utuh.", file=sys.stderr)
        return 1
    problems = Problems(list(result.warnings))
    report(problems)
    out = args.out.resolve()
    print(
        f"Situs dibangun: {len(result.pages)} halaman dari {len(result.directory.agencies)} instansi "
        f"dalam {result.seconds:.1f} detik, di {out}"
    )
    print(
        f"Buka dengan: python3 -m http.server -d {args.out} 8000  lalu kunjungi http://127.0.0.1:8000/"
    )
    return 0


def _fetch(args: argparse.Namespace, today: dt.date | None) -> int:
    from generator.feeds.command import print_report, run_fetch
    from generator.feeds.fetch import FetchConfig
    from generator.project import require_data
    from generator.validate import load_directory

    require_data(args.data)
    problems = Problems()
    directory = load_directory(args.data, today, problems)
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


def _province(args: argparse.Namespace, today: dt.date | None) -> int:
    from generator import regions
    from generator.build import BuildError, Inputs, build
    from generator.feeds.fetch import FetchConfig
    from generator.province.collect import STATUS_LABELS, MemberResult, collect
    from generator.province.members import read_members

    project = _project(args)
    if args.workers < 1 or args.timeout <= 0:
        print("galat: --workers dan --timeout harus lebih dari 0", file=sys.stderr)
        return 2
    results: list[MemberResult] = []

    def members(inputs: Inputs, problems: Problems) -> list[MemberResult]:
        from generator.problems import Location

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
        return results

    try:
        result = build(args.data, args.out, project, today, args.strict, members)
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
    return 0
