"""Checks and canonical forms of the official channels of :mod:`generator.registry.official`.

Domains are read with the public suffix list through ``tldextract`` and the snapshot it
bundles (``suffix_list_urls=()``: nothing is ever fetched), so ``go.id`` or ``blogspot.com``
cannot be claimed whole, and :func:`host_matches` gives the subdomain rule:
``*.contohkab.go.id`` belongs to ``contohkab.go.id`` with ``subdomains: true``, and
``contohkab.go.id.evil.com`` never does.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs, urlsplit

import tldextract

from generator.registry.contacts import ContactError, check_phone, display_short, short_number
from generator.registry.official import (
    NEVER_TEXT_MAX,
    OfficialIn,
    OfficialItem,
    OfficialKind,
    Statements,
)
from generator.safeinput.problems import Location, Problems

REVIEW_MAX_AGE = dt.timedelta(days=365)

# Free-mail and shared-mail providers: a whole provider is never one office's e-mail domain.
FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.id",
        "ymail.com",
        "outlook.com",
        "outlook.co.id",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "mail.com",
        "gmx.com",
        "zoho.com",
        "yandex.com",
    }
)

# Banks by the names people write; key: a short code used in lookup keys. Unknown banks (a BPR)
# are accepted as written; a near miss of a known name gets "maksud Anda".
BANKS: dict[str, tuple[str, ...]] = {
    "bri": ("BRI", "Bank BRI", "Bank Rakyat Indonesia"),
    "bni": ("BNI", "Bank BNI", "Bank Negara Indonesia"),
    "mandiri": ("Mandiri", "Bank Mandiri"),
    "bca": ("BCA", "Bank BCA", "Bank Central Asia"),
    "bsi": ("BSI", "Bank BSI", "Bank Syariah Indonesia"),
    "btn": ("BTN", "Bank BTN", "Bank Tabungan Negara"),
    "cimb": ("CIMB Niaga", "Bank CIMB Niaga"),
    "permata": ("Permata", "Bank Permata"),
    "danamon": ("Danamon", "Bank Danamon"),
    "jateng": ("Bank Jateng", "Bank Jawa Tengah"),
    "jatim": ("Bank Jatim", "Bank Jawa Timur"),
    "bjb": ("bank bjb", "BJB", "Bank Jabar Banten"),
    "dki": ("Bank DKI",),
    "bpddiy": ("BPD DIY", "Bank BPD DIY"),
    "bpdbali": ("BPD Bali", "Bank BPD Bali"),
    "sumut": ("Bank Sumut",),
    "nagari": ("Bank Nagari",),
    "aceh": ("Bank Aceh", "Bank Aceh Syariah"),
    "brk": ("BRK Syariah", "Bank Riau Kepri Syariah"),
    "jambi": ("Bank Jambi",),
    "sumselbabel": ("Bank Sumsel Babel",),
    "bengkulu": ("Bank Bengkulu",),
    "lampung": ("Bank Lampung",),
    "banten": ("Bank Banten",),
    "kalbar": ("Bank Kalbar",),
    "kalteng": ("Bank Kalteng",),
    "kalsel": ("Bank Kalsel",),
    "kaltimtara": ("Bank Kaltimtara",),
    "sulselbar": ("Bank Sulselbar",),
    "sulteng": ("Bank Sulteng",),
    "sultra": ("Bank Sultra",),
    "sulutgo": ("Bank SulutGo",),
    "ntb": ("Bank NTB Syariah",),
    "ntt": ("Bank NTT",),
    "malukumalut": ("Bank Maluku Malut",),
    "papua": ("Bank Papua",),
}
_BANK_NAMES = {name.casefold(): code for code, names in BANKS.items() for name in names}

# A bank account's holder must be an institution: one of these words must appear in it.
INSTITUTION_WORDS = frozenset(
    [
        "kas",
        "daerah",
        "rkud",
        "rkd",
        "desa",
        "kelurahan",
        "kecamatan",
        "kabupaten",
        "kota",
        "provinsi",
        "pemerintah",
        "pemkab",
        "pemkot",
        "pemprov",
        "pemdes",
        "pemda",
        "dinas",
        "badan",
        "bapenda",
        "bpkad",
        "bppkad",
        "bpkpd",
        "bpkd",
        "setda",
        "sekretariat",
        "rsud",
        "blud",
        "puskesmas",
        "upt",
        "uptd",
        "perumda",
        "pdam",
        "bumd",
        "bumdes",
        "bendahara",
        "penerimaan",
        "kantor",
        "satuan",
        "inspektorat",
        "samsat",
        "pasar",
        "retribusi",
    ]
)
# Signs that a holder is a person: titles and degrees.
PERSON_MARKS = re.compile(
    r"(?i)(?:^|[\s(,])(?:bapak|bpk|ibu|sdr|sdri|h\.|hj\.|drs?\.|ir\.|s\.e|s\.h|s\.sos|s\.pd|s\.kom|m\.si|m\.m)(?=$|[\s.,)])"
)

_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_PACKAGE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$")
_SENDER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._&-]{1,10}$")
_SHORT_CODE = re.compile(r"^\d{3,6}$")
_NMID = re.compile(r"^ID\d{10,15}$")


class OfficialError(ValueError):
    """A value that cannot be used; ``field`` names the field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # The bundled snapshot only, no cache folder: a build never touches the network or $HOME.
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


@lru_cache(maxsize=1 << 14)
def registrable(host: str) -> str:
    """The part of ``host`` someone registers (``a.b.contohkab.go.id`` -> ``contohkab.go.id``,
    ``x.pages.dev`` -> ``x.pages.dev``); empty for a bare public suffix or an unknown TLD."""
    parts = _extractor()(host)
    return f"{parts.domain}.{parts.suffix}" if parts.domain and parts.suffix else ""


def host_matches(host: str, domain: str, subdomains: bool) -> bool:
    """Whether ``host`` is ``domain`` or, with ``subdomains``, one of its subdomains. Both in
    canonical form (:func:`normalize_domain`)."""
    return host == domain or (subdomains and host.endswith("." + domain))


def normalize_domain(text: str, field: str = "domain") -> str:
    """A domain name in canonical form: lower-case ASCII, IDN as ``xn--``; a URL, a wildcard,
    a public suffix or an unknown TLD is an error that says what to write."""
    value = text.strip().rstrip(".").lower()
    if "://" in value or "/" in value or "@" in value:
        host = (urlsplit(value if "://" in value else "//" + value).hostname or "").split("@")[-1]
        hint = f"; maksud Anda '{host}'?" if host else ""
        raise OfficialError(
            field, f"tulis nama domainnya saja, tanpa https:// atau /: '{text}'{hint}"
        )
    if value.startswith("*."):
        raise OfficialError(
            field,
            f"tulis '{value[2:]}' lalu subdomains: true untuk menyertakan semua subdomainnya",
        )
    try:
        ascii_host = value.encode("idna").decode("ascii")
    except UnicodeError:
        raise OfficialError(field, f"nama domain tidak valid: '{text}'") from None
    labels = ascii_host.split(".")
    if len(labels) < 2 or len(ascii_host) > 253 or not all(_LABEL.match(p) for p in labels):
        raise OfficialError(
            field,
            f"nama domain tidak valid: '{text}' (huruf, angka dan tanda hubung, dipisah titik)",
        )
    if not registrable(ascii_host):
        parts = _extractor()(ascii_host)
        if not parts.suffix:
            raise OfficialError(field, f"akhiran domain '.{labels[-1]}' tidak dikenal: '{text}'")
        raise OfficialError(
            field,
            f"'{ascii_host}' adalah akhiran publik yang dipakai banyak pihak, bukan domain milik satu instansi",
        )
    return ascii_host


def display_domain(ascii_host: str) -> str:
    """A domain as people read it (``xn--`` labels shown in Unicode)."""
    try:
        return ascii_host.encode("ascii").decode("idna")
    except UnicodeError:
        return ascii_host


def normalize_sender(text: str, field: str = "sender") -> str:
    """An SMS sender ID (upper case) or a short code (digits)."""
    value = " ".join(text.split())
    digits = re.sub(r"[\s-]", "", value)
    if digits.isdigit():
        if _SHORT_CODE.match(digits):
            return digits
        raise OfficialError(
            field,
            f"'{text}' bukan kode singkat SMS (3–6 angka); nomor seluler ditulis di channels dengan type: sms",
        )
    if not _SENDER.match(value):
        raise OfficialError(
            field,
            f"nama pengirim SMS '{text}' tidak valid: 2–11 huruf atau angka (boleh spasi, titik, tanda hubung)",
        )
    return value.upper()


def normalize_package(text: str, field: str = "google_play") -> str:
    """A Google Play package id, also from a play.google.com link (``?id=``)."""
    value = text.strip()
    if "://" in value or value.startswith("play.google.com"):
        parts = urlsplit(value if "://" in value else "https://" + value)
        ids = parse_qs(parts.query).get("id")
        if (parts.hostname or "") != "play.google.com" or not ids:
            raise OfficialError(
                field,
                f"tautan '{text}' bukan halaman aplikasi Google Play (play.google.com/store/apps/details?id=...)",
            )
        value = ids[0]
    if not _PACKAGE.match(value) or len(value) > 150:
        raise OfficialError(
            field, f"ID paket '{text}' tidak valid; contoh: id.go.contohkab.layanan"
        )
    return value


def normalize_app_store(text: str, field: str = "app_store") -> str:
    """An App Store id (digits), also from an apps.apple.com link or an ``id123`` form."""
    value = text.strip()
    match = re.search(r"(?:^|/|^id)id?(\d{6,12})(?:$|[/?#])", value)
    if "://" in value or "apple.com" in value:
        host = urlsplit(value if "://" in value else "https://" + value).hostname or ""
        if host not in ("apps.apple.com", "itunes.apple.com") or not match:
            raise OfficialError(
                field, f"tautan '{text}' bukan halaman App Store (apps.apple.com/.../id123456789)"
            )
        return match.group(1)
    if re.fullmatch(r"(?:id)?\d{6,12}", value):
        return value.removeprefix("id")
    raise OfficialError(field, f"ID App Store '{text}' tidak valid; contoh: 1234567890")


def bank_code(text: str) -> str | None:
    """The short code of a known bank name, any case; None when unknown."""
    return _BANK_NAMES.get(" ".join(text.split()).casefold())


def bank_key(bank: str) -> str:
    """The bank part of a payment key: its code, or the folded name of a bank not listed."""
    return bank_code(bank) or re.sub(r"[^a-z0-9]+", "", bank.casefold())


def bank_hint(text: str) -> str | None:
    """A known bank name close to ``text`` (a misspelling), for "maksud Anda"."""
    if bank_code(text):
        return None
    names = {n.casefold(): n for ns in BANKS.values() for n in ns}
    close = difflib.get_close_matches(text.casefold(), names, n=1, cutoff=0.8)
    return names[close[0]] if close else None


def account_digits(text: str, field: str = "number") -> str:
    digits = re.sub(r"[\s.\-/]", "", text)
    if not digits.isdigit() or not 6 <= len(digits) <= 20:
        raise OfficialError(
            field, f"nomor rekening '{text}' harus 6–20 angka (spasi, titik, tanda hubung boleh)"
        )
    return digits


def check_holder(text: str) -> str:
    """The holder of an official account: an institution, never a person."""
    words = set(re.findall(r"[a-z]+", text.casefold()))
    folded = " ".join(text.casefold().split())
    institution = bool(words & INSTITUTION_WORDS) or "kas daerah" in folded
    if not institution or PERSON_MARKS.search(text) or "(" in text:
        raise OfficialError(
            "holder",
            f"pemilik rekening '{text}' harus nama lembaga (misalnya 'RKUD Kabupaten Contoh' atau "
            "'Bendahara Penerimaan Bapenda Kabupaten Contoh'), bukan nama orang: rekening "
            "pribadi tidak pernah resmi",
        )
    return " ".join(text.split())


def fold_merchant(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text).split()).upper()


Locate = Callable[[tuple[Any, ...]], Location]
Name = Callable[[tuple[Any, ...]], str]


def _dates(
    item: Any, path: tuple[Any, ...], today: dt.date, at: Locate, name: Name, problems: Problems
) -> None:
    for attr in ("since", "reviewed"):
        value = getattr(item, attr)
        if value and value > today:
            problems.error(
                at((*path, attr)),
                name((*path, attr)),
                f"tanggal {value.isoformat()} ada di masa depan",
            )
    if today - item.reviewed > REVIEW_MAX_AGE:
        problems.warning(
            at((*path, "reviewed")),
            name((*path, "reviewed")),
            f"belum diperiksa lebih dari 12 bulan (terakhir {item.reviewed.isoformat()}); periksa lalu perbarui tanggalnya",
        )


def _item(
    kind: OfficialKind, m: Any, keys: tuple[str, ...], display: str, **extra: Any
) -> OfficialItem:
    return OfficialItem(kind, keys, display, m.status, m.since, m.reviewed, m.note, **extra)


def _one(
    kind: OfficialKind, m: Any, problems: Problems, warn: Callable[[str, str], None]
) -> OfficialItem:
    """One item, canonical; raises OfficialError for a value that cannot be used."""
    if kind is OfficialKind.WEB_DOMAIN:
        host = normalize_domain(m.domain)
        shown = ("*." if m.subdomains else "") + display_domain(host)
        return _item(kind, m, (host,), shown, subdomains=m.subdomains, href=f"https://{host}/")
    if kind is OfficialKind.EMAIL_DOMAIN:
        host = normalize_domain(m.domain)
        if registrable(host) in FREE_MAIL:
            raise OfficialError(
                "domain",
                f"'{host}' layanan surel gratis yang dipakai siapa saja; tulis alamat surel "
                "instansi di channels (type: email), bukan domainnya",
            )
        return _item(kind, m, (host,), "@" + display_domain(host))
    if kind is OfficialKind.SMS_SENDER:
        sender = normalize_sender(m.sender)
        return _item(kind, m, (sender,), sender)
    if kind is OfficialKind.APP:
        if not m.google_play and not m.app_store:
            raise OfficialError(
                "google_play",
                "isi google_play (ID paket) atau app_store (ID App Store), atau keduanya",
            )
        keys, detail, href = [], [("Pengembang", m.developer)], None
        if m.google_play:
            package = normalize_package(m.google_play)
            keys.append("play:" + package)
            detail.append(("Google Play", package))
            href = f"https://play.google.com/store/apps/details?id={package}"
        if m.app_store:
            store = normalize_app_store(m.app_store)
            keys.append("appstore:" + store)
            detail.append(("App Store", f"id{store}"))
            href = href or f"https://apps.apple.com/id/app/id{store}"
        return _item(kind, m, tuple(keys), m.name, detail=tuple(detail), href=href)
    if kind is OfficialKind.BANK_ACCOUNT:
        digits = account_digits(m.number)
        holder = check_holder(m.holder)
        if hint := bank_hint(m.bank):
            warn("bank", f"bank '{m.bank}' tidak dikenal; maksud Anda '{hint}'?")
        detail = [("Atas nama", holder)]
        if m.purpose:
            detail.append(("Untuk", m.purpose))
        return _item(
            kind, m, (f"{bank_key(m.bank)}:{digits}",), f"{m.bank} {m.number}", detail=tuple(detail)
        )
    if kind is OfficialKind.VIRTUAL_ACCOUNT:
        prefix = re.sub(r"[\s.\-]", "", m.prefix)
        if not prefix.isdigit() or not 2 <= len(prefix) <= 10:
            raise OfficialError("prefix", f"awalan virtual account '{m.prefix}' harus 2–10 angka")
        if hint := bank_hint(m.bank):
            warn("bank", f"bank '{m.bank}' tidak dikenal; maksud Anda '{hint}'?")
        detail = [("Untuk", m.purpose)] if m.purpose else []
        return _item(
            kind, m, (f"{bank_key(m.bank)}:{prefix}",), f"{m.bank} {prefix}…", detail=tuple(detail)
        )
    if kind is OfficialKind.QRIS:
        keys = [fold_merchant(m.merchant)]
        if not keys[0]:
            raise OfficialError("merchant", "nama merchant QRIS tidak boleh kosong")
        detail = []
        if m.nmid:
            nmid = m.nmid.replace(" ", "").upper()
            if not _NMID.match(nmid):
                raise OfficialError("nmid", f"NMID '{m.nmid}' tidak valid; contoh: ID1020012345678")
            keys.append("nmid:" + nmid)
            detail.append(("NMID", nmid))
        if m.purpose:
            detail.append(("Untuk", m.purpose))
        return _item(kind, m, tuple(keys), m.merchant, detail=tuple(detail))
    # hotline
    try:
        number = check_phone(m.number)
    except ContactError as exc:
        raise OfficialError("number", str(exc)) from None
    short = short_number(m.number)
    shown = display_short(short) if short else _display_e164(number)
    detail = (("Keterangan", m.label),) if m.label else ()
    return _item(kind, m, (number,), shown, detail=detail, href=f"tel:{number}")


def _display_e164(number: str) -> str:
    from generator.registry.contacts import display_phone, parse_phone

    return display_phone(parse_phone(number))


# The input list of each kind, in the order they are shown.
FIELDS: tuple[tuple[str, OfficialKind], ...] = (
    ("web_domains", OfficialKind.WEB_DOMAIN),
    ("email_domains", OfficialKind.EMAIL_DOMAIN),
    ("sms_senders", OfficialKind.SMS_SENDER),
    ("apps", OfficialKind.APP),
    ("bank_accounts", OfficialKind.BANK_ACCOUNT),
    ("virtual_accounts", OfficialKind.VIRTUAL_ACCOUNT),
    ("qris", OfficialKind.QRIS),
    ("hotlines", OfficialKind.HOTLINE),
)


Claim = Callable[[OfficialItem, tuple[Any, ...]], None]


def check_official(
    model: OfficialIn | None,
    today: dt.date,
    at: Locate,
    name: Name,
    problems: Problems,
    claim: Claim | None = None,
) -> tuple[OfficialItem, ...]:
    """Every item of an ``official:`` block, canonical; each problem at its own field.
    ``claim`` is told each valid item with its path (to find one claimed twice)."""
    if model is None:
        return ()
    out: list[OfficialItem] = []
    for attr, kind in FIELDS:
        for i, m in enumerate(getattr(model, attr)):
            path = ("official", attr, i)

            def warn(field: str, message: str, path: tuple[Any, ...] = path) -> None:
                problems.warning(at((*path, field)), name((*path, field)), message)

            try:
                out.append(_one(kind, m, problems, warn))
            except OfficialError as exc:
                problems.error(at((*path, exc.field)), name((*path, exc.field)), exc.message)
                continue
            _dates(m, path, today, at, name, problems)
            if claim is not None:
                claim(out[-1], path)
    return tuple(out)


class Claims:
    """Who states each official key first: a key stated again elsewhere is an error, as an
    account is (hotlines excepted: 112 or a national call centre may be listed by many)."""

    def __init__(self, problems: Problems):
        self.problems = problems
        self.first: dict[tuple[OfficialKind, str], tuple[str, Location]] = {}

    def for_owner(self, owner: str, at: Locate, name: Name) -> Claim:
        def claim(item: OfficialItem, path: tuple[Any, ...]) -> None:
            if item.kind is OfficialKind.HOTLINE:
                return
            for key in item.keys:
                seen = self.first.setdefault((item.kind, key), (owner, at(path)))
                if seen[1] != at(path):
                    who = "instansi ini juga" if seen[0] == owner else f"'{seen[0]}'"
                    self.problems.error(
                        at(path),
                        name(path),
                        f"{item.display} sudah dicantumkan oleh {who} ({seen[1]}); satu kanal resmi hanya milik satu pemilik",
                    )
                    return

        return claim


def check_statements(
    keys: list[Any], texts: list[str], at: Locate, name: Name, problems: Problems
) -> Statements:
    """ "Kami tidak pernah ..." statements: keys once each, free text short and not empty.
    Invisible characters are already refused by the YAML reader, like in every text."""
    seen: list[Any] = []
    for i, key in enumerate(keys):
        if key in seen:
            problems.warning(
                at(("never", i)), name(("never", i)), f"pernyataan '{key.value}' ditulis dua kali"
            )
            continue
        seen.append(key)
    kept = []
    for i, text in enumerate(texts):
        value = " ".join(text.split())
        if not value:
            problems.error(at(("never_text", i)), name(("never_text", i)), "tidak boleh kosong")
        elif len(value) > NEVER_TEXT_MAX:
            problems.error(
                at(("never_text", i)),
                name(("never_text", i)),
                f"terlalu panjang ({len(value)} karakter, maks. {NEVER_TEXT_MAX}): pernyataan harus singkat agar muat di poster",
            )
        else:
            if value.casefold().startswith("kami tidak pernah"):
                value = value[len("kami tidak pernah") :].strip()  # the heading already says it
            kept.append(value)
    return Statements(tuple(seen), tuple(kept))
