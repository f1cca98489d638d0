"""Personal data in the stored post history (``data/posts/``): an error at its file and line.

``kanal fetch`` removes citizens' NIK/KK, phone numbers and e-mail addresses from a post's
title and summary before storing it (:func:`generator.feeds.refresh.without_contacts`), but a
history written by an older Kanal, or edited by hand, may still hold them, and the build
publishes stored posts as read. So ``kanal check`` and ``kanal build`` search them as they are
read: an office's own registered numbers and addresses are allowed, as in post CSV files.

The search costs little: a text is only searched when it may hold a number or an address
(:func:`may_hold_contact`: 7 digits, an ``@`` or a spelled-out "at"), and the line of a
finding is looked up only when there is one. A file's texts are first tested together
(:func:`may_any_hold_contact`, a few byte operations over them joined); only a file where one
of them may hold something has its texts tested one by one.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from generator.feeds.store import Store, check_line
from generator.feeds.storebatch import Batch
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


# For the test of many texts at once (may_any_hold_contact), over their UTF-8 bytes, where a
# character beyond ASCII is one lead byte (0xC0-0xFF) and continuation bytes (0x80-0xBF):
# - digits: keep the digits, the separating line breaks and one byte per character beyond
#   ASCII (it may be a digit of another script), counted as a digit;
_KEEP = frozenset(b"0123456789\n") | frozenset(range(0xC0, 0x100))
_DROP = bytes(b for b in range(256) if b not in _KEEP)
_AS_DIGIT = bytes(b if b < 0xC0 else ord("0") for b in range(256))
_SEVEN = re.compile(rb"[^\n]{7}")
# - a spelled-out "at": letters to lower case, and every byte that may be (part of) a space or
#   an opening bracket (ASCII white space, "[({<", any byte beyond ASCII) to a space; the
#   pattern then needs " at" or " et".
_SPACES = frozenset(b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f[({<") | frozenset(range(0x80, 0x100))
_FOLD = bytes(
    ord(" ") if b in _SPACES else b + 32 if ord("A") <= b <= ord("Z") else b for b in range(256)
)


def may_any_hold_contact(texts: list[str], joined: str | None = None) -> bool:
    """False only when :func:`may_hold_contact` is False for every one of ``texts``.

    Tested over the texts joined by line breaks, NFKC-normalized as a whole (a line break
    combines with nothing, so that is each text normalized), so that no digit count runs from
    one text into the next; a text holding a line break itself answers True (test each).
    ``joined``: the texts joined so, when the caller has made it already."""
    if not texts:
        return False
    if joined is None:
        joined = "\n".join(texts)
    if not joined.isascii():
        joined = unicodedata.normalize("NFKC", joined)  # full-width digits and at signs
    if joined.count("\n") != len(texts) - 1:
        return True
    raw = joined.encode("utf-8", "surrogatepass")
    if b"@" in raw or _SEVEN.search(raw.translate(_AS_DIGIT, _DROP)):
        return True
    folded = raw.translate(_FOLD)
    return b" at" in folded or b" et" in folded


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


def may_hold(batch: Batch) -> bool:
    """False only when no title or summary of ``batch`` holds personal data (the test of
    :func:`check_batch`, over any number of files' posts at once)."""
    texts, joined = batch.titles, batch.joined_titles
    if "s" in batch.keys:
        texts, joined = texts + [s for s in batch.column("s") if isinstance(s, str)], None
    return may_any_hold_contact(texts, joined)


def check_batch(
    store: Store, key: str, batch: Batch, public: PublicValues, problems: Problems
) -> None:
    """An error for each stored text of ``batch`` (an account's file) holding personal data."""
    if not may_hold(batch):
        return
    for rec in batch.recs:
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
