"""The history store checked in full before ``kanal fetch`` writes to it.

The store is append-only and committed with the data: appending to a damaged file would bury
the damage under new posts, a link would take the writes out of the repository, and a status
entry of the wrong type would stop the run halfway (or send a broken header to a feed server).
So before anything is fetched the status file and the history of every account the run may
write to are read, and every problem is reported with its place; one problem anywhere and
nothing is fetched or written. The office fixes the store, then fetches again.

The reading itself is the store's (:meth:`Store.read`, the same as the build's); only the
status file is read here, because a fetch needs more of it than a build does: its values are
used again (``fails`` counted on, ``etag`` and ``modified`` sent back as HTTP headers).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.feeds.store import POST_FILE_MAX_BYTES, Store
from generator.safeinput.files import check_root, read_text
from generator.safeinput.problems import Location, Problems, display_path

STATUS_TEXTS = ("err", "err_at", "ok", "url")
STATUS_HEADERS = ("etag", "modified")  # sent back to the feed server as they are
HEADER_MAX = 200  # what ``kanal fetch`` itself stores at most
_HEADER = re.compile(rf"[\x20-\x7e]{{0,{HEADER_MAX}}}")
SHAPE = "status feed harus objek JSON berisi satu objek per akun"
UNREADABLE = "status feed tidak bisa dibaca"
HEADER_RULE = (
    f"harus teks ASCII tanpa karakter kendali, paling panjang {HEADER_MAX} karakter "
    "(dikirim kembali ke server feed sebagai header HTTP)"
)
FAILS_RULE = "harus bilangan bulat 0 atau lebih (jumlah kegagalan berturut-turut)"

# Python's messages for the JSON mistakes a hand edit makes, by their start.
_JSON_MESSAGES = {
    "Expecting value": "nilai diharapkan",
    "Expecting property name enclosed in double quotes": "nama medan harus diapit tanda petik ganda",
    "Expecting ',' delimiter": "tanda koma diharapkan",
    "Expecting ':' delimiter": "tanda titik dua diharapkan",
    "Extra data": "ada teks lain setelah akhir JSON",
    "Unterminated string": "teks tidak ditutup tanda petik",
    "Invalid control character": "karakter kendali di dalam teks",
    "Invalid \\escape": "urutan garis miring terbalik (\\) tidak valid",
    "Unexpected UTF-8 BOM": "berkas diawali BOM; simpan ulang sebagai UTF-8 tanpa BOM",
}


def check_store(store: Store, keys: Iterable[str], problems: Problems) -> dict[str, dict[str, Any]]:
    """The feed status, once the store root, the status file and the history of each of
    ``keys`` are checked; every problem goes to ``problems`` (the status is then unusable)."""
    # A missing store is fine (the first fetch makes it); a link or a file is not.
    if not check_root(store.root, problems, missing_ok=True):
        return {}
    status = read_fetch_status(store.status_path, problems)
    for key in sorted(set(keys)):
        store.read(key, problems)  # reports links, odd entries, bad bytes and bad lines
    return status


def read_fetch_status(path: Path, problems: Problems) -> dict[str, dict[str, Any]]:
    """The status file, every entry and every value a fetch uses checked; {} when missing."""
    if not os.path.lexists(path):
        return {}
    shown = display_path(path)
    text = read_text(path, shown, problems, POST_FILE_MAX_BYTES)  # no link, no FIFO, bounded
    if text is None:
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = Location(shown, exc.lineno, exc.colno)
        problems.error(where, "", f"{UNREADABLE}: JSON tidak valid: {_json_message(exc.msg)}")
        return {}
    except RecursionError:  # thousands of nested brackets
        problems.error(Location(shown), "", f"{UNREADABLE}: JSON bersarang terlalu dalam")
        return {}
    except ValueError:  # an integer of thousands of digits (Python's conversion limit)
        problems.error(Location(shown), "", f"{UNREADABLE}: angka terlalu panjang")
        return {}
    if not isinstance(data, dict):
        start = len(text) - len(text.lstrip(" \t\r\n"))
        problems.error(_at(text, shown, start), "", f"{SHAPE}, bukan {_kind(data)}")
        return {}
    bad = Problems()
    for key, entry in data.items():
        if not isinstance(entry, dict):
            bad.error(
                _key_location(text, shown, key), key, f"harus objek JSON, bukan {_kind(entry)}"
            )
            continue
        for name in sorted(entry):
            rule = _rule(name, entry[name])
            if rule:
                bad.error(_key_location(text, shown, key), f"{key}.{name}", rule)
    problems.extend(bad)
    return {} if bad.errors else data


def _rule(name: str, value: Any) -> str | None:
    """What is wrong with one status value, or None. Names Kanal does not use are kept as
    they are (a newer Kanal may write more)."""
    if name in STATUS_TEXTS and not isinstance(value, str):
        return "harus teks"
    if name in STATUS_HEADERS and not (isinstance(value, str) and _HEADER.fullmatch(value)):
        return HEADER_RULE
    if name == "fails" and not (type(value) is int and value >= 0):
        return FAILS_RULE
    return None


def _json_message(message: str) -> str:
    for start, indonesian in _JSON_MESSAGES.items():
        if message.startswith(start):
            return indonesian
    return message


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "larik"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, bool):
        return "benar/salah"
    if isinstance(value, int | float):
        return "angka"
    if value is None:
        return "null"
    return "objek"


def _at(text: str, shown: str, index: int) -> Location:
    line = text.count("\n", 0, index) + 1
    return Location(shown, line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _key_location(text: str, shown: str, key: str) -> Location:
    """Where an account's entry starts (one per line as Kanal writes it, anywhere if edited)."""
    for quoted in dict.fromkeys((json.dumps(key, ensure_ascii=False), json.dumps(key))):
        found = re.search(re.escape(quoted) + r"\s*:", text)
        if found:
            return _at(text, shown, found.start())
    return Location(shown)
