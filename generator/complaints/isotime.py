"""ISO 8601 times with an offset, parsed for a whole column at once with numpy.

A province's records carry three million times; ``datetime.fromisoformat`` and ``timestamp()``
one by one took seconds. The forms exports write (``2026-01-05T09:15+07:00``, with seconds,
or ``Z``) are parsed here as arrays of code points; anything else (no offset, fractions,
other spellings, out-of-range fields) is left to ``datetime.fromisoformat``, so the results
are those of the standard library (a test compares both on random text).
"""

from __future__ import annotations

import numpy as np

WIDTH = 25  # the longest form: 2026-01-05T09:15:00+07:00
_DIGIT = -1  # a position that must hold a digit
_SEP = -2  # the date-time separator: T or a space

# length -> the layout: digits, literal characters, and where each field is
_FORMS: dict[int, tuple[str, bool, bool]] = {
    # (layout, has seconds, has offset)
    22: ("dddd-dd-ddSdd:dd+dd:dd", False, True),
    25: ("dddd-dd-ddSdd:dd:dd+dd:dd", True, True),
    17: ("dddd-dd-ddSdd:ddZ", False, False),
    20: ("dddd-dd-ddSdd:dd:ddZ", True, False),
}
_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _num(codes: np.ndarray, start: int, length: int) -> np.ndarray:
    out = np.zeros(len(codes), np.int64)
    for k in range(start, start + length):
        out = out * 10 + (codes[:, k].astype(np.int64) - 48)
    return out


def _days_from_civil(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    y = y - (m <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def epochs(values: list[str | None]) -> np.ndarray:
    """Epoch seconds (float) of each value in a form above; NaN for every other value."""
    n = len(values)
    if not n:
        return np.full(n, np.nan)
    texts = values if None not in values else [v or "" for v in values]
    lengths = np.fromiter(map(len, texts), np.int64, n)
    joined = "".join(texts)
    if joined.isascii():
        # Every usual time: one byte a character, each text's bytes gathered from the column
        # joined (numpy's conversion of a list of str cost three times as much).
        return ascii_epochs(np.frombuffer(joined.encode("ascii"), np.uint8), lengths)
    # A longer text is cut to WIDTH here, but its own length matches no form: never read.
    codes_all = np.array(texts, dtype=f"U{WIDTH}").view(np.uint32).reshape(n, WIDTH)
    return _parse(lengths, None, codes_all)


def ascii_epochs(flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """:func:`epochs` of texts given as their ASCII bytes one after another (``flat``, uint8)
    and each one's length (int64)."""
    return _parse(lengths, flat, None)


def _parse(
    lengths: np.ndarray, flat: np.ndarray | None, codes_all: np.ndarray | None
) -> np.ndarray:
    n = len(lengths)
    out = np.full(n, np.nan)
    if flat is not None:
        starts = np.cumsum(lengths) - lengths
    for length, (layout, seconds, offset) in _FORMS.items():
        rows = np.flatnonzero(lengths == length)
        if not len(rows):
            continue
        if flat is not None and len(rows) * length == len(flat):  # the rest are empty
            codes = flat.reshape(len(rows), length)
        elif flat is not None:
            codes = flat[starts[rows, None] + np.arange(length)]
        else:
            codes = codes_all[:, :length] if len(rows) == n else codes_all[rows, :length]
        ok = np.ones(len(rows), bool)
        for k, char in enumerate(layout):
            c = codes[:, k]
            if char == "d":
                ok &= (c >= 48) & (c <= 57)
            elif char == "S":
                ok &= (c == ord("T")) | (c == ord(" "))
            elif char == "+":
                ok &= (c == ord("+")) | (c == ord("-"))
            else:
                ok &= c == ord(char)
        # Keep the arithmetic of refused rows harmless (the codes' own type: bytes stay bytes).
        codes = np.where(ok[:, None], codes, codes.dtype.type(48))
        y, mo, d = _num(codes, 0, 4), _num(codes, 5, 2), _num(codes, 8, 2)
        h, mi = _num(codes, 11, 2), _num(codes, 14, 2)
        s = _num(codes, 17, 2) if seconds else np.zeros(len(rows), np.int64)
        leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
        dim = _DAYS[np.clip(mo, 0, 12)] + (leap & (mo == 2))
        ok &= (y >= 1) & (mo >= 1) & (mo <= 12) & (d >= 1) & (d <= dim)
        ok &= (h <= 23) & (mi <= 59) & (s <= 59)
        shift = np.zeros(len(rows), np.int64)
        if offset:
            at = length - 6
            sign = np.where(codes[:, at] == ord("-"), -1, 1)
            oh, om = _num(codes, at + 1, 2), _num(codes, at + 4, 2)
            ok &= (oh <= 23) & (om <= 59)
            shift = sign * (oh * 3600 + om * 60)
        value = _days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - shift
        good = rows[ok]
        out[good] = value[ok].astype(np.float64)
    return out
