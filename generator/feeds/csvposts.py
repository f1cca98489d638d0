"""Posts from CSV files, for platforms without any feed (an export, or a list kept by hand).

Files: ``data/posts-csv/*.csv``, UTF-8, with a header row::

    platform,akun,waktu,judul,tautan,ringkasan
    instagram,@dinkes.contoh,2026-11-20 09:30,Posyandu balita di Desa Maju,https://www.instagram.com/p/Cx1/,

``akun`` is the handle or profile URL as in the agency file; ``waktu`` is ISO
(``2026-11-20``, ``2026-11-20 09:30`` or with an offset; without offset it is local time);
``tautan`` (http/https) is the post's identity; ``ringkasan`` is optional. A ``tautan`` not on
the account's own platform or site (:mod:`generator.feeds.postlinks`) is a warning at its cell:
the post is imported (it counts) without the link. ``kanal fetch``
imports these rows into the history store (de-duplicated, so importing twice is harmless);
``kanal build`` reads the store only.

A title or summary holding a NIK/KK, a phone number or an e-mail address that is not an
office's own (registered as a channel, see :mod:`generator.safeinput.publicvalues`) is an
error at its cell: the file is committed to a public repository. ``kanal check`` reads these
files too, so the error shows before ``kanal fetch``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.feeds.parse import SUMMARY_MAX, TITLE_MAX, Post, plain_text, read_date, web_link
from generator.feeds.postlinks import LinkRule, link_rule
from generator.registry.accounts import AccountError, normalize_account
from generator.registry.models import Directory
from generator.registry.personal import NUMBERS_ONLY, found_in, public_values
from generator.safeinput.files import MB, input_files, read_text
from generator.safeinput.problems import Location, Problems, display_path
from generator.safeinput.publicvalues import PublicValues

CSV_DIR = "posts-csv"
COLUMNS = ("platform", "akun", "waktu", "judul", "tautan")
CSV_MAX_BYTES = 20 * MB  # tens of thousands of posts; bounds memory on a hostile file
PERSONAL_FIX = (
    "unggahan boleh memuat nomor dan surel kantor yang terdaftar sebagai kanal resmi "
    "(channels sebuah instansi, official.hotlines, publisher) atau nomor layanan (112, 0800-...); "
    "nomor HP, NIK/KK dan surel pribadi dihapus, karena repositori data ini publik"
)


def _when(text: str, tz: ZoneInfo) -> dt.datetime | None:
    text = text.strip()
    if len(text) == 10:
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None
        return dt.datetime(day.year, day.month, day.day, tzinfo=tz)
    return read_date(text.replace(" ", "T", 1) if "T" not in text else text, tz)


def read_csv_posts(
    path: Path,
    tz: ZoneInfo,
    rules: Mapping[str, LinkRule],
    problems: Problems,
    public: PublicValues | None = None,
    partial: bool = False,
) -> dict[str, list[Post]]:
    """Posts per account key; every bad row is reported with its line and skipped (a row with
    personal data too; ``public``: the offices' own numbers and addresses). ``rules``: each
    known account's rule for post links (:func:`link_rules`); a foreign link is a warning and
    the post has no link. ``partial``: the accounts come from a partial directory
    (:attr:`generator.registry.models.Directory.unchecked`), so a row of another account is
    checked too, not reported as unknown."""
    where = display_path(path)
    out: dict[str, list[Post]] = {}
    text = read_text(path, where, problems, CSV_MAX_BYTES, "utf-8-sig")
    if text is None:
        return out
    with io.StringIO(text, newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            problems.error(Location(where, 1), "", f"kolom hilang: {', '.join(missing)}")
            return out
        for row in reader:
            line = reader.line_num
            at = Location(where, line)
            platform = (row.get("platform") or "").strip()
            account = (row.get("akun") or "").strip()
            is_url = account.startswith(("http://", "https://"))
            try:
                key = normalize_account(
                    platform, None if is_url else account, account if is_url else None
                ).key
            except (AccountError, ValueError) as exc:
                message = exc.message if isinstance(exc, AccountError) else str(exc)
                problems.error(at, "akun", message)
                continue
            rule = rules.get(key)
            if rule is None and not partial:
                problems.warning(
                    at, "akun", f"akun '{account}' tidak ada di direktori; baris dilewati"
                )
                continue
            when = _when(row.get("waktu") or "", tz)
            if when is None:
                problems.error(
                    at, "waktu", f"waktu '{row.get('waktu')}' tidak dikenali (TTTT-BB-HH JJ:MM)"
                )
                continue
            link = web_link(row.get("tautan"))
            if link is None:
                problems.error(at, "tautan", "tautan harus alamat http:// atau https://")
                continue
            title = plain_text(row.get("judul"), TITLE_MAX)
            summary = plain_text(row.get("ringkasan"), SUMMARY_MAX)
            personal = False
            for name, text in (("judul", row.get("judul")), ("ringkasan", row.get("ringkasan"))):
                found = found_in(text, public, NUMBERS_ONLY) if text else ""
                if found:
                    problems.error(at, name, f"berisi data pribadi ({found}); {PERSONAL_FIX}")
                    personal = True
            if personal:
                continue
            if rule is None:  # partial: an account of an agency that failed its own checks
                continue
            shown = link
            if not rule.allows(link):
                problems.warning(at, "tautan", rule.message(link))
                shown = None
            out.setdefault(key, []).append(
                Post(
                    link,
                    shown,
                    when.replace(second=0, microsecond=0),
                    title or summary,
                    summary if title else "",
                )
            )
    return out


def csv_files(data: Path, problems: Problems) -> list[Path]:
    """The post CSV files; links and odd entries (a folder named ``x.csv``) become problems."""
    return input_files(data / CSV_DIR, (".csv",), problems, recursive=False)


def link_rules(directory: Directory) -> dict[str, LinkRule]:
    """Each account's rule for post links, by key."""
    return {
        a.key: link_rule(a.platform.value, a.url)
        for ag in directory.agencies.values()
        for a in ag.accounts
    }


def check_csv_posts(data: Path, directory: Directory, problems: Problems) -> None:
    """Every problem of the post CSV files, for ``kanal check`` (nothing is stored)."""
    tz = ZoneInfo(directory.region.timezone)
    rules = link_rules(directory)
    public = public_values(directory.agencies.values(), directory.region)
    partial = directory.unchecked is not None
    for path in csv_files(data, problems):
        read_csv_posts(path, tz, rules, problems, public, partial)
