"""Printable posters: one per agency (OPD, kecamatan, desa/kelurahan), for the service counter
and the village notice board.

Each poster is a standalone HTML file ``poster/<id>.html`` with its own print CSS (A4 and
A5, black on white): a file, not a folder of its own with an ``index.html``, since a folder
each cost a national directory's 91,561 posters ~28 s of system CPU on ext4 (measured: 91,561
files of 7 KB written in 4.7 s of system time flat, 32.4 s each in its own folder). It never
passes through MkDocs (generator.build.sitefiles), so posters cost no Markdown rendering and
stay out of the navigation, the search index and the sitemap. ``kanal build`` writes them in
a process of its own, and itself where it would wait (:class:`PosterRun`); ``kanal serve``
renders only the changed ones (:func:`render_posters`). The QR code (zxing-cpp, inline SVG
made at build time, no request to anyone) leads to the agency's page on this site,
where a citizen can check the poster itself: absolute from ``site_url``, else the path from the
site's root (``kanal check`` warns).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, BinaryIO

import numpy
import zxingcpp
from markupsafe import Markup

from generator.build.worker import MESSAGE_BYTES, die_with_parent, forked_result
from generator.finder.knowledge import Concept
from generator.registry.accounts import PLATFORM_LABELS
from generator.registry.models import AccountStatus, Agency, ChannelType, Directory
from generator.registry.official import OfficialKind, merged_lines
from generator.site.pages import (
    Renderer,
    agency_url,
    sorted_channels,
    template_environment,
    write_finder_files,
)
from generator.site.shards import SHARD_FOLDER

QUIET_ZONE = 4  # modules of white around a QR code, as its standard asks
# The QR data mask, fixed (ISO/IEC 18004 lets an encoder use any of the 8; a reader takes the
# mask's number from the code's format information). Letting zint score all 8 and keep the
# best was 0.21 ms of the 0.34 ms a code costs: 19 s of CPU for a national directory's 91,561
# posters, 1.9 s for a province's 9,174. Mask 2 (vertical stripes) scores closest to that
# best: 3.6 % more ISO penalty points on average over 200 of Jawa Tengah's targets (segno's
# scorer), 20 % at most, the same as the best for 34 % of them. After the same stains, blur
# and noise, zxing-cpp's reader read the two alike (80.3 % against 80.0 %, 77.7 % against
# 78.2 %, 74.3 % against 74.5 % of 600 damaged codes): `python benchmarks/qr_mask.py`.
QR_MASK = 2
MAX_ACCOUNTS = 8  # more would not fit an A5 sheet; the page lists them all
MAX_CONTACTS = 4
MAX_OTHER = 6
MAX_LINES = 8
# Characters of statements and of other channels a sheet holds beside the rest (an A5 line at
# 8.5 pt holds ~70): long free-text statements give way to "dan N lainnya: lihat situs".
MAX_LINE_CHARS = 480
MAX_OTHER_CHARS = 300


def _fit(items: list[Any], limit: int, chars: int, size: Any = len) -> list[Any]:
    """The first items, at most ``limit`` of them and ``chars`` characters (at least one)."""
    kept: list[Any] = []
    used = 0
    for item in items[:limit]:
        used += size(item)
        if kept and used > chars:
            break
        kept.append(item)
    return kept


# The contacts a poster prints, in this order: what a citizen at the counter needs.
POSTER_CHANNELS = (ChannelType.WHATSAPP, ChannelType.PHONE, ChannelType.SMS, ChannelType.EMAIL)


POSTER_NICENESS = 10  # see main(): the posters' process yields to the build's own
POSTER_DIR = "poster"  # top-level folder of the site: a file past MkDocs (build.sitefiles)


def poster_path(agency: Agency) -> str:
    """The poster's file under the site's root (and its URL from there)."""
    return f"{POSTER_DIR}/{agency.id}.html"


def target_url(directory: Directory, agency: Agency) -> str:
    """Where the QR code leads: the agency's page, absolute when ``site_url`` is set."""
    path = agency_url(directory, agency)
    base = directory.region.site_url
    return base.rstrip("/") + "/" + path if base else path


MAX_SIDE = 177  # modules a side of the largest QR code (version 40)


def _stroke_tokens() -> numpy.ndarray:
    """Each of a stroke's three numbers as the bytes that spell it, with the letter before it:
    row ``k * span + v`` spells ``"m h"[k]`` then ``v`` (``-MAX_SIDE..MAX_SIDE``), padded
    with zero bytes after the letter, which :func:`qr_svg` drops."""
    span = 2 * MAX_SIDE + 1
    table = numpy.zeros((3 * span, 5), numpy.uint8)
    for k, letter in enumerate(b"m h"):
        for value in range(-MAX_SIDE, MAX_SIDE + 1):
            digits = str(value).encode("ascii")
            row = table[k * span + value + MAX_SIDE]
            row[0] = letter
            row[5 - len(digits) :] = numpy.frombuffer(digits, numpy.uint8)
    return table


_TOKENS = _stroke_tokens()
_TOKEN_OFFSETS = numpy.array([0, 1, 2]) * (2 * MAX_SIDE + 1) + MAX_SIDE


@lru_cache(maxsize=1 << 15)  # kanal serve: a province's 9,174 codes are made once
def qr_svg(text: str) -> Markup:
    """A QR code as inline SVG (error correction M: a poster gets creased and stained).

    Encoded by zxing-cpp (zint, in C: 0.04 ms a code with the mask fixed, :data:`QR_MASK`;
    segno's pure Python took 2-3 ms even so: 250 s of CPU for the 91,561 posters of a
    national directory), drawn as segno drew it: one white square, then each row's runs of
    dark modules as horizontal strokes of one path, with a 4-module quiet zone."""
    code = zxingcpp.create_barcode(
        text, zxingcpp.BarcodeFormat.QRCode, ec_level="M", data_mask=QR_MASK
    )
    image = numpy.asarray(code.to_image(scale=1, add_quiet_zones=False))
    side = image.shape[0]
    size = side + 2 * QUIET_ZONE
    # Where each run of dark modules starts and ends, row by row (a light column either side):
    # the changes of a row come in pairs, a run's start then its end.
    padded = numpy.zeros((side, side + 2), numpy.int8)
    padded[:, 1:-1] = image < 128
    rows, columns = numpy.nonzero(padded[:, 1:] - padded[:, :-1])
    starts, ends, rows = columns[0::2], columns[1::2], rows[0::2]
    if not len(starts):
        path = ""
    else:
        # The first stroke is absolute, through the middle of its row; each next one moves
        # from where the last ended ("m<dx> <dy>h<length>"). Spelled by one look-up of every
        # number's bytes (~300 strokes a code: a Python step each was most of a national
        # directory's 50 s of poster CPU, a %-format of them all still 3 s).
        path = f"M{starts[0] + QUIET_ZONE} {rows[0] + QUIET_ZONE}.5h{ends[0] - starts[0]}"
        numbers = numpy.empty((len(starts) - 1, 3), numpy.intp)
        numbers[:, 0] = starts[1:] - ends[:-1]
        numbers[:, 1] = rows[1:] - rows[:-1]
        numbers[:, 2] = ends[1:] - starts[1:]
        tokens = _TOKENS[numbers + _TOKEN_OFFSETS]
        path += tokens[tokens != 0].tobytes().decode("ascii")
    # Only numbers of our own go into the markup: safe to inline.
    return Markup(
        f'<svg role="img" aria-label="Kode QR" viewBox="0 0 {size} {size}" class="segno">'
        f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/>'
        f'<path class="qrline" stroke="#000" d="{path}"/></svg>'
    )


@dataclass(frozen=True)
class Line:
    label: str
    value: str


def _other(directory: Directory, agency: Agency) -> list[Line]:
    """Official channels beyond accounts: the region's web and e-mail domains (short, and
    what look-alike sites and mails copy), the agency's own, then the region's others."""
    out: list[Line] = []
    domains = (OfficialKind.WEB_DOMAIN, OfficialKind.EMAIL_DOMAIN)
    region = directory.region.official
    ordered = [
        *(i for i in region if i.kind in domains),
        *agency.official,
        *(i for i in region if i.kind not in domains),
    ]
    for item in ordered:
        if item.status is not AccountStatus.ACTIVE:
            continue
        kind = item.kind
        if kind is OfficialKind.APP:
            stores = " · ".join(f"{k}: {v}" for k, v in item.detail if k != "Pengembang")
            dev = dict(item.detail).get("Pengembang", "")
            out.append(Line("Aplikasi", f"{item.display} ({stores}; pengembang {dev})"))
        elif kind is OfficialKind.WEB_DOMAIN:
            out.append(Line("Situs resmi", f"hanya {item.display}"))
        elif kind is OfficialKind.EMAIL_DOMAIN:
            out.append(Line("Surel resmi", f"hanya alamat {item.display}"))
        elif kind is OfficialKind.SMS_SENDER:
            out.append(Line("SMS resmi", f"pengirim {item.display}"))
        elif kind is OfficialKind.BANK_ACCOUNT:
            detail = dict(item.detail)
            out.append(Line("Rekening resmi", f"{item.display} a.n. {detail['Atas nama']}"))
        elif kind is OfficialKind.VIRTUAL_ACCOUNT:
            out.append(Line("Virtual account", f"{item.display}"))
        elif kind is OfficialKind.QRIS:
            out.append(Line("QRIS", f"atas nama {item.display}"))
        elif kind is OfficialKind.HOTLINE:
            label = dict(item.detail).get("Keterangan")
            out.append(Line("Hotline", item.display + (f" ({label})" if label else "")))
    return out


@dataclass(frozen=True)
class Named:
    """What a poster shows of an agency: its names, plain strings."""

    name: str
    short_name: str | None = None


def poster_context(directory: Directory, agency: Agency) -> dict[str, Any]:
    """Everything a poster shows but its QR code, as plain strings and numbers: picklable
    without the directory (see :func:`poster_payload`)."""
    accounts = [Line(PLATFORM_LABELS[a.platform.value], a.shown) for a in agency.active_accounts]
    contacts = [
        Line(
            {"whatsapp": "WhatsApp", "phone": "Telepon", "sms": "SMS", "email": "Surel"}[
                c.type.value
            ],
            c.display,
        )
        for c in sorted_channels(agency)
        if c.type in POSTER_CHANNELS
    ]
    other = _other(directory, agency)
    lines = merged_lines(agency.never, directory.region.never)
    parent = directory.agencies.get(agency.parent) if agency.parent else None
    shown_other = _fit(other, MAX_OTHER, MAX_OTHER_CHARS, lambda o: len(o.label) + len(o.value))
    shown_lines = _fit(lines, MAX_LINES, MAX_LINE_CHARS)
    return {
        "agency": Named(agency.name, agency.short_name),
        "parent": Named(parent.name) if parent is not None else None,
        "accounts": accounts[:MAX_ACCOUNTS],
        "more_accounts": max(0, len(accounts) - MAX_ACCOUNTS),
        "contacts": contacts[:MAX_CONTACTS],
        "other": shown_other,
        "more_other": len(other) - len(shown_other),
        "lines": shown_lines,
        "more_lines": len(lines) - len(shown_lines),
        "target": target_url(directory, agency),
        "page_link": ROOT + agency_url(directory, agency),
        "absolute": bool(directory.region.site_url),
    }


ROOT = "../"  # from poster/<id>.html back to the site's root


def _html(template: Any, context: dict[str, Any]) -> str:
    return template.render(
        root=ROOT, url=lambda path: ROOT + path, qr=qr_svg(context["target"]), **context
    )


def region_view(directory: Directory) -> dict[str, Any]:
    """What every poster shows of the region, as plain values (the renderer's globals)."""
    region = directory.region
    publisher = SimpleNamespace(
        name=region.publisher.name,
        channels=[SimpleNamespace(display=c.display) for c in region.publisher.channels],
    )
    view = SimpleNamespace(demo=region.demo, name=region.name, publisher=publisher)
    return {"region": view, "today": directory.today}


BLOCK = 32  # posters a block: what one process claims at a time (~20 ms of work)


@dataclass(frozen=True)
class FinderJob:
    """The finder's files, made from plain data (generator.site.pages.write_finder_files):
    the directory's index rows, the region's thesaurus, and the size above which the index
    is written in shards. Done first by the posters' process, or by the build when it would
    wait (:meth:`PosterRun.help`), whichever claims it (:data:`FINDER_CLAIM`)."""

    index: dict[str, Any]
    concepts: tuple[Concept, ...]
    budget: int

    def write(self, folder: Path) -> None:
        """The finder's files under ``folder``, as the site has them (the shards too: they
        join the site past MkDocs, generator.build.sitefiles)."""
        write_finder_files(
            self.index,
            self.concepts,
            folder,
            shard_folder=folder / SHARD_FOLDER,
            budget=self.budget,
        )


FINDER_CLAIM = "finder"  # the claim of the finder's files (the blocks' are their numbers)
FINDER_DONE = "finder-done"  # made once the posters' process has written them
FINDER_FAILED = "indeks pencari gagal ditulis: "
POSTERS_FAILED = "poster instansi gagal ditulis: "
NO_JOB = pickle.dumps(None, protocol=pickle.HIGHEST_PROTOCOL)


def write_payload(
    directory: Directory, out: BinaryIO, finder: FinderJob | None = None
) -> tuple[int, list[tuple[int, int]], tuple[int, int]]:
    """The region's plain view, the finder's job (or None), then every poster's path and
    plain context in blocks of ``BLOCK`` (one pickled list each): what :func:`main` renders
    from, alone. Returns how many posters, where each block lies in ``out`` (offset,
    length), and where the view ends and where the job ends (the first block's offset)."""
    pickle.dump(region_view(directory), out, protocol=pickle.HIGHEST_PROTOCOL)
    view = out.tell()
    # Pickled twice: a reader that does not take the job passes it as one bytes object.
    job = pickle.dumps(finder, protocol=pickle.HIGHEST_PROTOCOL) if finder is not None else None
    pickle.dump(job, out, protocol=pickle.HIGHEST_PROTOCOL)
    del job
    head = (view, out.tell())
    agencies = list(directory.agencies.values())
    blocks = []
    for lo in range(0, len(agencies), BLOCK):
        rows = [
            (poster_path(agency), poster_context(directory, agency))
            for agency in agencies[lo : lo + BLOCK]
        ]
        start = out.tell()
        pickle.dump(rows, out, protocol=pickle.HIGHEST_PROTOCOL)
        blocks.append((start, out.tell() - start))
    return len(agencies), blocks, head


def claim(claims: Path, block: int | str) -> bool:
    """Take ``block`` for this process: True for exactly one of the processes that ask
    (``mkdir`` is atomic), False when another took it first."""
    try:
        os.mkdir(claims / str(block))
    except FileExistsError:
        return False
    return True


class PosterRun:
    """The posters' process (:func:`spawned_posters`) and the build's share of its work.

    The process renders the blocks from the first on; the build, whenever it would wait
    (for the complaint open data, then for the posters themselves after MkDocs), renders
    blocks from the last one down (:meth:`help`). Each block is claimed first
    (:func:`claim`), so each poster is written once and by one of them: the process stops at
    the first block the build took, the build at the first the process took. A province's
    posters took 2-3 s of one core after MkDocs, with the build's process waiting beside."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        payload: BinaryIO,
        errors: BinaryIO,
        count: int,
        blocks: list[tuple[int, int]],
        claims: Path,
        folder: Path,
        head: tuple[int, int],
    ) -> None:
        self.process, self.payload, self.errors, self.head = process, payload, errors, head
        self.count, self.blocks, self.claims, self.folder = count, blocks, claims, folder
        self.next = len(blocks) - 1  # the next block the build asks for, from the last
        self.template: Any = None
        self.region: dict[str, Any] = {}
        self.finder_asked = False
        self.finder_taken = False  # written by this process

    @property
    def has_job(self) -> bool:
        """Whether the payload holds a finder's job (more than a pickled None)."""
        view, head = self.head
        return head - view > len(NO_JOB)

    def _read(self, start: int, end: int) -> Any:
        """One pickled object of the payload (pread: the process reads the same open file,
        whose offset is shared)."""
        return pickle.loads(os.pread(self.payload.fileno(), end - start, start))

    def help(self) -> bool:
        """Write the finder's files if nobody took them yet, else render the highest block
        nobody took yet; False when there is nothing left. OSError at once when the process
        failed (a national directory's 91,561 posters are not rendered for a failed build)."""
        self._failed(self.process.poll())
        if self._take_finder():
            return True
        if self.next < 0 or not claim(self.claims, self.next):
            self.next = -1  # the process took it: it has taken every block below too
            return False
        if self.template is None:
            self.template = template_environment().get_template("poster.html.j2")
            self.region = self._read(0, self.head[0])
        start, length = self.blocks[self.next]
        rows = self._read(start, start + length)
        self.next -= 1
        try:
            _write_rows(rows, self.template, self.region, self.folder)
        except OSError as exc:  # as the process reports its own failure
            raise OSError(f"{POSTERS_FAILED}{exc}") from exc
        return True

    def wait(self) -> int:
        """Help until no block is left, then wait for the process; returns how many
        posters (OSError when the process failed)."""
        while self.help():
            pass
        self._failed(self.process.wait())
        return self.count

    def _take_finder(self) -> bool:
        """Write the finder's files here if there is a job and nobody took it yet (asked
        once); True when this did."""
        if self.finder_asked:
            return False
        self.finder_asked = True
        # The job is read only when this process takes it (a national index: 27 MB).
        if not self.has_job or not claim(self.claims, FINDER_CLAIM):
            return False
        try:
            pickle.loads(self._read(*self.head)).write(self.folder)
        except Exception as exc:  # worded as the posters' process words it
            raise OSError(f"{FINDER_FAILED}{type(exc).__name__}: {exc}") from exc
        self.finder_taken = True
        return True

    def finder(self) -> None:
        """Return once the finder's files are written (before MkDocs: the job's peak must not
        meet MkDocs'): by this process if nobody took the job yet, else wait for the process's
        mark; OSError when it failed."""
        self._failed(self.process.poll())
        if not self.has_job or self._take_finder() or self.finder_taken:
            return
        while not (self.claims / FINDER_DONE).is_dir():
            try:
                code = self.process.wait(timeout=0.02)
            except subprocess.TimeoutExpired:
                continue
            self._failed(code, FINDER_FAILED)
            if not (self.claims / FINDER_DONE).is_dir():
                raise OSError(f"{FINDER_FAILED}proses poster berhenti sebelum selesai")

    def _failed(self, code: int | None, what: str = POSTERS_FAILED) -> None:
        """OSError when the process ended with ``code`` other than 0: with its last line
        (the finder's failure says so itself), or the signal that stopped it (then its
        output, a warning perhaps, is not the reason)."""
        if code is None or code == 0:
            return
        if code < 0:
            raise OSError(f"{what}proses poster dihentikan sinyal {-code}")
        self.errors.seek(0)
        lines = self.errors.read().decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1][:MESSAGE_BYTES] if lines else f"kode {code}"
        if reason.startswith(FINDER_FAILED):
            raise OSError(reason)
        raise OSError(f"{what}{reason}")


@contextlib.contextmanager
def spawned_posters(
    directory: Directory, folder: Path, finder: FinderJob | None = None
) -> Iterator[PosterRun]:
    """Write every poster into ``folder`` in a new Python process on the second core, with
    the caller's help when it has nothing else to do (:class:`PosterRun`). Leaving early
    kills the process.

    Not a fork of the build: a forked worker writes to the reference count of each object it
    touches and puts what it makes into the build's half-empty memory pages, and so copied
    most of a national directory's 1 GB build page by page (793 MB). This process reads the
    posters' plain contexts from a temporary file (made here: a few seconds) and holds one
    block at a time."""
    # The claims live in ``folder`` (a build's private folder, which the next build removes if
    # this one is killed): none is left behind in the system's temporary folder.
    try:
        folder.mkdir(parents=True, exist_ok=True)
        claims = tempfile.mkdtemp(prefix=".claims-", dir=folder)
    except OSError as exc:
        raise OSError(f"{POSTERS_FAILED}{exc}") from exc
    with (
        contextlib.ExitStack() as cleanup,
        tempfile.TemporaryFile() as payload,
        tempfile.TemporaryFile() as errors,
    ):
        cleanup.callback(shutil.rmtree, claims, ignore_errors=True)
        count, blocks, head = write_payload(directory, payload, finder)
        del finder  # the index is the process's now, not kept here through MkDocs
        payload.flush()
        payload.seek(0)
        process = subprocess.Popen(
            # -P: the working folder (a region's repository) is not put on the import path.
            [
                sys.executable,
                "-P",
                "-m",
                "generator.site.posters",
                str(folder),
                str(os.getpid()),
                claims,
            ],
            stdin=payload,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        try:
            yield PosterRun(process, payload, errors, count, blocks, Path(claims), folder, head)
        finally:
            if process.returncode is None:
                process.kill()
                process.wait()


def _write_rows(
    rows: list[tuple[str, dict[str, Any]]], template: Any, region: dict[str, Any], folder: Path
) -> None:
    made: set[Path] = set()
    for src, context in rows:
        target = folder / src
        if target.parent not in made:  # poster/: once a block, not a failed mkdir a poster
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(_html(template, {**region, **context}), encoding="utf-8")


def _finder_job(job: bytes, folder: Path, claims: Path | None) -> None:
    """The pickled :class:`FinderJob`, in a child of the posters' process that ends with it
    (the job's ~450 MB peak for a national directory would stay in that process's heap
    through its posters), then the mark the build waits for before MkDocs (:data:`FINDER_DONE`)."""
    # Without the cycle collector: its passes over the index's millions of objects (which
    # hold no cycles) were a quarter of the job, 8.5 -> 6.3 s of CPU for a national directory.
    gc.disable()
    pickle.loads(job).write(folder)
    if claims is not None:
        os.mkdir(claims / FINDER_DONE)


class FinderError(OSError):
    """The finder's files could not be written (reported as such, not as a poster's failure)."""


def write_posters(
    rows: BinaryIO,
    folder: Path,
    claims: Path | None = None,
    lower: Callable[[], None] | None = None,
) -> int:
    """Render the posters of a :func:`write_payload` stream into ``folder``, block by block;
    with ``claims``, only while :func:`claim` gives this process the next block. The finder's
    job, when the stream holds one that this process claims, runs beside them in a forked
    child at this process's priority: ``lower`` lowers it only after the fork (the build waits
    for the finder's files before MkDocs, and cannot take back a job claimed here); its
    failure ends this at the next block. Returns how many posters it wrote."""
    template = template_environment().get_template("poster.html.j2")
    region = pickle.load(rows)
    job: bytes | None = pickle.load(rows)
    blocks = _Blocks(rows, template, region, folder, claims)
    with contextlib.ExitStack() as stack:
        finder = None
        if job is not None and (claims is None or claim(claims, FINDER_CLAIM)):
            what = FINDER_FAILED.removesuffix(": ")
            finder = stack.enter_context(
                forked_result(functools.partial(_finder_job, job, folder, claims), what)
            )
        del job
        if lower is not None:
            lower()
        if finder is not None:
            try:
                finder(blocks.one)  # posters while the child works, until it ends
            except OSError as exc:
                if not str(exc).startswith(FINDER_FAILED):
                    raise  # a poster's own failure, while the child worked
                raise FinderError(str(exc)) from exc
    while blocks.one():
        pass
    return blocks.count


class _Blocks:
    """The posters of a payload stream, one block at a time (:func:`write_posters`)."""

    def __init__(
        self,
        rows: BinaryIO,
        template: Any,
        region: dict[str, Any],
        folder: Path,
        claims: Path | None,
    ) -> None:
        self.rows, self.template, self.region = rows, template, region
        self.folder, self.claims = folder, claims
        self.count = self.block = 0
        self.done = False

    def one(self) -> bool:
        """Render the next block; False when none is left (or the build took it, and so
        every one after it)."""
        if self.done:
            return False
        try:
            batch = pickle.load(self.rows)
        except EOFError:
            batch = None
        if batch is None or (self.claims is not None and not claim(self.claims, self.block)):
            self.done = True
            return False
        _write_rows(batch, self.template, self.region, self.folder)
        self.count += len(batch)
        self.block += 1
        return True


def background() -> None:
    """Lower this process's priority: nice, then (Linux) the idle scheduling class, which
    runs it only on a core nothing else wants (a process may always lower itself to it)."""
    with contextlib.suppress(OSError):
        os.nice(POSTER_NICENESS)
    if hasattr(os, "SCHED_IDLE"):
        with contextlib.suppress(OSError):
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


def main(argv: list[str]) -> int:
    """``python -m generator.site.posters FOLDER PARENT_PID CLAIMS``: the posters of the
    payload on standard input, each block claimed in the folder CLAIMS first (see
    :class:`PosterRun`)."""
    die_with_parent(int(argv[1]))
    # Background work: the build waits for the posters only after MkDocs. At the idle class
    # they take only the CPU the build's own processes leave (the parent waiting for a
    # worker, the second core while the figures are computed). Beside the complaint worker,
    # at equal priority they had lengthened a province's page stage by 4-6 s; at nice 10
    # they still took ~10 % of a core from it and from MkDocs (2-4 s of a province's build).
    # What they have not done when the build waits, the build does itself (PosterRun.help).
    try:
        write_posters(sys.stdin.buffer, Path(argv[0]), Path(argv[2]), lower=background)
    except FinderError as exc:  # the build says it as it is
        print(exc, file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - one line for the build's error, no traceback
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


def render_posters(renderer: Renderer, folder: Path) -> int:
    """Write every agency's poster into ``folder`` (the site's files past MkDocs, or the docs
    folder) here, through the renderer's memo when it has one (``kanal serve``: a poster whose
    agency, parent and region are unchanged is kept, not made again); returns how many."""
    directory = renderer.d
    memo = renderer.memo
    if memo is None:
        with tempfile.TemporaryFile() as payload:
            write_payload(directory, payload)
            payload.seek(0)
            return write_posters(payload, folder)
    past_mkdocs = folder != renderer.docs
    template = renderer.env.get_template("poster.html.j2")
    region = region_view(directory)
    count = 0
    for agency in directory.agencies.values():

        def html(agency: Agency = agency) -> str:
            return _html(template, {**region, **poster_context(directory, agency)})

        src = poster_path(agency)
        # A poster shows its agency, its parent's name and the region's channels (the
        # renderer's globals): keyed by those, its context is made only when it changed.
        parent = memo.agency_token(agency.parent) if agency.parent else b""
        parts = ("poster", memo.agency_token(agency.id), parent)
        memo.write(src, folder / src, parts, html, past_mkdocs)
        count += 1
    return count


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
