"""Contact channels: phone and WhatsApp numbers in E.164, Indonesian short service numbers
(112, 1708, 1500 123) as dialled, e-mail addresses and web links."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from generator.registry.checker import WA_LINK
from generator.registry.models import Channel, ChannelIn, ChannelType
from generator.safeinput.addresses import url_characters_problem
from generator.safeinput.publicvalues import remember_number

_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_WA_ME = re.compile(WA_LINK, re.IGNORECASE)  # one pattern with the browser checker
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
# Short service numbers are dialled as they are, with no area or country code: emergency and
# hotline numbers (110, 112, 113, 115, 118, 119, 129), 4- and 5-digit call centres (1708 for
# SP4N-LAPOR! SMS, 14045) and 1500-xxx call centres. E.164 has no form for them.
_SHORT = re.compile(r"1\d{2,4}|1500\d{2,4}")
_SEPARATORS = re.compile(r"[\s().-]")
_SPACE = re.compile(r"\s")  # the same characters as str.isspace
_COUNTRY_DIGITS = re.compile(r"62\d{8,13}")  # 62812...: the country code without its "+"


class ContactError(ValueError):
    """A channel value that cannot be used; the message is for the person editing YAML."""


def parse_phone(text: str, *, mobile: bool = False) -> phonenumbers.PhoneNumber:
    """Parse an Indonesian-style number (0812-..., +62 812 ..., 62812..., wa.me/62...)."""
    raw = text.strip()
    match = _WA_ME.match(raw)
    if match:
        raw = "+" + match.group(1)
    elif _COUNTRY_DIGITS.fullmatch(digits := _SEPARATORS.sub("", raw)):
        raw = "+" + digits
    try:
        number = phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException:
        raise ContactError(
            f"'{text}' bukan nomor telepon (contoh: 0812-3456-7890 atau (0271) 123456)"
        ) from None
    # A number is valid exactly when its type is known (phonenumbers computes both from the
    # same patterns): a WhatsApp number's type is found once, not twice.
    if mobile:
        kind = phonenumbers.number_type(number)
        valid = kind != PhoneNumberType.UNKNOWN
    else:
        valid = phonenumbers.is_valid_number(number)
    if not valid:
        raise ContactError(f"nomor '{text}' tidak valid: periksa kode area dan jumlah digitnya")
    if mobile and kind not in _MOBILE_TYPES:
        raise ContactError(
            f"nomor WhatsApp '{text}' bukan nomor seluler (08...); nomor telepon kantor "
            "ditulis sebagai telepon (type: phone, atau kolom Telepon di lembar kerja)"
        )
    return number


def short_number(text: str) -> str | None:
    """The digits of an Indonesian short service number (``'1500-123'`` -> ``'1500123'``)."""
    digits = _SEPARATORS.sub("", text.strip())
    return digits if _SHORT.fullmatch(digits) else None


def display_short(digits: str) -> str:
    """A short number as people write it: 112, 1708, 1500 123."""
    return f"1500 {digits[4:]}" if digits.startswith("1500") and len(digits) > 4 else digits


def check_phone(text: str) -> str:
    """A phone number for people to call: a full number or a short service number."""
    short = short_number(text)
    return short if short else e164(parse_phone(text))


def e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def display_phone(number: phonenumbers.PhoneNumber) -> str:
    """Indonesian national format: 0812-3456-7890, (0271) 123456."""
    if number.country_code != 62:
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)


def _parse_sms(text: str) -> phonenumbers.PhoneNumber:
    """An SMS number: a mobile number (short numbers are handled before)."""
    try:
        number = parse_phone(text)
    except ContactError:
        raise ContactError(
            f"'{text}' bukan nomor SMS: tulis nomor seluler (0812-3456-7890) atau nomor layanan singkat (1708)"
        ) from None
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise ContactError(
            f"nomor SMS '{text}' bukan nomor seluler (08...) atau nomor layanan singkat (1708)"
        )
    return number


def check_web_url(text: str) -> str:
    """A link that may appear on the site: http(s) with a host, no credentials, and none of
    the characters a URL never holds unencoded (quotes, angle brackets, blanks...): the URL
    lands in attributes, JSON-LD and ``security.txt``'s ``Contact:`` line."""
    value = text.strip()
    problem = url_characters_problem(value)
    if problem:
        raise ContactError(problem)
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # "https://[x": an unclosed IPv6 bracket
        raise ContactError(f"URL tidak valid: '{text}'") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ContactError(f"URL harus diawali https:// atau http://: '{text}'")
    if not host or "." not in host or _SPACE.search(value):
        raise ContactError(f"URL tidak valid: '{text}'")
    if parts.username or parts.password:
        raise ContactError(f"URL tidak boleh memuat nama pengguna atau sandi: '{text}'")
    return value


def check_email(text: str) -> str:
    value = text.strip()
    if not _EMAIL.match(value) or len(value) > 254:
        raise ContactError(f"alamat surel tidak valid: '{text}' (contoh: dinkes@contoh.go.id)")
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def normalize_channel(item: ChannelIn) -> Channel:
    """Turn a channel as written in YAML into its canonical value, display form and link."""
    kind = item.type
    short = short_number(item.value)
    if short and kind is ChannelType.WHATSAPP:
        raise ContactError(
            f"'{item.value}' nomor layanan singkat; WhatsApp butuh nomor seluler (08...)"
        )
    if short:
        scheme = "sms" if kind is ChannelType.SMS else "tel"
        return Channel(kind, short, display_short(short), f"{scheme}:{short}", item.label)
    if kind is ChannelType.SMS:
        number = _parse_sms(item.value)
        value = remember_number(number, fixed_line=False)  # a mobile number
        return Channel(kind, value, display_phone(number), f"sms:{value}", item.label)
    if kind in (ChannelType.WHATSAPP, ChannelType.PHONE):
        mobile = kind is ChannelType.WHATSAPP
        number = parse_phone(item.value, mobile=mobile)
        # Parsed once: the personal-data check reads the registered numbers from this note.
        value = remember_number(number, fixed_line=False if mobile else None)
        href = {
            ChannelType.WHATSAPP: f"https://wa.me/{value[1:]}",
            ChannelType.PHONE: f"tel:{value}",
        }[kind]
        return Channel(kind, value, display_phone(number), href, item.label)
    if kind is ChannelType.EMAIL:
        value = check_email(item.value)
        return Channel(kind, value, value, f"mailto:{value}", item.label)
    value = check_web_url(item.value)
    shown = re.sub(r"^https?://(www\.)?", "", value).rstrip("/")
    return Channel(kind, value, shown, value, item.label)
