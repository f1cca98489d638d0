"""Invisible and direction-changing characters, which can disguise a name on the public site.

``Dinas\u202eanirak`` shows as another word; ``Dinkes\u200b`` looks like ``Dinkes`` but is
not the same name. Such characters never belong in a name, an address or a label, so every
free text an editor writes is refused when it holds one, and the message names it.

Refused: control characters except tab and line feed (C0, DEL, C1 U+0080-U+009F), every
format character (Unicode category Cf: bidirectional embeddings, overrides and isolates
U+202A-U+202E and U+2066-U+2069, marks U+200E/U+200F/U+061C, zero-width U+200B-U+200D and
U+2060-U+2064, U+FEFF, the soft hyphen U+00AD, the tag block U+E0000-U+E007F, ...), the line
and paragraph separators U+2028/U+2029, and the Hangul fillers that render as blank space.

Messages echo what an editor wrote, so :func:`shown` writes these characters (and line feeds)
as ``<U+202E>``: a message quoting a hostile value stays one readable line on a terminal.
"""

from __future__ import annotations

import unicodedata

# Blank-looking letters (category Lo) used to fake empty or look-alike names.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
_ALLOWED_CONTROLS = frozenset("\t\n")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def is_invisible(char: str) -> bool:
    """True when ``char`` is refused in free text."""
    if char in _ALLOWED_CONTROLS:
        return False
    return unicodedata.category(char) in _REFUSED_CATEGORIES or char in _FILLERS


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``; control characters have no Unicode name."""
    name = unicodedata.name(char, "")
    if not name:
        name = "karakter kendali C1" if 0x80 <= ord(char) <= 0x9F else "karakter kendali"
    return f"U+{ord(char):04X} ({name})"


def first_invisible(text: str) -> tuple[int, str] | None:
    """The index and the character of the first refused character in ``text``, if any."""
    if text.isascii() and text.isprintable():  # the common case, without a loop in Python
        return None
    for index, char in enumerate(text):
        if is_invisible(char):
            return index, char
    return None


def invisible_message(char: str) -> str:
    """The problem message for a refused character, in Indonesian."""
    return (
        f"berisi karakter tak terlihat {describe(char)}; "
        "hapus karakter itu (ketik ulang teksnya tanpa menyalin)"
    )


def cell_message(cell: str) -> str | None:
    """The problem message for the first refused character of a spreadsheet cell (its line
    ends, CR or LF, are allowed: a multi-line cell), else None."""
    found = first_invisible(cell.replace("\r", ""))
    return invisible_message(found[1]) if found is not None else None


def shown(text: str) -> str:
    """``text`` with each refused character and line feed written as ``<U+XXXX>``, for messages.

    A right-to-left override echoed raw reorders the rest of the terminal line, and a line feed
    fakes a line of the report; everything else is kept as it is.
    """
    if text.isascii() and text.isprintable():  # nearly every message
        return text
    # A lone surrogate (a file name's undecodable byte, as os.listdir gives it) cannot be
    # written as UTF-8 at all: escaped too, or a report of that file would fail to print.
    return "".join(
        f"<U+{ord(c):04X}>" if c == "\n" or is_invisible(c) or "\ud800" <= c <= "\udfff" else c
        for c in text
    )
