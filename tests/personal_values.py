"""Personal values in many spellings, for the redaction property tests.

One generator serves hypothesis (``pick`` draws from a strategy) and the site test (``pick`` is
a seeded ``random.Random``), so both try the same spellings. Each value comes with its secrets:
the parts that must not survive redaction (name words, digits, an e-mail's local part).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


def _words(text: str) -> list[str]:
    return text.split()


# Filler words: lowercase, no digits, none equal to a secret below.
FILLER = _words(
    "warga mengeluh lampu mati sejak minggu lalu mohon segera diperbaiki air keruh sampah "
    "menumpuk pelayanan lambat antrean panjang terima kasih tolong ditindaklanjuti sudah "
    "lapor belum ada tanggapan rusak parah depan rumah kemarin malam"
)
NAMES = _words("Sumarni Wahyuningsih Suparjo Kusumawardani Tukiman Jumirah Sriyatun Paijem")
STREETS = _words("Kenari Flamboyan Sawokecik Nusaindah Bougenvil Srigunting")
NAME_MARKERS_ANY_CASE = ("atas nama", "a.n.", "an.", "a/n", "nama saya", "bernama", "nama:")
HONORIFICS = ("Bapak", "Bpk.", "Ibu", "Sdr.", "Sdri.", "Pak", "Bu", "Mbak", "Mas", "Saudara")
ADDRESS_ABBR = ("Jl.", "Jl", "jl.", "JL.", "Jln.", "Gg.", "gg", "Perum", "Dsn.")
ADDRESS_WORDS = ("Jalan", "Gang", "Dusun", "Perumahan", "Blok", "Komplek")
PLATE_AREAS = ("A", "B", "D", "H", "K", "AB", "AD", "AG", "BK", "DK", "KT", "DD", "L", "N")
SEPARATORS = (" ", ".", "-", "", "\u00a0", "\u2009", "\u202f", " - ", "\u200b", "  ")
GROUPINGS = ((4, 4, 4, 4), (2, 2, 2, 6, 4), (6, 6, 4), (16,), (8, 8), (3, 3, 4, 6))
KINDS = ("name", "address", "rtrw", "plate", "account", "nik", "phone", "email")


class Pick:
    """What a generator needs: choose one of a sequence, an integer in a range."""

    def __init__(self, choice: Callable[[Sequence[Any]], Any], integer: Callable[[int, int], int]):
        self.choice = choice
        self.integer = integer

    @classmethod
    def seeded(cls, seed: int) -> Pick:
        rng = random.Random(seed)
        return cls(rng.choice, rng.randint)

    def digits(self, n: int) -> str:
        return "".join(str(self.integer(0, 9)) for _ in range(n))

    def letters(self, n: int) -> str:
        return "".join(self.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))


@dataclass
class Value:
    kind: str
    text: str
    secrets: list[str]  # words or digit strings that must not appear in the output


def _group(pick: Pick, digits: str) -> str:
    sizes = pick.choice([g for g in GROUPINGS if sum(g) == len(digits)] or [(len(digits),)])
    sep = pick.choice(SEPARATORS)
    out, i = [], 0
    for size in sizes:
        out.append(digits[i : i + size])
        i += size
    return sep.join(out)


def _case(pick: Pick, text: str) -> str:
    return pick.choice((text, text.lower(), text.upper(), text.title()))


def personal_value(pick: Pick, kind: str) -> Value:
    if kind == "name":
        words = [pick.choice(NAMES) for _ in range(pick.integer(1, 3))]
        if pick.integer(0, 1):
            marker = _case(pick, pick.choice(NAME_MARKERS_ANY_CASE))
            name = _case(pick, " ".join(words))
        else:
            marker = pick.choice(HONORIFICS)
            name = pick.choice((" ".join(words), " ".join(words).upper()))
        return Value(kind, f"{marker} {name}", words)
    if kind == "address":
        street = [pick.choice(STREETS) for _ in range(pick.integer(1, 2))]
        number = str(pick.integer(1, 250))
        house = pick.choice(("", f" No. {number}", f" no {number}", f" Nomor {number}A"))
        if pick.integer(0, 1):
            text = f"{pick.choice(ADDRESS_ABBR)} {_case(pick, ' '.join(street))}{house}"
        else:
            text = f"{pick.choice(ADDRESS_WORDS)} {' '.join(street)}{house}"
        return Value(kind, text, street + ([number] if house else []))
    if kind == "rtrw":
        rt, rw = str(pick.integer(1, 30)), str(pick.integer(1, 15))
        rt0, rw0 = rt.zfill(pick.choice((2, 3))), rw.zfill(pick.choice((2, 3)))
        text = pick.choice(
            (
                f"RT {rt0}/RW {rw0}",
                f"RT.{rt0} RW.{rw0}",
                f"rt{rt} rw{rw}",
                f"RT {rt} RW {rw}",
                f"RT/RW {rt0}/{rw0}",
                f"rt:{rt0} rw:{rw0}",
                f"Rt {rt0}",
                f"RW {rw0}",
            )
        )
        return Value(kind, text, [rt, rw])
    if kind == "plate":
        area, number = pick.choice(PLATE_AREAS), str(pick.integer(1, 9999))
        suffix = pick.letters(pick.integer(1, 3))
        sep = pick.choice((" ", "", "-"))
        plate = f"{area}{sep}{number}{sep}{suffix}"
        if pick.integer(0, 2) == 0:
            plate = f"{pick.choice(('plat', 'nopol', 'Plat nomor'))} {plate.lower()}"
        return Value(kind, plate, [number])
    if kind == "account":
        digits = pick.digits(pick.integer(10, 15))
        marker = pick.choice(("rek", "rekening", "no. rek", "No. Rek.", "norek BRI", "rek BCA"))
        return Value(kind, f"{marker} {_group(pick, digits)}", [digits])
    if kind == "nik":
        digits = str(pick.integer(11, 94)) + pick.digits(14)
        marker = pick.choice(("NIK", "nik:", "KK", "No. KK", "", "nomor induk"))
        return Value(kind, f"{marker} {_group(pick, digits)}".strip(), [digits])
    if kind == "phone":
        rest = "8" + pick.digits(pick.integer(8, 10))
        sep = pick.choice(SEPARATORS[:8])
        head = pick.choice(("0", "+62 ", "62", "+62-", "(0", "wa.me/62"))
        parts = [rest[:3], rest[3:7], rest[7:]]
        if head == "(0":
            area = str(pick.integer(21, 979))
            local = pick.digits(6)
            return Value(kind, f"(0{area}) {local}", [f"0{area}{local}"])
        text = head + sep.join(parts)
        return Value(kind, text, [re.sub(r"\D", "", text)])
    if kind == "email":
        local = pick.choice(NAMES).lower() + pick.choice(("", ".", "_")) + pick.digits(2)
        at = pick.choice(("@", " [at] ", "(at)", " at ", " (at) ", "{at}", " @ ", "[at]"))
        dot = pick.choice((".", " [dot] ", "(dot)", " dot ", " titik ", " . "))
        domain = pick.choice(("gmail", "yahoo", "outlook", "ymail"))
        tld = pick.choice(("com", "co" + dot + "id", "net"))
        return Value(kind, f"{local}{at}{domain}{dot}{tld}", [local])
    raise ValueError(kind)


def sentence(pick: Pick, values: list[Value]) -> str:
    """The values embedded between filler words, with some punctuation."""
    parts: list[str] = []
    for value in values:
        parts.extend(pick.choice(FILLER) for _ in range(pick.integer(1, 3)))
        parts.append(value.text + pick.choice(("", ",", ".", "", ";")))
    parts.extend(pick.choice(FILLER) for _ in range(pick.integer(0, 2)))
    return " ".join(parts)


_MARK = re.compile(r"\[[^\]]*disamarkan\]")


def survivors(output: str, values: list[Value]) -> list[str]:
    """Secrets still present in ``output``: letters as words (any case), digits anywhere."""
    rest = _MARK.sub(" ", output)
    words = {w.casefold() for w in re.findall(r"[^\W\d_]+", rest)}
    digits = re.sub(r"\D", "", rest)
    left = []
    for value in values:
        for secret in value.secrets:
            if secret.isdigit():
                if secret in digits:
                    left.append(secret)
            elif any(w.casefold() in words for w in re.findall(r"[^\W\d_]+", secret)):
                left.append(secret)
    return left
