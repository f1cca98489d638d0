"""Keeping complainants' personal data out: redaction of free text, with counts.

NIK (16 digits), e-mail addresses and Indonesian phone numbers are replaced by a marker that
says what was removed. Phone numbers are found with ``phonenumbers`` (the same library that
normalizes agency contacts), plus a pattern for mobile numbers written loosely.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import phonenumbers

NIK_MARK = "[NIK disamarkan]"
PHONE_MARK = "[nomor telepon disamarkan]"
EMAIL_MARK = "[surel disamarkan]"

# 16 digits, possibly grouped with spaces, dots or hyphens (6-6-4 as printed on a KTP).
_NIK = re.compile(r"(?<![\d])\d{6}[ .-]?\d{6}[ .-]?\d{4}(?![\d])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Mobile numbers the way people type them: 0812-3456-7890, +62 812 3456 7890, 62812..., wa.me/62...
_MOBILE = re.compile(r"(?<![\w])(?:\+?62|0)[ .-]?8\d{1,2}(?:[ .-]?\d{3,4}){2,3}(?![\d])")


@dataclass
class Redactions:
    """How many values of each kind were removed."""

    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, other: Redactions) -> None:
        self.counts.update(other.counts)

    def describe(self) -> str:
        names = {"nik": "NIK", "phone": "nomor telepon", "email": "alamat surel"}
        parts = [
            f"{self.counts[k]} {names[k]}" for k in ("nik", "phone", "email") if self.counts[k]
        ]
        return ", ".join(parts) if parts else "tidak ada"


def redact(text: str, found: Redactions | None = None) -> str:
    """``text`` with NIK, e-mail addresses and phone numbers replaced; counts go to ``found``."""
    found = found if found is not None else Redactions()

    def sub(pattern: re.Pattern, mark: str, kind: str, value: str) -> str:
        out, n = pattern.subn(mark, value)
        found.counts[kind] += n
        return out

    text = sub(_NIK, NIK_MARK, "nik", text)
    text = sub(_EMAIL, EMAIL_MARK, "email", text)
    text = sub(_MOBILE, PHONE_MARK, "phone", text)
    # Landlines and other forms the pattern above misses: only numbers valid for Indonesia.
    matches = list(
        phonenumbers.PhoneNumberMatcher(text, "ID", leniency=phonenumbers.Leniency.VALID)
    )
    for match in reversed(matches):
        text = text[: match.start] + PHONE_MARK + text[match.end :]
    found.counts["phone"] += len(matches)
    return text


def has_personal_data(text: str) -> bool:
    found = Redactions()
    redact(text, found)
    return found.total > 0
