"""``kanal diff A B``: load two versions of the data (folders or git revisions) and report.

A git revision is read with ``git archive`` into a temporary folder: the working tree and the
checked-out branch are never touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from contextlib import ExitStack
from pathlib import Path

from generator.registry.diff import EXIT_SENSITIVE, Change, DataDiff, compare
from generator.registry.models import LEVEL_LABELS, Directory
from generator.safeinput.invisible import shown
from generator.safeinput.problems import Location, Problem, Problems, report

FORMATS = ("text", "markdown", "json")
GIT_TIMEOUT = 120  # seconds; a local repository answers in well under that


class UsageError(Exception):
    """A wrong argument: exit status 2."""


class SourceError(Exception):
    """A version that cannot be read: exit status 1."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise UsageError("git tidak ditemukan; bandingkan dua folder data saja") from None


def _data_folder(folder: Path, data: Path) -> Path:
    """A data folder itself (has region.yml) or a region repository holding ``data``."""
    if (folder / "region.yml").is_file():
        return folder
    if (folder / data / "region.yml").is_file():
        return folder / data
    raise SourceError(f"folder '{folder}' tidak memuat region.yml maupun {data}/region.yml")


def _from_git(revision: str, data: Path, tmp: Path) -> Path:
    """Extract ``data`` as it is in ``revision`` of the current repository into ``tmp``."""
    cwd = Path.cwd()
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise UsageError(
            f"'{revision}' bukan folder, dan folder ini bukan repositori git; "
            "berikan dua folder data atau dua revisi git"
        )
    root = Path(top.stdout.decode().strip())
    verify = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    if verify.returncode != 0:
        raise UsageError(f"'{revision}' bukan folder maupun revisi git yang dikenal")
    try:
        inside = (cwd / data).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"folder data '{data}' berada di luar repositori git") from None
    archive = _git(["archive", "--format=tar", verify.stdout.decode().strip(), "--", inside], root)
    if archive.returncode != 0:
        raise SourceError(f"revisi '{revision}' tidak memuat folder '{inside}'")
    extract(archive.stdout, tmp, revision)
    return tmp / inside


def unsafe_member(exc: tarfile.FilterError) -> str:
    """What tarfile's "data" filter refused, in plain Indonesian, naming the member."""
    member = getattr(exc, "tarinfo", None)
    name = f"'{shown(member.name)}'" if member is not None else "sebuah berkas"
    target = f"'{shown(member.linkname)}'" if member is not None else ""
    if isinstance(exc, tarfile.AbsoluteLinkError):
        return f"{name} adalah tautan (symlink) ke jalur mutlak {target}"
    if isinstance(exc, tarfile.LinkOutsideDestinationError):
        return f"{name} adalah tautan (symlink) ke {target}, di luar folder data"
    if isinstance(exc, tarfile.AbsolutePathError):
        return f"{name} memakai jalur mutlak"
    if isinstance(exc, tarfile.OutsideDestinationError):
        return f"{name} akan tertulis di luar folder data"
    if isinstance(exc, tarfile.SpecialFileError):
        return f"{name} adalah berkas khusus (perangkat atau FIFO), bukan berkas biasa"
    return f"{name} tidak boleh dibaca dari arsip git"  # a kind a newer Python adds


def extract(archive: bytes, tmp: Path, revision: str) -> None:
    """Unpack a ``git archive`` tar into ``tmp``; SourceError naming a member it refuses."""
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            # The "data" filter refuses absolute paths, links out of the folder, device files.
            tar.extractall(tmp, filter="data")
    except tarfile.FilterError as exc:
        raise SourceError(
            f"revisi '{revision}' memuat berkas yang tidak aman: {unsafe_member(exc)}; "
            "data hanya dibaca dari berkas biasa di dalam folder data (ganti tautan itu dengan "
            "berkasnya sendiri)"
        ) from None


def resolve(source: str, data: Path, force_git: bool, stack: ExitStack) -> tuple[Path, str | None]:
    """The data folder of ``source`` and, for a git revision, the temporary root to hide."""
    if not force_git and Path(source).is_dir():
        return _data_folder(Path(source), data), None
    tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kanal-diff-")))
    folder = _from_git(source, data, tmp)
    if not (folder / "region.yml").is_file():
        raise SourceError(f"revisi '{source}' tidak memuat {data}/region.yml")
    return folder, str(tmp)


def _relabel(problems: Problems, tmp: str | None, label: str) -> Problems:
    """Problems found in an extracted revision point at ``REV:path`` instead of a temp file."""
    if tmp is None:
        return problems
    out = Problems()
    for p in problems:
        path = p.location.path
        if path.startswith(tmp):
            path = f"{label}:{path[len(tmp) :].lstrip('/')}"
        out.items.append(
            Problem(Location(path, p.location.line, p.location.col), p.severity, p.field, p.message)
        )
    return out


def load_version(
    source: str, data: Path, force_git: bool, today: dt.date, stack: ExitStack, report
) -> Directory | None:
    from generator.registry.validate import load_directory

    folder, tmp = resolve(source, data, force_git, stack)
    problems = Problems()
    directory = load_directory(folder, today, problems)
    if directory is None or problems.failed():
        report(Problems(_relabel(problems, tmp, source).errors), sys.stderr)
        print(f"Data versi '{source}' tidak valid; tidak dibandingkan.", file=sys.stderr)
        return None
    return directory


# ---------------------------------------------------------------- formats


def _share(count_total: tuple[int, int]) -> str:
    count, total = count_total
    if not total:
        return "tidak ada"
    percent = f"{100 * count / total:.1f}".replace(".", ",")
    return f"{count} dari {total} ({percent}%)"


def format_text(diff: DataDiff) -> str:
    lines = [f"Perubahan data dari {diff.before_label} ke {diff.after_label}"]
    sensitive = diff.sensitive
    others = [c for c in diff.changes if not c.sensitive]
    if not diff.changes:
        lines.append("Tidak ada perubahan instansi, akun atau kanal layanan.")
    if sensitive:
        lines.append(
            f"PERUBAHAN SENSITIF ({len(sensitive)}): pastikan langsung dengan instansinya, "
            "bukan lewat kontak di perubahan ini, sebelum digabung:"
        )
        lines += [f"  ! {c.agency_name} ({c.agency}): {c.text}" for c in sensitive]
    if others:
        lines.append(f"Perubahan lain ({len(others)}):")
        lines += [f"  - {c.agency_name} ({c.agency}): {c.text}" for c in others]
    lines.append("Cakupan instansi dengan akun resmi aktif (sebelum -> sesudah):")
    for row in diff.coverage:
        lines.append(f"  {LEVEL_LABELS[row.level]}: {_share(row.before)} -> {_share(row.after)}")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = set("\\`*_[]<>|#~!&")


def md_escape(text: str) -> str:
    """Plain text for a Markdown page that renders HTML (a job summary): nothing in a name
    or URL becomes markup, a link, an image or a table cell break."""
    out = []
    for ch in " ".join(text.split()):
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch in _MD_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _md_item(change: Change) -> str:
    return f"- **{md_escape(change.agency_name)}** ({md_escape(change.agency)}): {md_escape(change.text)}"


def format_markdown(diff: DataDiff) -> str:
    lines = [
        "## Perubahan data Kanal",
        "",
        f"Dari {md_escape(diff.before_label)} ke {md_escape(diff.after_label)}.",
        "",
    ]
    sensitive = diff.sensitive
    others = [c for c in diff.changes if not c.sensitive]
    if not diff.changes:
        lines += ["Tidak ada perubahan instansi, akun atau kanal layanan.", ""]
    if sensitive:
        lines += [
            "> [!WARNING]",
            f"> **{len(sensitive)} perubahan sensitif.** Alamat akun resmi, nomor layanan atau "
            "kanal resmi lain (domain, rekening, pengirim SMS, aplikasi) berubah, atau daftar "
            "palsu berkurang: begitulah akun dibajak dan warga ditipu. Pastikan langsung dengan "
            "instansinya (bukan lewat kontak di perubahan ini) sebelum menggabungkan.",
            "",
        ]
        lines += [_md_item(c) for c in sensitive] + [""]
    if others:
        lines += [f"### Perubahan lain ({len(others)})", ""]
        lines += [_md_item(c) for c in others] + [""]
    lines += [
        "### Cakupan akun resmi aktif",
        "",
        "| Tingkat | Sebelum | Sesudah |",
        "| --- | --- | --- |",
    ]
    for row in diff.coverage:
        lines.append(f"| {LEVEL_LABELS[row.level]} | {_share(row.before)} | {_share(row.after)} |")
    return "\n".join(lines) + "\n"


def format_json(diff: DataDiff) -> str:
    return json.dumps(diff.to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


FORMATTERS = {"text": format_text, "markdown": format_markdown, "json": format_json}


def run_diff(
    before: str, after: str, data: Path, force_git: bool, fmt: str, today: dt.date, report
) -> int:
    """Compare and print; 0 nothing sensitive, 3 sensitive, 1 invalid data, 2 usage."""
    with ExitStack() as stack:
        try:
            old = load_version(before, data, force_git, today, stack, report)
            new = load_version(after, data, force_git, today, stack, report)
        except UsageError as exc:
            print(f"galat: {exc}", file=sys.stderr)
            return 2
        except SourceError as exc:
            print(f"galat: {exc}", file=sys.stderr)
            return 1
        if old is None or new is None:
            return 1
        diff = compare(old, new, before, after)
    sys.stdout.write(FORMATTERS[fmt](diff))
    return EXIT_SENSITIVE if diff.sensitive else 0


def run(args: argparse.Namespace) -> int:
    return run_diff(args.before, args.after, args.data, args.git, args.format, args.today, report)
