"""Which of many texts may hold personal data, decided for a whole column at once.

:func:`personal_candidates` gives :func:`generator.safeinput.privacy.may_hold_personal` of
every text (a property test holds the two together), so that only the few candidates are
searched one by one.
"""

from __future__ import annotations

import re

import numpy as np

from generator.safeinput.privacy import NAME_HINTS, may_hold_personal, more_hints

# Literal substrings, one of which every text that may hold personal data contains besides
# its digits (see personal_candidates): each is found with str.find, which is much faster
# than a regular expression with alternatives. value: how a text with it is confirmed.
_SPACE = str.maketrans(dict.fromkeys(map(ord, "\t\n\r\x0b\x0c"), " "))  # searched as " "
_AN_AT = re.compile(r"a\s*[./]\s*n\b")
_CHUNK = 50_000  # texts joined at a time: bounds the UTF-32 copy to a few tens of MB


def personal_candidates(texts: list[str]) -> list[bool]:
    """``may_hold_personal`` of many texts at once (a column's distinct values).

    The texts are joined by NUL a chunk at a time: their digits and non-ASCII characters are
    counted with numpy, and the markers of a name or an e-mail are found as literal substrings
    (``str.find``), kept where a word starts and ends as the patterns say (numpy again) and
    only then confirmed one by one. A million distinct summaries cost about a second, where one
    regular expression a text cost several.
    """
    out: list[bool] = []
    for lo in range(0, len(texts), _CHUNK):
        out.extend(_candidates(texts[lo : lo + _CHUNK]))
    return out


def _hits(low: str, literal: str) -> np.ndarray:
    out, at = [], low.find(literal)
    while at >= 0:
        out.append(at)
        at = low.find(literal, at + 1)
    return np.asarray(out, np.int64)


def _candidates(texts: list[str]) -> list[bool]:
    if not texts:
        return []
    blob = "\0".join(texts)
    low = blob.lower().translate(_SPACE)
    if len(low) != len(blob):  # a letter whose lower case is longer: judge one by one
        return [may_hold_personal(t) for t in texts]
    chars = np.frombuffer(blob.encode("utf-32-le"), np.uint32)
    ends = np.cumsum([len(t) + 1 for t in texts], dtype=np.int64) - 1  # each text's NUL
    starts = ends - np.fromiter(map(len, texts), np.int64, len(texts))

    def per_text(mask: np.ndarray) -> np.ndarray:
        total = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))
        return total[ends] - total[starts]

    digit = (chars >= 48) & (chars <= 57)
    found = per_text(digit) >= 7
    found |= per_text(chars > 127) > 0  # NFKC may make digits: judged one by one
    # \w of ASCII text; a NUL (between texts) and the chunk's ends are not word characters
    word = np.zeros(len(chars) + 2, bool)
    lower = chars | 32
    word[1:-1] = digit | ((lower >= 97) & (lower <= 122)) | (chars == 95)

    def rows(positions: np.ndarray) -> np.ndarray:
        return np.searchsorted(starts, positions, side="right") - 1

    def starts_word(positions: np.ndarray) -> np.ndarray:
        return positions[~word[positions]]  # word[p] is the character before position p

    for literal in ("nama", "saya", "@", *NAME_HINTS):
        found[rows(_hits(low, literal))] = True
    for literal in ("th", "tahun", "nol", "kosong", "enam", "delapan"):  # confirmed one by one
        for row in set(rows(_hits(low, literal)).tolist()):
            if not found[row] and more_hints(texts[row].lower()):
                found[row] = True
    for literal in ("sy", "aku"):  # \b(?:sy|aku)\b
        at = starts_word(_hits(low, literal))
        found[rows(at[~word[at + len(literal) + 1]])] = True
    found[rows(starts_word(_hits(low, "an.")))] = True  # \ban\.
    for literal in ("a.", "a/", "a "):  # \ba\s*[./]\s*n\b
        for at in starts_word(_hits(low, literal)).tolist():
            if _AN_AT.match(low, at):
                found[rows(np.asarray([at]))] = True
    maybe_mail = set()
    for literal in (" at", " et", "[at", "(at", "{at", "<at", "[et", "(et", "{et", "<et"):
        maybe_mail.update(rows(_hits(low, literal)).tolist())
    for row in maybe_mail:
        if not found[row]:
            text = texts[row]
            found[row] = may_hold_personal(text)  # only its spelled-out "at" test is left
    return found.tolist()
