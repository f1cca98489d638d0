"""Personal data in the stored post history (``data/posts/``): an error at its file and line.

``kanal fetch`` removes citizens' NIK/KK, phone numbers and e-mail addresses from a post's
title and summary before storing it (:func:`generator.feeds.refresh.without_contacts`), but a
history written by an older Kanal, or edited by hand, may still hold them, and the build
publishes stored posts as read. So ``kanal check`` and ``kanal build`` search them as they are
read: an office's own registered numbers and addresses are allowed, as in post CSV files.

The search costs little: a text is only searched when it may hold a number or an address
(:func:`may_hold_contact`: 7 digits, an ``@`` or a spelled-out "at"), and the line of a
finding is looked up only when there is one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from generator.feeds.store import Store, check_line
from generator.registry.personal import NUMBERS_ONLY, found_in
from generator.safeinput.problems import Location, Problems, display_path
from generator.safeinput.publicvalues import PublicValues

FIX = (
    "ganti nilai itu di baris ini dengan [nomor telepon disamarkan] / [surel disamarkan] / "
    "[NIK disamarkan] (kanal fetch kini menyamarkannya sendiri), karena riwayat unggahan "
    "diterbitkan dan repositori data ini publik"
)
FIELDS = (("n", "judul"), ("s", "ringkasan"))
_DIGIT = re.compile(r"\d")
_SPELLED_AT = re.compile(r"[\[({<]\s*(?:at|et)\b|\s(?:at|et)\s", re.IGNORECASE)


def may_hold_contact(text: str) -> bool:
    """False only when ``text`` certainly holds no phone number, NIK/KK or e-mail address."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)  # full-width digits and at signs
    if "@" in text or len(_DIGIT.findall(text)) >= 7:
        return True
    return _SPELLED_AT.search(text) is not None


def _line_of(store: Store, key: str, rec: dict[str, Any]) -> Location | None:
    """Where a stored record is (the rare path: only for a finding)."""
    for path in store.files(key):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            try:
                if check_line(line)[1] == rec:
                    return Location(display_path(path), number)
            except ValueError:
                continue
    return None


def checked(
    store: Store,
    key: str,
    records: Iterable[tuple[dt.datetime, dict[str, Any]]],
    public: PublicValues,
    problems: Problems,
) -> Iterator[tuple[dt.datetime, dict[str, Any]]]:
    """``records`` as they are, with an error for each stored text holding personal data."""
    for when, rec in records:
        for field, label in FIELDS:
            text = rec.get(field)
            if not isinstance(text, str) or not text or not may_hold_contact(text):
                continue
            found = found_in(text, public, NUMBERS_ONLY)
            if found:
                where = _line_of(store, key, rec) or Location(display_path(store.root))
                problems.error(
                    where,
                    f"{label} ({field})",
                    f"berisi data pribadi ({found}); {FIX}",
                )
        yield when, rec
