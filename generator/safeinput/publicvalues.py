"""Numbers and e-mail addresses an office may print in its own text: not personal data.

A post, a holiday name or a "Kami tidak pernah ..." line may quote an office's own contact
("Hubungi call center 112", "WA 0812-... (Dukcapil)"). The rule (README, "A region
repository"): a number or address is the office's, not a person's, when

- it is registered as a channel anywhere in the registry: an agency's ``channels``, an
  ``official.hotlines`` or SMS short code (an agency's or ``region.yml``'s), the publisher's
  phone or e-mail. The registry publishes these anyway, so quoting them leaks nothing;
- it is a number no person holds: a toll-free (0800), shared-cost (0804), premium (0809) or
  universal access number (1500-xxx), as ``phonenumbers`` classes it, or a short service
  number (112, 110, 14045), which the personal-number rules never take for a phone anyway;
- it is a fixed line in an area code of the region's own registered fixed lines (a
  puskesmas' or school's office line in the region, "(0357) 881234"). Home fixed lines are
  rare and already printed in public directories; a mobile number is never allowed unless
  registered, because it is a person's own;
- it is an address at a domain the registry states as official (``official.email_domains``)
  or under ``go.id`` / ``desa.id``, which are issued only to government bodies and villages.
  An address at gmail, yahoo, a university or a company is a person's unless registered as a
  channel itself (a village's ``desamaju@gmail.com`` is, once registered).

Everything else that :mod:`generator.safeinput.privacy` finds stays an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberType

# Number types phonenumbers gives that no person holds as a personal line.
_SERVICE_TYPES = frozenset(
    {
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.UAN,
    }
)
# Second-level domains issued only to government bodies (PANDI): go.id to agencies, desa.id to
# villages. Not ac.id or sch.id: staff and pupils have their own addresses there.
GOVERNMENT_DOMAINS = ("go.id", "desa.id")


def _parse(raw: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException:
        return None


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def area_code(number: phonenumbers.PhoneNumber) -> str | None:
    """The area code of a fixed line ("357" for (0357) 881234), None for any other number."""
    if phonenumbers.number_type(number) != PhoneNumberType.FIXED_LINE:
        return None
    size = phonenumbers.length_of_geographical_area_code(number)
    return phonenumbers.national_significant_number(number)[:size] if size else None


# A province registers ~14,000 numbers, read again by every check of ``kanal serve`` (and
# three times per check: the registry, the post history, the post CSV files); phonenumbers
# takes ~40 us a number. Bounded: a national registry holds about 150,000.
_REGISTERED_MAX = 1 << 18
_registered_memo: dict[str, tuple[str, str | None]] = {}


def _registered(raw: str) -> tuple[str, str | None]:
    """A registered number as stored (E.164, or the digits of a short number) and the area
    code of a fixed line."""
    known = _registered_memo.get(raw)
    if known is not None:
        return known
    number = _parse(raw) if raw.strip() else None
    if number is None or not phonenumbers.is_valid_number(number):
        entry: tuple[str, str | None] = ("".join(c for c in raw if c.isdigit()), None)
    else:
        entry = _e164(number), area_code(number)
    _remember(raw, entry)
    return entry


def _remember(raw: str, entry: tuple[str, str | None]) -> None:
    if len(_registered_memo) >= _REGISTERED_MAX:
        _registered_memo.clear()
    _registered_memo[raw] = entry


def remember_number(number: phonenumbers.PhoneNumber, fixed_line: bool | None = None) -> str:
    """Note a valid number a channel registers, parsed once by the channel's own check, so that
    :meth:`PublicValues.of` does not parse it again (a national registry has ~46,000).
    ``fixed_line``: False when the caller knows its type is not a fixed line (a mobile
    number: no area code). Returns its E.164 form, as stored."""
    value = _e164(number)
    _remember(value, (value, None if fixed_line is False else area_code(number)))
    return value


def remembered(values: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """What is noted of ``values`` (for a worker process to hand its notes to the parent)."""
    return {v: known for v in values if (known := _registered_memo.get(v)) is not None}


def remember_all(notes: dict[str, tuple[str, str | None]]) -> None:
    """Take another process's :func:`remembered` notes."""
    for raw, entry in notes.items():
        _remember(raw, entry)


@dataclass(frozen=True)
class PublicValues:
    """What the registry states as the offices' own numbers and addresses."""

    numbers: frozenset[str] = frozenset()  # E.164 (+62...) or a short number as dialled
    emails: frozenset[str] = frozenset()  # lower case
    email_domains: frozenset[str] = frozenset()  # lower case, without "@"
    area_codes: frozenset[str] = frozenset()  # of registered fixed lines, without the trunk 0

    @classmethod
    def of(
        cls, numbers: Iterable[str] = (), emails: Iterable[str] = (), domains: Iterable[str] = ()
    ) -> PublicValues:
        """From registered numbers (as written or E.164), addresses and official domains; the
        area codes are those of the fixed lines among the numbers. A registered address's
        domain is not made official: one office at gmail.com must not admit every gmail
        address."""
        canonical, areas = set(), set()
        for raw in numbers:
            number, code = _registered(raw)
            canonical.add(number)
            if code is not None:
                areas.add(code)
        addresses = {e.strip().lower() for e in emails if "@" in e}
        own_domains = {d.strip().lower().lstrip("@") for d in domains if d.strip()}
        return cls(
            frozenset(canonical), frozenset(addresses), frozenset(own_domains), frozenset(areas)
        )

    def permits_number(self, raw: str) -> bool:
        """Whether a number as written in a text is an office's (see the module's rule)."""
        number = _parse(raw)
        if number is None:
            return False
        if _e164(number) in self.numbers:
            return True
        if not phonenumbers.is_valid_number(number):
            return False
        if phonenumbers.number_type(number) in _SERVICE_TYPES:
            return True
        code = area_code(number)
        return code is not None and code in self.area_codes

    def permits_email(self, address: str) -> bool:
        """Whether an e-mail address (canonical: lower case, ``@`` and dots) is an office's."""
        address = address.lower()
        if address in self.emails:
            return True
        domain = address.rpartition("@")[2]
        return any(
            domain == own or domain.endswith("." + own)
            for own in (*self.email_domains, *GOVERNMENT_DOMAINS)
        )
