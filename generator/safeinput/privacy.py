"""Keeping complainants' personal data out: redaction of free text, with counts by kind.

What is found and replaced by a marker that says what was removed:

- numbers: NIK/KK (16 digits in any grouping), phone numbers, bank accounts (any run of 10 or
  more digits, whatever the separators), house numbers ("No. 12"), RT/RW ("RT 03/RW 05");
- e-mail addresses, also obfuscated ("budi [at] gmail [dot] com", "budi at gmail dot com");
- names after "atas nama", "a.n.", "nama saya", "bernama", a role ("Pelapor:", "Pengadu",
  "dilaporkan oleh"), in a closing that ends the text ("Terima kasih, Agus"), with an age
  ("Agus Salim, 45 th"), and after a form of address ("Bapak", "Bu", "Sdr", ...) when the
  name is capitalized;
- social-media handles ("@budi_santoso99": stated as one's own after "saya" or "pribadi");
- numbers spelled out digit by digit ("nol delapan satu ..."), and digits with a letter typed
  for one ("3316O1120...");
- addresses: "Jl."/"Gg."/"Perum"/"Dsn." and the words after them; "Jalan"/"Gang"/"Dusun"/
  "Blok"/"Komplek" followed by a capitalized name or a number. A public road's name is redacted
  too: text cannot tell a road from a house address ("When in doubt, do not publish");
- Indonesian vehicle plates ("AD 1234 XY", "B1234ABC").

The text is first normalized (NFKC, invisible format characters removed), so non-breaking and
thin spaces, full-width digits and zero-width joins cannot hide a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import phonenumbers

from generator.safeinput.givennames import INTRO_AFTER, may_be_given_name
from generator.safeinput.publicvalues import PublicValues

NAME_MARK = "[nama disamarkan]"
ADDRESS_MARK = "[alamat disamarkan]"
RTRW_MARK = "[RT/RW disamarkan]"
PLATE_MARK = "[nomor kendaraan disamarkan]"
ACCOUNT_MARK = "[nomor rekening disamarkan]"
NIK_MARK = "[NIK disamarkan]"
PHONE_MARK = "[nomor telepon disamarkan]"
EMAIL_MARK = "[surel disamarkan]"
HANDLE_MARK = "[akun disamarkan]"

# kind -> how ``describe`` names it, in the order it is listed.
KINDS = {
    "name": "nama",
    "address": "alamat",
    "rtrw": "RT/RW",
    "plate": "nomor kendaraan",
    "account": "nomor rekening",
    "nik": "NIK/KK",
    "phone": "nomor telepon",
    "email": "alamat surel",
    "handle": "akun media sosial",
}

_BRACKET_OPEN = r"[\[\(\{<]"
_BRACKET_CLOSE = r"[\]\)\}>]"
_AT = rf"(?:@|\s+@\s+|\s*{_BRACKET_OPEN}\s*(?:at|@|et)\s*{_BRACKET_CLOSE}\s*|\s+(?:at|et)\s+)"
_DOT = (
    rf"(?:\s*\.\s*|\s*{_BRACKET_OPEN}\s*(?:dot|titik|\.)\s*{_BRACKET_CLOSE}\s*|\s+(?:dot|titik)\s+)"
)
_EMAIL = re.compile(
    rf"[\w.%+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,}}\b", re.IGNORECASE | re.ASCII
)
# A comma typed for a dot ("budi.s@gmail,com"): only after a literal @ and before a domain
# ending people use, so "lapor@dinkes, mohon" stays text.
_EMAIL_COMMA = re.compile(
    r"[\w.%+-]+\s*@\s*[\w-]+(?:\s*[.,]\s*[\w-]+)*?\s*[.,]\s*"
    r"(?:com|net|org|id|co|go|ac|sch|or|web|my|info|biz|xyz)\b",
    re.IGNORECASE | re.ASCII,
)
# Digits joined by separators people type inside one number (space, dot, dash, slash,
# parentheses, underscore): an optional leading + or ( belongs to the number.
_DIGITS = re.compile(r"[+(]?\d(?:[ .\-_/()]{0,3}\d)*")
# A whole date with a four-digit year, maybe a time after it, and no more digits joined on:
# "12/01/2026 10.30" is a date, "12-05-01-120590-0001" (a NIK) is not.
_DATE_TIME = re.compile(
    r"(?<![\d.\-/])(?:(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d{2}"
    r"|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))"
    r"(?:[ T,]+(?:(?:pukul|jam)\s+)?(?:[01]?\d|2[0-3])[.:][0-5]\d)?(?![ .\-/_()]{0,3}\d)",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(r"(?:rp|idr|usd)\.?\s*$", re.IGNORECASE)
_RTRW = re.compile(
    r"\b(?:rt\s*/\s*rw\s*[.:]?\s*\d{1,3}\s*/\s*\d{1,3}"
    r"|rt\s*[.:]?\s*\d{1,3}(?:\s*[/,-]?\s*rw\s*[.:]?\s*\d{1,3})?"
    r"|rw\s*[.:]?\s*\d{1,3})\b",
    re.IGNORECASE,
)
_HOUSE_NO = re.compile(r"\b(?:no|nomor|nmr)\b\.?\s*:?\s*\d+[a-z]?\b", re.IGNORECASE)
# Registration areas of Indonesian plates (Korlantas); a plate is area, 1-4 digits, 1-3 letters.
_AREAS_TEXT = (
    "A B D E F G H K L M N P R S T W Z AA AB AD AE AG BA BB BD BE BG BH BK BL BM BN BP DA DB DC "
    "DD DE DG DH DK DL DM DN DR DS DT EA EB ED KB KH KT KU PA PB PG PY RI"
)
_PLATE_AREAS = _AREAS_TEXT.split()
_AREA = "|".join(sorted(_PLATE_AREAS, key=len, reverse=True))
_PLATE = re.compile(rf"\b(?:{_AREA})[ -]?\d{{1,4}}[ -]?[A-Z]{{1,3}}\b")
_PLATE_MARKED = re.compile(
    rf"\b(?:plat|pelat|nopol|no\.?\s*pol|nomor\s+polisi|tnkb)\b\.?\s*(?:nomor\s*)?:?\s*"
    rf"(?:{_AREA})[ -]?\d{{1,4}}(?:[ -]?[A-Z]{{1,3}})?\b",
    re.IGNORECASE,
)
# Markers that always introduce a name, whatever its case.
_NAME_STRONG = re.compile(
    r"(?:\batas\s+nama|\ba\s*\.\s*n\b\s*\.?|\ba\s*/\s*n\b|\ban\.|\bnama\s+(?:saya|pelapor|lengkap|"
    r"warga|anak|suami|istri|ibu|ayah|bapak)\b|\bnama\s*:|\bbernama\b|\bdengan\s+nama\b)"
    r"\s*[:.]?\s*",
    re.IGNORECASE,
)
# "Saya Budi Santoso", "sy, Rina": the capitalized words after "saya" are the writer's name
# ("saya ingin melapor" has none).
_NAME_SELF = re.compile(r"\b(?:saya|sy|aku)\b\s*[:,]?\s*", re.IGNORECASE)
# A complainant's role before a name ("Pelapor: Siti Aminah", "Pengadu Agus", "dilaporkan oleh
# Budi", "Dilaporkan Agus Salim."): the capitalized words after it, or after a colon a
# lowercase given name that ends the phrase ("kontak pelapor: agus salim.").
_NAME_ROLE = re.compile(
    r"\b(?:(?:kontak|identitas|data)\s+pelapor|pelapor|pengadu|penanya|"
    r"(?:dilaporkan|diadukan|disampaikan|dikirim|laporan|aduan|pengaduan)\s+oleh|dilaporkan)"
    r"\b[ \t]*(:)?[ \t]*",
    re.IGNORECASE,
)
# A letter's closing before its writer's name, which then ends the text ("Terima kasih,
# Agus Salim", "Salam,\nRina").
_SIGN_OFF = re.compile(
    r"\b(?:terima\s*kasih|makasih|trims|salam|hormat\s+(?:saya|kami)|wassalam\w*)"
    r"[ \t]*[.!]*[ \t]*(?:,|\n)[ \t\n]*",
    re.IGNORECASE,
)
_TEXT_END = re.compile(r"[\s.!]*$")
# What follows an age ("..., 45 tahun, warga"; "(Ratna, 29 thn)"), not a duration ("3 tahun rusak").
_AGE_AFTER = re.compile(
    r"[ \t]*(?:$|[,.;:)\]]|\n|(?:warga|asal|tinggal|beralamat|alamat|pekerjaan|seorang|"
    r"dari|ibu|bapak|anak|istri|suami)\b)",
    re.IGNORECASE,
)
# A name with the person's age ("Warga (Agus Salim, 45 th)", "Sri Wahyuni, 52 tahun, warga").
_NAME_AGE = re.compile(
    r"(\()?[ \t]*((?:[A-Z][\w'’-]*[ \t]+){0,3}[A-Z][\w'’-]*)[ \t]*,[ \t]*"
    r"\d{1,3}[ \t]*(?:th|thn|tahun)\b"
)
# A social-media handle ("@budi_santoso99"); stated as the writer's own after "saya"/"pribadi"
# ("Instagram saya @budi", "akun pribadi: @rina").
# Not one a parenthesis follows: "@SUM(1)" is a spreadsheet formula, not an account.
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@(])")
_OWN_HANDLE = re.compile(r"\b(?:saya|sy|aku|pribadi|milik\s+saya)\b[ \t]*:?[ \t]*$", re.IGNORECASE)
# A number spelled out digit by digit ("nol delapan satu tiga ..."): nine digits or more.
_DIGIT_WORD = r"(?:nol|kosong|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)"
_SPELLED_NUMBER = re.compile(rf"\b{_DIGIT_WORD}(?:[ \t,.-]+{_DIGIT_WORD}){{8,}}\b", re.IGNORECASE)
# Digits with a letter typed for a digit ("3316O11203900004": O for 0, I or l for 1).
_DIGITS_LETTERS = re.compile(r"(?<![\w])[0-9OoIl](?:[ .\-]?[0-9OoIl]){9,}(?![\w])")
_AS_DIGITS = str.maketrans("OoIl", "0011")
# Forms of address: the capitalized words that follow are a name.
_HONORIFIC = re.compile(
    r"\b(?:bapak|bpk|bp|pak|ibu|bu|sdr|sdri|saudara|saudari|mas|mbak|mba|kak|tn|ny|nn|"
    r"tuan|nyonya|nona|alm|almarhum|almarhumah|hj|h|dr|drs|ir)\b\.?\s+",
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that follow a form of address without being a name ("Pak RT", "Bapak Bupati").
_TITLES = _words(
    "rt rw lurah camat kades sekdes kepala bupati wakil walikota wali sekda kadis dokter guru "
    "ketua kapolsek danramil petugas bidan mantri haji hajah"
)
# An office named after "atas nama"/"a.n." ("atas nama Bupati", "a.n. Kepala Dinas"): the text
# speaks for an office, not a person. (A person's title, "dokter", "haji", is not one.)
_OFFICES = _TITLES - _words("dokter guru bidan mantri haji hajah") | _words("pejabat sekretaris")
# Words that end a name: common words, and the markers of another value ("... Bapak Budi").
_STOP = _words(
    "saya dan yang di ke dari untuk dengan tidak sudah belum sejak mohon tolong warga tinggal "
    "beralamat alamat nik kk telp hp wa no nomor pada tanggal karena tetapi namun agar atau "
    "itu ini atas nama an bernama bapak bpk bp pak ibu bu sdr sdri saudara saudari mas mbak "
    "mba kak tn ny nn tuan nyonya nona jl jln jalan gg gang dusun dsn perum perumahan komp "
    "komplek kompleks blok rt rw rek rekening norek plat pelat nopol surel email "
    "ingin mau minta melapor melaporkan sangat juga hanya sebagai selaku adalah merasa telah "
    "akan sedang bisa sekali dinas badan instansi kantor pemerintah pemkab pemkot pemda desa "
    "kelurahan kecamatan kabupaten kota masyarakat sekolah lembaga perusahaan bidang bagian "
    "seksi humas tim unit upt uptd subbag sekretariat "
    "senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli "
    "agustus september oktober november desember puskesmas rsud pustu posyandu polsek koramil "
    "pdam pln bpjs dukcapil disdukcapil kua sd smp sma smk madrasah masjid pasar sms anonim "
    "hamba lapor"
)
_STOP_OR_TITLE = _STOP | _TITLES  # what a name with an age does not start with
_GAP = re.compile(r"[ \t]*")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# Address markers: abbreviations take the following words whatever their case; full words
# only a capitalized name or a number ("jalan rusak" stays, "Jalan Pemuda" goes).
_ADDRESS_ABBR = re.compile(
    r"\b(?:jl|jln|gg|dsn|perum|komp|kp|kav|jl\s*raya)\b\.?\s*", re.IGNORECASE
)
_ADDRESS_WORD = re.compile(
    r"\b(?i:jalan|gang|dusun|perumahan|komplek|kompleks|blok|lorong|kampung)\s+"
    r"(?=[A-Z\d])"
)
_NUMBER_AFTER = re.compile(r"[ \t]*\d+[a-zA-Z]?\b")
_HOUSE_AFTER = re.compile(r"[ \t,]*" + _HOUSE_NO.pattern, re.IGNORECASE)
# Where another value starts, a name ends ("a.n. Budi A.N. Sari" is two names).
_NEXT_VALUE = (_NAME_STRONG, _HONORIFIC, _ADDRESS_ABBR, _ADDRESS_WORD)
# The kinds no file under data/ may hold (the repository is public): ``kanal check`` refuses
# them wherever they are, ``kanal import`` removes them. A name counts only where the text
# states it is one ("nama saya", "atas nama", "a.n.", "saya Budi"): after "Pak"/"Bu" it may be
# an official ("Pak Camat Sukamaju"), so that stays a redaction when publishing.
STORED_KINDS = ("nik", "phone", "email")


@dataclass
class Redactions:
    """How many values of each kind were removed."""

    counts: Counter = field(default_factory=Counter)
    # Of those, what may never be stored under data/ (STORED_KINDS and stated names).
    stored: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, other: Redactions) -> None:
        self.counts.update(other.counts)
        self.stored.update(other.stored)

    def describe(self) -> str:
        parts = [f"{self.counts[k]} {label}" for k, label in KINDS.items() if self.counts[k]]
        return ", ".join(parts) if parts else "tidak ada"

    def describe_stored(self) -> str:
        parts = [f"{self.stored[k]} {label}" for k, label in KINDS.items() if self.stored[k]]
        return ", ".join(parts) if parts else "tidak ada"


def normalize(text: str) -> str:
    """NFKC without invisible format characters (zero-width spaces, bidi controls)."""
    if text.isascii():  # no format character is ASCII, and NFKC leaves ASCII as it is
        return text
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFKC", text)


# Indonesian mobile prefixes without the trunk 0 (0811-0819, 0821-0823, 0831-0838, 0851-0859,
# 0877-0878, 0881-0889, 0895-0899) and amounts grouped by thousands ("850.000.000").
_MOBILE_PREFIXES = frozenset({"81", "82", "83", "85", "87", "88", "89"})
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


def _classify_number(digits: str, raw: str) -> str | None:
    """The kind of personal number a digit run is, or None when it is an ordinary number."""
    n = len(digits)
    if n == 16:
        return "nik"
    # A letter number ("045/1234/2026") is written with slashes; a phone number never is.
    looks_phone = (
        "/" not in raw
        and (
            raw.lstrip("(").startswith("+")
            or digits.startswith(("0", "62"))
            # a mobile number without its 0 ("812-3344-5566"), unless written as an amount
            or digits[:2] in _MOBILE_PREFIXES
        )
    )
    if looks_phone and 9 <= n <= 14:
        return "phone"
    if n >= 10:
        return "account"
    return None


_PLAIN_EMAIL = re.compile(r"[\w.%+-]+@[\w.-]+", re.ASCII)


def _canonical_email(raw: str) -> str:
    """An address as found ("budi [at] gmail [dot] com", "ppid@contohkab,go.id") written
    plainly, for comparing with the registry's."""
    text = re.sub(_DOT, ".", re.sub(_AT, "@", raw.lower(), count=1))
    return "".join(text.split()).replace(",", ".")


class _Redactor:
    def __init__(self, found: Redactions, label: bool, public: PublicValues | None = None):
        self.found = found
        self.label = label
        self.public = public  # the offices' own numbers and addresses: left as they are
        self.only: frozenset[str] = frozenset(KINDS)  # the kinds replaced by their marker

    def mark(self, kind: str) -> str:
        self.found.counts[kind] += 1
        if kind in STORED_KINDS:
            self.found.stored[kind] += 1
        return {
            "name": NAME_MARK,
            "address": ADDRESS_MARK,
            "rtrw": RTRW_MARK,
            "plate": PLATE_MARK,
            "account": ACCOUNT_MARK,
            "nik": NIK_MARK,
            "phone": PHONE_MARK,
            "email": EMAIL_MARK,
            "handle": HANDLE_MARK,
        }[kind]

    def numbers(self, text: str) -> str:
        """Personal numbers; a written date and time ("12/01/2026 10.30") is not one."""
        out, last = [], 0
        for date in _DATE_TIME.finditer(text):
            out.append(self._numbers(text[last : date.start()]))
            out.append(date.group())
            last = date.end()
        out.append(self._numbers(text[last:]))
        return "".join(out)

    def _numbers(self, text: str) -> str:
        text = self._lettered(text)
        out, last = [], 0
        for m in _DIGITS.finditer(text):
            raw = m.group().rstrip("(")
            digits = re.sub(r"\D", "", raw)
            kind = _classify_number(digits, raw)
            if (
                kind is None
                or kind not in self.only
                or (kind == "phone" and self._public_number(raw))
                or (
                    kind in ("account", "phone")
                    and (
                        _MONEY_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
                        or (_THOUSANDS.match(raw) and not raw.startswith("0"))  # 62.000.000
                    )
                )
            ):
                continue
            out.append(text[last : m.start()])
            out.append(self.mark(kind))
            last = m.start() + len(raw)
        out.append(text[last:])
        return "".join(out)

    def _lettered(self, text: str) -> str:
        """A NIK, phone or account number with a letter typed for a digit (ten digits or more
        and at most three such letters), as its digits would be."""
        if not any(c in text for c in "OoIl"):
            return text
        out, last = [], 0
        for m in _DIGITS_LETTERS.finditer(text):
            raw = m.group()
            letters = sum(raw.count(c) for c in "OoIl")
            if not letters or letters > 3 or len(raw) - letters < 10:
                continue
            as_digits = raw.translate(_AS_DIGITS)
            kind = _classify_number(re.sub(r"\D", "", as_digits), as_digits)
            if kind is None or kind not in self.only:
                continue
            out.append(text[last : m.start()])
            out.append(self.mark(kind))
            last = m.end()
        out.append(text[last:])
        return "".join(out)

    def _public_number(self, raw: str) -> bool:
        return self.public is not None and self.public.permits_number(raw)

    def emails(self, pattern: re.Pattern, text: str) -> str:
        if not _may_hold_email(text):  # _EMAIL alone cost 15 µs a text without one
            return text

        def one(m: re.Match) -> str:
            if self.public is not None:
                # _EMAIL_COMMA stops at the first domain ending it knows ("x@kab.go" of
                # "x@kab.go.id"): the whole plain address is compared too.
                plain = _PLAIN_EMAIL.match(text, m.start())
                whole = plain.group().rstrip(".").lower() if plain else ""
                if self.public.permits_email(_canonical_email(m.group())) or (
                    whole and self.public.permits_email(whole)
                ):
                    return m.group()
            return self.mark("email")

        return pattern.sub(one, text)

    def phones(self, text: str) -> str:
        """Numbers ``phonenumbers`` knows as Indonesian that the digit rule let through."""
        matches = list(
            phonenumbers.PhoneNumberMatcher(text, "ID", leniency=phonenumbers.Leniency.VALID)
        )
        dates = [(d.start(), d.end()) for d in _DATE_TIME.finditer(text)]
        for match in reversed(matches):
            if any(start < match.end and match.start < end for start, end in dates):
                continue  # "03-10-2000" is a date, whatever phonenumbers makes of it
            # An amount ("Rp 1.500.000", "850.000") or a letter number ("500/12/2026") can be
            # a valid phone number to phonenumbers; written that way it is not one.
            digits = re.sub(r"\D", "", match.raw_string)
            if (
                (len(digits) < 9 and not match.raw_string.startswith(("0", "+", "(")))
                or _THOUSANDS.match(match.raw_string)
                or "/" in match.raw_string
                or _MONEY_BEFORE.search(text[max(0, match.start - 6) : match.start])
                or self._public_number(match.raw_string)
            ):
                continue
            text = text[: match.start] + self.mark("phone") + text[match.end :]
        return text

    def words_after(
        self, text: str, start: int, capitalized: bool, limit: int = 4
    ) -> tuple[int, int]:
        """Span of the name words from ``start``: up to ``limit`` words, stopping at
        punctuation or a stop word; leading titles ("Pak RT Budi") stay outside the span."""
        first, end, pos, taken = start, start, start, 0
        while taken < limit:
            word = _WORD.match(text, _GAP.match(text, pos).end())
            if word is None:
                break
            value = word.group()
            if capitalized and taken == 0 and value.casefold() in _TITLES:
                first = end = pos = word.end()
                continue
            if not capitalized and taken == 0 and value.casefold() in _OFFICES:
                break
            if (
                value.casefold() in _STOP
                or (capitalized and not value[0].isupper())
                or any(m.match(text, word.start()) for m in _NEXT_VALUE)
            ):
                break
            if taken == 0:
                first = word.start()
            taken += 1
            end = pos = word.end()
            # "Moh. Ali": a short abbreviation's dot belongs to the name.
            if text.startswith(".", end) and len(value) <= 3:
                end = pos = end + 1
        return (first, end) if taken else (start, start)

    def lowercase_self(self, text: str, start: int, limit: int = 3) -> tuple[int, int]:
        """Span of a writer's name in lowercase after "saya" (see ``givennames``), or empty."""
        first, end, pos, taken = start, start, start, 0
        while taken < limit:
            word = _WORD.match(text, _GAP.match(text, pos).end())
            if word is None or not word.group().islower():
                break
            value = word.group()
            if value in _STOP or not may_be_given_name(value):
                break
            if taken == 0:
                first = word.start()
            taken += 1
            end = pos = word.end()
        if taken and INTRO_AFTER.match(text, end):
            return first, end
        return start, start

    def names(self, text: str) -> str:
        text = self.aged(text)
        for pattern, capitalized, stated in (
            (_NAME_STRONG, False, True),
            (_NAME_SELF, True, True),
            (_NAME_ROLE, True, True),
            (_SIGN_OFF, True, True),
            (_HONORIFIC, True, False),
        ):
            out, last = [], 0
            for m in pattern.finditer(text):
                if m.start() < last:
                    continue
                first, end = self.words_after(text, m.end(), capitalized)
                if pattern is _NAME_SELF and first == end:  # "saya budi, warga ..."
                    first, end = self.lowercase_self(text, m.end())
                if pattern is _NAME_ROLE and first == end and m.group(1):  # "pelapor: agus"
                    first, end = self.lowercase_self(text, m.end())
                if pattern is _SIGN_OFF and not _TEXT_END.match(text, end):
                    continue  # a closing name ends the text ("Salam, Budi"; not "Salam Sehat")
                title = _HONORIFIC.match(text, m.end()) if stated and first == end else None
                if title:  # "atas nama Hj. Nurhayati": the stated name after its title
                    first, end = self.words_after(text, title.end(), True)
                    first = m.end() if first != end else first
                if first == end:
                    continue
                out.append(text[last:first])
                out.append(self.mark("name"))
                if stated:
                    self.found.stored["name"] += 1
                last = end
            out.append(text[last:])
            text = "".join(out)
        return text

    def aged(self, text: str) -> str:
        """A name written with an age: two capitalized words or more that are no common word
        or title, or one in brackets ("(Agus, 45 th)")."""
        if not any(w in text for w in ("th", "tahun")):
            return text
        out, last = [], 0
        for m in _NAME_AGE.finditer(text):
            words = list(re.finditer(r"\S+", m.group(2)))
            while words and words[0].group().casefold() in _STOP_OR_TITLE:
                words.pop(0)
            if not words or any(w.group().casefold() in _STOP for w in words):
                continue
            if (len(words) < 2 and not m.group(1)) or not _AGE_AFTER.match(text, m.end()):
                continue
            start = m.start(2) + words[0].start()
            out.append(text[last:start])
            out.append(self.mark("name"))
            self.found.stored["name"] += 1
            last = m.end(2)
        out.append(text[last:])
        return "".join(out)

    def handles(self, text: str) -> str:
        """Social-media handles: a complainant's account names them; stated as their own
        after "saya" or "pribadi"."""
        if "@" not in text or self.label:  # a label ("@kominfo" as a category) names no one
            return text
        out, last = [], 0
        for m in _HANDLE.finditer(text):
            out.append(text[last : m.start()])
            out.append(self.mark("handle"))
            if _OWN_HANDLE.search(text, max(0, m.start() - 40), m.start()):
                self.found.stored["handle"] += 1
            last = m.end()
        out.append(text[last:])
        return "".join(out)

    def spelled(self, text: str) -> str:
        if not any(w in text.lower() for w in ("nol", "kosong", "delapan", "enam")):
            return text
        return self.sub(_SPELLED_NUMBER, "phone", text)

    def addresses(self, text: str) -> str:
        patterns = [(_ADDRESS_ABBR, False)]
        if not self.label:
            patterns.append((_ADDRESS_WORD, True))
        for pattern, capitalized in patterns:
            out, last = [], 0
            for m in pattern.finditer(text):
                if m.start() < last:
                    continue
                end = m.end()
                number = _NUMBER_AFTER.match(text, end)
                if number:
                    end = number.end()
                else:
                    first, end = self.words_after(text, end, capitalized)
                    if first == end:
                        continue
                    number = _NUMBER_AFTER.match(text, end)
                    if number:
                        end = number.end()
                house = _HOUSE_AFTER.match(text, end)
                if house:
                    end = house.end()
                out.append(text[last : m.start()])
                out.append(self.mark("address"))
                last = end
            out.append(text[last:])
            text = "".join(out)
        return text

    def sub(self, pattern: re.Pattern, kind: str, text: str) -> str:
        return pattern.sub(lambda _m: self.mark(kind), text)

    def run(self, text: str) -> str:
        text = normalize(text)
        text = self.emails(_EMAIL, text)
        text = self.emails(_EMAIL_COMMA, text)
        text = self.sub(_PLATE_MARKED, "plate", text)
        text = self.sub(_RTRW, "rtrw", text)
        text = self.numbers(text)
        text = self.phones(text)
        text = self.spelled(text)
        text = self.sub(_PLATE, "plate", text)
        text = self.handles(text)
        text = self.names(text)
        text = self.addresses(text)
        text = self.sub(_HOUSE_NO, "address", text)
        return text


def redact(
    text: str,
    found: Redactions | None = None,
    *,
    label: bool = False,
    public: PublicValues | None = None,
) -> str:
    """``text`` with personal data replaced by markers; counts go to ``found``.

    ``label=True`` is for short labels (a category, a kecamatan): there "Jalan Rusak" is a
    topic, not an address, so only the unambiguous address abbreviations count. ``public``:
    the offices' own numbers and addresses, left in the text (an office's post quotes them).
    """
    return _Redactor(found if found is not None else Redactions(), label, public).run(text)


def redact_known(text: str, names: list[str], found: Redactions | None = None) -> str:
    """``text`` without the names its record gives elsewhere (an export's "Nama Pelapor"):
    each whole name, then each of its words of three letters or more, as whole words in any
    case ("Pelapor: Siti Aminah minta KTP", "bu siti minta KTP")."""
    found = found if found is not None else Redactions()
    words = sorted(
        {w for n in names for w in re.findall(r"[^\W\d_]{3,}", n)}, key=len, reverse=True
    )
    whole = [r"\s+".join(map(re.escape, n.split())) for n in names if n.split()]
    for pattern in [*whole, *(re.escape(w) for w in words)]:
        text, n = re.subn(rf"(?<!\w){pattern}(?!\w)", NAME_MARK, text, flags=re.IGNORECASE)
        found.counts["name"] += n
        found.stored["name"] += n
    return text


_NO_DIGITS = str.maketrans("", "", "0123456789")


def _digit_count(text: str) -> int:
    return len(text) - len(text.translate(_NO_DIGITS))


_AT_HINT = re.compile(r"[\[({<]\s*(?:at|et)\b|\s(?:at|et)\s", re.IGNORECASE)


def _may_hold_email(text: str) -> bool:
    """False only when neither _EMAIL nor _EMAIL_COMMA can match: each needs an "@" or one
    of _AT's spelled-out forms, a bracket or white space before "at"/"et"."""
    return "@" in text or _AT_HINT.search(text) is not None


_SELF_HINT = re.compile(r"\b(?:sy|aku)\b")
# "an." and "a.n"/"a/n" anywhere, then at a word's start ("pelayanan." is not "an.").
_AN_HINT = re.compile(r"a(?:n\.|\s*[./]\s*n\b)")
_AN_WORD = re.compile(r"\ban\.|\ba\s*[./]\s*n\b")


# Literals one of _NAME_ROLE and _SIGN_OFF always holds (lower case).
NAME_HINTS = (
    "pelapor",
    "pengadu",
    "penanya",
    "dilaporkan",
    "oleh",
    "kasih",
    "trims",
    "salam",
    "hormat",
)
# A name with an age, a number spelled out: confirmed by these (cheap) patterns.
_AGE_HINT = re.compile(r",[ \t]*\d{1,3}[ \t]*(?:th|thn|tahun)\b", re.IGNORECASE)
_SPELLED_HINT = re.compile(rf"{_DIGIT_WORD}(?:[ \t,.-]+{_DIGIT_WORD}){{8}}", re.IGNORECASE)


def more_hints(low: str) -> bool:
    """Whether a lowercase text may hold a name with its age or a spelled-out number."""
    return (
        ("th" in low or "tahun" in low)
        and _AGE_HINT.search(low) is not None
        or (
            ("nol" in low or "kosong" in low or "enam" in low or "delapan" in low)
            and _SPELLED_HINT.search(low) is not None
        )
    )


def _may_state_name(text: str) -> bool:
    """A superset of where the name patterns can match; substring tests first, since one
    case-insensitive regex over every summary cost 6 microseconds a text."""
    low = text.lower()
    if "nama" in low or "saya" in low:
        return True
    if any(hint in low for hint in NAME_HINTS) or more_hints(low):
        return True
    if ("sy" in low or "aku" in low) and _SELF_HINT.search(low):
        return True
    return _AN_HINT.search(low) is not None and _AN_WORD.search(low) is not None


def may_hold_personal(text: str) -> bool:
    """False only when :func:`personal_data` certainly finds nothing in ``text``: plain ASCII
    without a name marker, an e-mail or 7 digits (every phone number and NIK has more)."""
    if not text.isascii():
        return True
    if "@" in text or _digit_count(text) >= 7 or _may_state_name(text):
        return True
    # "dapat", "surat", "masyarakat": only a spelled-out "at" can join an e-mail address.
    return _AT_HINT.search(text) is not None and _EMAIL.search(text) is not None


def redact_contacts(text: str, public: PublicValues | None = None) -> str:
    """``text`` with NIK/KK, phone numbers and e-mail addresses replaced by markers, and
    nothing else: for an office's own post, where a road or an official's name is news, not
    a complainant's address. ``public`` numbers and addresses stay."""
    if not may_hold_personal(text):
        return text
    redactor = _Redactor(Redactions(), True, public)
    redactor.only = frozenset(STORED_KINDS)
    out = normalize(text)
    out = redactor.emails(_EMAIL, out)
    out = redactor.emails(_EMAIL_COMMA, out)
    out = redactor.phones(redactor.numbers(out))
    return out if redactor.found.total else text  # untouched unless something was removed


def personal_data(
    text: str, *, label: bool = False, public: PublicValues | None = None
) -> Redactions:
    """What of ``text`` may never be stored under ``data/`` (``Redactions.stored``): NIK/KK,
    phone numbers, e-mail addresses and stated names. ``counts`` has every redaction.
    ``public``: the offices' own numbers and addresses, which are not personal data."""
    found = Redactions()
    if may_hold_personal(text):
        _Redactor(found, label, public).run(text)
    return found
