"""The ``kanal`` command line: parses the arguments, then runs one module of ``generator.commands``."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import logging
import os
import sys
from pathlib import Path

from generator import __version__
from generator.commands.report import FORMATS
from generator.safeinput.problems import InvalidData, report

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
    p.add_argument(
        "code",
        metavar="KODE",
        help='kode provinsi (33) atau kabupaten/kota (33.16), atau namanya ("Kabupaten Pacitan")',
    )
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
        "import",
        help="ubah ekspor aduan (SP4N-LAPOR! CSV/XLSX, lembar kerja sendiri, Open311 JSON) ke data/complaints/ tanpa data pribadi",
    )
    p.add_argument(
        "--format",
        required=True,
        choices=["lapor", "kanal", "open311"],
        help="format ekspor (kanal: lembar kerja berkolom seperti data/complaints/)",
    )
    p.add_argument("input", type=Path, metavar="BERKAS", help="berkas ekspor")
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="BERKAS",
        help="berkas CSV tujuan; berkas yang sudah ada tidak ditimpa, kecuali dengan --replace",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="ganti berkas --out yang sudah ada dengan hasil impor ini (isi lamanya hilang)",
    )
    data_option(p)
    p.add_argument("--channel", default="portal", help="kanal untuk Open311 (bawaan: portal)")
    p.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    p = sub.add_parser(
        "import-registry",
        help="isi akun dan kanal kontak instansi dari lembar kerja kantor (.xlsx atau CSV)",
        description=(
            "Impor daftar akun media sosial OPD/kecamatan/desa dari lembar kerja (.xlsx atau CSV) "
            "ke berkas YAML di data/agencies/. Komentar dan susunan berkas tetap; hanya baris "
            "baru yang ditambahkan. Tidak ada yang ditulis bila ada baris yang tidak cocok atau "
            "ambigu, kecuali dengan --force."
        ),
    )
    p.add_argument("input", type=Path, metavar="BERKAS", help="lembar kerja .xlsx atau .csv")
    data_option(p)
    p.add_argument(
        "--dry-run", action="store_true", help="tampilkan perubahannya (seperti kanal diff) saja"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="tulis baris yang cocok walau ada baris yang tidak cocok, ambigu atau salah",
    )
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
    p = sub.add_parser(
        "wilayah",
        help="cari kode Kepmendagri provinsi, kabupaten/kota, kecamatan atau desa dari namanya",
        description=(
            "Cari kode wilayah Kepmendagri 2025 dari nama (huruf besar/kecil, spasi dan satu "
            "salah ketik tidak masalah). Kata 'kabupaten', 'kota', 'kecamatan', 'desa' atau "
            "'kelurahan' di depan nama membatasi tingkatnya. Bisa juga diberi kode."
        ),
    )
    p.add_argument("name", nargs="+", metavar="NAMA", help="nama wilayah, misalnya: desa tobo")
    p.add_argument(
        "--di", dest="within", default=None, metavar="KODE", help="hanya di bawah kode ini (33.16)"
    )
    p = sub.add_parser("schema", help="tulis JSON Schema format YAML")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="folder tujuan (bawaan: generator/schema)",
    )
    return parser


# Each command's module, imported only when it runs (``kanal --help`` stays fast).
COMMANDS = {
    "check": "generator.commands.check",
    "build": "generator.commands.build",
    "serve": "generator.commands.serve",
    "init": "generator.commands.init",
    "fetch": "generator.commands.fetch",
    "province": "generator.commands.province",
    "import": "generator.commands.import_",
    "import-registry": "generator.commands.import_registry",
    "diff": "generator.commands.diff",
    "schema": "generator.commands.schema",
    "wilayah": "generator.commands.wilayah",
}


# Commands whose process ends holding all it loaded (a province build: a million records and
# posts, ~900 MB of objects). The interpreter would free them one by one before exiting: 0.43 s
# of a province build's 19.4 s (7 December), after the site was already in place. From the
# command line (``kanal``, ``python -m generator``) these end at once, their output flushed;
# none leaves a thread, a child process or a temporary folder behind (each is closed by then).
QUICK_EXIT = frozenset({"build", "province", "check"})


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit code (tests and other Python code call this)."""
    return _run(_parser().parse_args(argv))


def console(argv: list[str] | None = None) -> int:
    """The ``kanal`` command: :func:`main`, then, after a command of QUICK_EXIT, the end of
    the process without freeing what it loaded."""
    args = _parser().parse_args(argv)
    code = _run(args)
    if args.command in QUICK_EXIT:
        os._exit(_flushed(code))
    return code


def _flushed(code: int) -> int:
    """``code`` once the output is written; as Python's own exit: a reader that closed the
    pipe (``| head``) loses the rest quietly, a failed write (a full disk under a CI report)
    ends with 120, and a stream closed at the start (``>&-``) is no stream."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            pass
        except (OSError, ValueError):
            code = code or 120
    return code


def _run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    from generator.build.project import ConfigError

    try:
        return importlib.import_module(COMMANDS[args.command]).run(args)
    except InvalidData as exc:
        report(exc.problems)
        print("Tidak ada yang dibangun; situs sebelumnya tetap utuh.", file=sys.stderr)
        return 1
    except ConfigError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
