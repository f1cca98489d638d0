"""Personal data in a record's id, which is published as is: a NIK/KK, a phone number or an
e-mail address, found for a whole column of ids at once.

The full test (:func:`identifier_findings`) runs phonenumbers' matcher; :func:`identifier_rows`
rules out, for a whole column with numpy, the ticket numbers that certainly hold none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from generator.safeinput.privacy import (
    _DIGITS,
    _EMAIL,
    Redactions,
    _digit_count,
    _may_hold_email,
    _Redactor,
    normalize,
)

# The national numbers phonenumbers accepts as valid for Indonesia (the metadata's general
# pattern). Every alternative starts with a digit 1-9 and has at least 7 digits, or starts with
# "00" and has at least 11: the bound `may_hold_identifier` relies on (a test pins this pattern).
ID_NUMBER_PATTERN = r"00[1-9]\d{9,14}|(?:[1-36]|8\d{5})\d{6}|00\d{9}|[1-9]\d{8,10}|[2-9]\d{7}"
_NONZERO = re.compile(r"[1-9]")


def may_hold_identifier(text: str) -> bool:
    """False only when :func:`identifier_findings` certainly finds nothing in ``text``.

    The full test runs phonenumbers' matcher (tens to hundreds of microseconds a text); a
    ticket number like ``A0001234`` is ruled out in one microsecond. Ruled out is only plain
    ASCII text without an e-mail or a ``+`` that has fewer than 11 digits and fewer than 7
    from its first non-zero digit on: any Indonesian number phonenumbers calls valid needs
    more (see ``ID_NUMBER_PATTERN``), and a NIK/KK 16. A foreign number after the
    international prefix (``008``/``009``) has at least 6 digits after it (a test tries every
    shorter one), so at least 7 from the prefix's 8 or 9 on: "A0008123" is ruled out too.
    """
    if not text.isascii() or "+" in text:
        return True
    low = text.lower()
    if ("@" in low or "at" in low or "et" in low) and _EMAIL.search(text):
        return True
    digits = _digit_count(text)
    if digits < 7:
        return False
    if digits >= 11:
        return True
    first = _NONZERO.search(text)
    return first is not None and _digit_count(text[first.start() :]) >= 7


def identifier_rows(texts: Sequence[str]) -> list[int]:
    """The positions ``i`` where ``may_hold_identifier(texts[i])``, in order.

    A province's ids are a million ticket numbers: one call each took 20 s under a profiler.
    Here the rule's plain case (ASCII, no ``+``, ``@`` or ``at``/``et``, too few digits) is
    decided for the whole column with numpy, over its bytes joined; every other value is left
    to :func:`may_hold_identifier` itself, so the answer is the same (a test compares both).
    """
    joined = "".join(texts)
    if not texts or not joined.isascii():  # rare: judged one by one
        return [i for i, text in enumerate(texts) if may_hold_identifier(text)]
    codes = np.frombuffer(joined.encode("ascii"), np.uint8)
    ends = np.cumsum(np.fromiter(map(len, texts), np.int64, len(texts)))
    starts = np.concatenate(([0], ends[:-1]))

    def per_text(mask: np.ndarray) -> np.ndarray:
        """How many positions of each text ``mask`` marks."""
        total = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))
        return total[ends] - total[starts]

    digit = (codes >= ord("0")) & (codes <= ord("9"))
    before = np.concatenate(([0], np.cumsum(digit, dtype=np.int64)))  # digits before a place
    digits = before[ends] - before[starts]
    # Digits from each text's first non-zero digit on (none when it has no such digit).
    nonzero = np.flatnonzero(digit & (codes != ord("0")))
    at = np.searchsorted(nonzero, starts)
    first = np.append(nonzero, len(codes))[at]
    from_first = np.where(first < ends, before[ends] - before[first], 0)
    lower = codes | 0x20  # ASCII letters in lower case
    # "at"/"et" that runs across two texts marks the first one too: it is then judged alone.
    spelled = np.zeros(len(codes), bool)
    spelled[:-1] = ((lower[:-1] == ord("a")) | (lower[:-1] == ord("e"))) & (lower[1:] == ord("t"))
    unsure = (per_text((codes == ord("+")) | (codes == ord("@")) | spelled) > 0) | (
        (digits >= 7) & ((digits >= 11) | (from_first >= 7))
    )
    return [i for i in np.flatnonzero(unsure).tolist() if may_hold_identifier(texts[i])]


def identifier_findings(text: str) -> Redactions:
    """Personal data in a record's id, which is published as is: an e-mail address, a phone
    number Indonesia issues (WhatsApp logs often use the sender's number) or a 16-digit NIK/KK.

    Stricter rules would refuse ordinary ticket numbers ("LPR-2511-03184", zero-padded
    "SR-000123456789"), so digit runs count only as a NIK or a valid phone number here.
    """
    found = Redactions()
    redactor = _Redactor(found, label=True)
    text = normalize(text)
    if _may_hold_email(text):
        text = redactor.sub(_EMAIL, "email", text)
    for m in _DIGITS.finditer(text):
        if len(re.sub(r"\D", "", m.group())) == 16:
            redactor.mark("nik")
    redactor.phones(text)
    return found
