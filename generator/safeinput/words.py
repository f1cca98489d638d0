"""Values in the clerk's words: synonyms for a field's choices, and "maksud Anda" hints.

A clerk writes ``selesai``, ``WA``, ``Twitter`` or ``aktif`` where Kanal's files say
``resolved``, ``whatsapp``, ``x`` or ``active``. Each field keeps a table of the words that
unambiguously mean one of its values; anything else is an error that suggests the closest
words (difflib) and lists the choices.
"""

from __future__ import annotations

import difflib
import re

_SPACES = re.compile(r"[\s_]+")
# Indonesia's three time zones as people name them.
ZONE_SYNONYMS = {"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura"}


_NOT_WORD = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    """A spreadsheet's column name as compared: lower case, punctuation as spaces ("No. HP"
    is "no hp", "Tgl.Selesai" is "tgl selesai")."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def column_hint(key: str, known: list[str]) -> str:
    """`` (maksud Anda 'no wa'?)`` for a column name (:func:`header_key`) that is not known:
    the known names it resembles, or whose words it holds all of ("Nomor WA Admin" holds
    "nomor wa"); "" when none."""
    near = difflib.get_close_matches(key, known, n=2, cutoff=0.75)
    words = set(key.split())
    held = sorted((k for k in known if set(k.split()) <= words), key=len, reverse=True)
    near = list(dict.fromkeys(near + held[:1]))[:2]  # "nomor wa", not "wa" too
    return f" (maksud Anda {' atau '.join(map(repr, near))}?)" if near else ""


def word_key(text: str) -> str:
    """Case, surrounding and repeated spaces, underscores and a trailing '!' do not count."""
    return _SPACES.sub(" ", text).strip().casefold().rstrip("!").strip()


def vocabulary(values: list[str], synonyms: dict[str, str]) -> dict[str, str]:
    """Every accepted word (key) -> the value it means: the values themselves, then synonyms."""
    words = {word_key(v): v for v in values}
    for word, value in synonyms.items():
        assert value in values, (word, value)  # a synonym table names real values only
        words.setdefault(word_key(word), value)
    return words


def resolve(text: str, words: dict[str, str]) -> str | None:
    """The value ``text`` means, or None."""
    return words.get(word_key(text))


def suggest(text: str, words: dict[str, str], n: int = 3) -> list[str]:
    """The values of the words closest to ``text`` (at most ``n``, no repeats)."""
    close = difflib.get_close_matches(word_key(text), list(words), n=n * 2, cutoff=0.6)
    return list(dict.fromkeys(words[w] for w in close))[:n]


def unknown_message(text: str, words: dict[str, str], choices: list[str]) -> str:
    """``nilai 'X' tidak dikenal; maksud Anda 'a'?; pilih salah satu: ...``."""
    hints = suggest(text, words)
    hint = f"; maksud Anda {' atau '.join(repr(h) for h in hints)}?" if hints else ""
    return f"nilai '{text}' tidak dikenal{hint}; pilih salah satu: {', '.join(choices)}"
