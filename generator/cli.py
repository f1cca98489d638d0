"""The ``kanal`` command: check, build, serve, fetch, import, diff, schema."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from generator import __version__
from generator.build_date import build_date, epoch_date
from generator.ci_report import FORMATS, github_annotations, gitlab_code_quality
from generator.problems import InvalidData, Problems


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal tidak valid: '{text}' (TTTT-BB-HH)") from None


def default_today() -> dt.date:
    """Today, unless SOURCE_DATE_EPOCH pins it (reproducible builds)."""
    return epoch_date() or dt.date.today()


def report(problems: Problems, stream=sys.stderr) -> None:
    """Every problem, one per line in file order, then a count."""
    for problem in problems.sorted():
        print(problem, file=stream)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors or warnings:
        print(f"{errors} galat, {warnings} peringatan.", file=stream)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kanal",
        description="Kanal: direktori akun resmi dan kinerja layanan pemerintah daerah.",
    )
    parser.add_argument("--version", action="version", version=f"kanal {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", type=Path, default=Path("data"), help="folder data (bawaan: data)")
        p.add_argument(
            "--today", type=_date, default=None, help="tanggal acuan TTTT-BB-HH (bawaan: hari ini)"
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
    p.add_argument("--out", type=Path, default=Path("site"), help="folder hasil (bawaan: site)")
    p.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="berkas mkdocs.yml (bawaan: mkdocs.yml)",
    )
    p = sub.add_parser(
        "serve", help="pratinjau langsung; dibangun ulang saat data/, content/ atau theme/ berubah"
    )
    common(p)
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    p.add_argument("--addr", default="127.0.0.1:8000", help="alamat:port (bawaan: 127.0.0.1:8000)")
    p = sub.add_parser(
        "fetch", help="ambil feed unggahan semua akun ke riwayat data/posts/ (butuh jaringan)"
    )
    p.add_argument("--data", type=Path, default=Path("data"), help="folder data (bawaan: data)")
    p.add_argument("--workers", type=int, default=16, help="feed diambil bersamaan (bawaan: 16)")
    p.add_argument(
        "--timeout", type=float, default=20.0, help="batas waktu per feed, detik (bawaan: 20)"
    )
    p = sub.add_parser(
        "import", help="ubah ekspor aduan (SP4N-LAPOR! CSV, Open311 JSON) ke data/complaints/"
    )
    p.add_argument("--format", required=True, choices=["lapor", "open311"], help="format ekspor")
    p.add_argument("input", type=Path, metavar="INPUT", help="berkas ekspor")
    p.add_argument("--out", type=Path, required=True, help="berkas CSV tujuan")
    p.add_argument("--data", type=Path, default=Path("data"), help="folder data (bawaan: data)")
    p.add_argument("--channel", default="portal", help="kanal untuk Open311 (bawaan: portal)")
    p.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
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
    p.add_argument("--data", type=Path, default=Path("data"), help="folder data (bawaan: data)")
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
        "--out", type=Path, default=None, help="folder tujuan (bawaan: generator/schema)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    today = getattr(args, "today", None)
    if today is None:
        # A build is as of the data's last commit (reproducible); other commands run as of now.
        today = build_date(args.data) if args.command == "build" else default_today()
    try:
        if args.command == "check":
            return _check(args, today)
        if args.command == "build":
            return _build(args, today)
        if args.command == "serve":
            from generator.serve import serve

            return serve(args.data, args.config.resolve(), args.addr, today, args.strict)
        if args.command == "fetch":
            return _fetch(args, today)
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
    except KeyboardInterrupt:
        return 130
    return 2


def _check(args: argparse.Namespace, today: dt.date) -> int:
    from generator.build import check

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
    return 0


def _build(args: argparse.Namespace, today: dt.date) -> int:
    from generator.build import BuildError, Project, build

    if not args.config.is_file():
        print(f"galat: berkas konfigurasi '{args.config}' tidak ditemukan", file=sys.stderr)
        return 1
    try:
        result = build(args.data, args.out, Project(args.config.resolve()), today, args.strict)
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


def _fetch(args: argparse.Namespace, today: dt.date) -> int:
    from generator.feeds.command import print_report, run_fetch
    from generator.feeds.fetch import FetchConfig
    from generator.validate import load_directory

    problems = Problems()
    directory = load_directory(args.data, today, problems)
    if directory is None or problems.failed():
        report(problems)
        print("Data tidak valid; tidak ada feed yang diambil.", file=sys.stderr)
        return 1
    if args.workers < 1 or args.timeout <= 0:
        print("galat: --workers dan --timeout harus lebih dari 0", file=sys.stderr)
        return 2
    config = FetchConfig(timeout=args.timeout, workers=args.workers)
    progress = sys.stderr if sys.stderr.isatty() else None
    try:
        summary = run_fetch(args.data, directory, config, problems, progress)
    except OSError as exc:
        print(f"galat: riwayat unggahan tidak bisa ditulis: {exc}", file=sys.stderr)
        return 1
    report(problems)
    print_report(summary)
    return 0
