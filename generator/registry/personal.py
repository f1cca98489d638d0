"""Personal data in the registry's free text: an error, because the region repository is public.

Phone numbers, e-mail addresses and web sites of an office belong in ``channels`` (checked and
published as official). A number, NIK/KK, e-mail or stated name in a description, a service,
an alias, a note, a label, the office hours or a "Kami tidak pernah ..." line is refused at
its line; so is one in ``region.yml`` (holiday names, themes and their keywords, complaint
categories, statements, notes of official channels). Quoting an office's own registered
number or address is not personal data (:mod:`generator.safeinput.publicvalues`). The
office's address and its channels' values are not free text and are not searched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from generator.registry.load import RawData, SourcedAgency
from generator.registry.models import Agency, ChannelType, Region, RegionIn
from generator.registry.official import OfficialIn, OfficialItem, OfficialKind
from generator.safeinput.privacy import KINDS, personal_data
from generator.safeinput.problems import Location, Problems
from generator.safeinput.publicvalues import PublicValues
from generator.safeinput.yamlio import dotted

if TYPE_CHECKING:
    from generator.registry.cache import AgencyMemo

FIX = (
    "nomor, surel dan situs resmi kantor ditulis di channels (type: phone, whatsapp, email, "
    "website); data pribadi warga atau pegawai dihapus, karena repositori data ini publik"
)
REGION_FIX = (
    "nomor atau surel kantor yang dikutip harus terdaftar sebagai kanal resmi (channels sebuah "
    "instansi, official.hotlines, atau publisher); data pribadi warga atau pegawai dihapus, "
    "karena repositori data ini publik"
)
# The texts of an official item a clerk types (the item's own value is checked by its kind).
_OFFICIAL_TEXTS = ("note", "label", "purpose", "holder", "name", "developer", "merchant")
# Where personal data is only numbers and e-mails: a label in Title Case ("Aku Cinta Produk
# Lokal") would read as a writer naming themself, and a name without a marker is not found.
NUMBERS_ONLY = ("nik", "phone", "email")

FieldPath = tuple[str | int, ...]


def official_texts(official: OfficialIn | None) -> Iterator[tuple[FieldPath, str]]:
    """(path, text) of the free text of an ``official:`` block."""
    if official is None:
        return
    for group in type(official).model_fields:
        for i, item in enumerate(getattr(official, group)):
            for name in _OFFICIAL_TEXTS:
                value = getattr(item, name, None)
                if isinstance(value, str) and value:
                    yield ("official", group, i, name), value


def free_texts(src: SourcedAgency) -> Iterator[tuple[FieldPath, str]]:
    """(path, text) of every free-text value of an agency."""
    m = src.model
    if m.description:
        yield ("description",), m.description
    for i, text in enumerate(m.services):
        yield ("services", i), text
    for i, text in enumerate(m.aliases):
        yield ("aliases", i), text
    for i, account in enumerate(m.accounts):
        if account.note:
            yield ("accounts", i, "note"), account.note
    for i, channel in enumerate(m.channels):
        if channel.label:
            yield ("channels", i, "label"), channel.label
    if m.office and m.office.hours:
        yield ("office", "hours"), m.office.hours
    for i, text in enumerate(m.never_text):
        yield ("never_text", i), text
    yield from official_texts(m.official)


def region_texts(model: RegionIn) -> Iterator[tuple[FieldPath, str, bool]]:
    """(path, text, labels only numbers and e-mails) of every free text of ``region.yml``."""
    yield ("name",), model.name, True
    yield ("publisher", "name"), model.publisher.name, True
    for i, theme in enumerate(model.themes):
        yield ("themes", i, "name"), theme.name, True
        for j, word in enumerate(theme.keywords):
            yield ("themes", i, "keywords", j), word, True
    settings = model.complaints
    if settings is not None:
        for i, text in enumerate(settings.categories or []):
            yield ("complaints", "categories", i), text, True
        for i, text in enumerate(settings.field_check_categories):
            yield ("complaints", "field_check_categories", i), text, True
        for key in settings.targets:
            yield ("complaints", "targets", key), key, True
        for i, holiday in enumerate(settings.local_holidays):
            yield ("complaints", "local_holidays", i, "name"), holiday.name, True
    for i, text in enumerate(model.never_text):
        yield ("never_text", i), text, False
    for path, text in official_texts(model.official):
        yield path, text, False


def public_values(agencies: Iterable[Agency], region: Region | None) -> PublicValues:
    """The numbers and e-mail addresses the registry states as the offices' own."""
    numbers: list[str] = []
    emails: list[str] = []
    domains: list[str] = []
    items: list[OfficialItem] = []
    channels = []
    for agency in agencies:
        channels.extend(agency.channels)
        items.extend(agency.official)
    if region is not None:
        channels.extend(region.publisher.channels)
        items.extend(region.official)
    for channel in channels:
        if channel.type in (ChannelType.WHATSAPP, ChannelType.PHONE, ChannelType.SMS):
            numbers.append(channel.value)
        elif channel.type is ChannelType.EMAIL:
            emails.append(channel.value)
    for item in items:
        if item.kind is OfficialKind.HOTLINE:
            numbers.extend(item.keys)
        elif item.kind is OfficialKind.SMS_SENDER:
            numbers.extend(k for k in item.keys if k.isdigit())
        elif item.kind is OfficialKind.EMAIL_DOMAIN:
            domains.extend(item.keys)
    return PublicValues.of(numbers, emails, domains)


def found_in(text: str, public: PublicValues | None, kinds: Iterable[str] = KINDS) -> str:
    """What personal data of ``kinds`` ``text`` holds, as "1 nomor telepon, ..."; "" if none."""
    stored = personal_data(text, public=public).stored
    parts = [f"{stored[k]} {label}" for k, label in KINDS.items() if k in kinds and stored[k]]
    return ", ".join(parts)


def check_free_text(
    src: SourcedAgency, problems: Problems, public: PublicValues | None, seen: dict[str, str]
) -> None:
    """An error at each free-text value of an agency holding personal data. ``seen``: what
    :func:`found_in` said of each text already judged against the same ``public`` values."""
    for path, text in free_texts(src):
        found = seen.get(text)
        if found is None:
            found = seen[text] = found_in(text, public)
        if found:
            problems.error(src.at(*path), src.field(*path), f"berisi data pribadi ({found}); {FIX}")


def check_region_text(
    model: RegionIn,
    locate: Callable[[FieldPath], Location],
    problems: Problems,
    public: PublicValues | None = None,
) -> None:
    """An error at each free text of ``region.yml`` holding personal data."""
    for path, text, label in region_texts(model):
        found = found_in(text, public, NUMBERS_ONLY if label else KINDS)
        if found:
            problems.error(
                locate(path), dotted(path), f"berisi data pribadi ({found}); {REGION_FIX}"
            )


def check_registry(
    raw: RawData,
    agencies: Iterable[Agency],
    region: Region | None,
    problems: Problems,
    memo: AgencyMemo | None = None,
) -> PublicValues:
    """Personal data in every agency's and ``region.yml``'s free text, once every channel is
    known (a text may quote any office's registered number). Returns the offices' values.
    ``memo`` (``kanal serve``) keeps each unchanged agency's result while the registered
    values are the same."""
    public = public_values(agencies, region)
    if memo is not None:
        memo.public_values(public)
    # Free texts recur across agencies (a service, a note every desa copies): each distinct
    # one is judged once. A national directory's 274,685 texts were 9 distinct ones.
    seen: dict[str, str] = {}
    for src in raw.agencies:
        if memo is None:
            check_free_text(src, problems, public, seen)
        else:
            memo.free_text(
                src, lambda found, s=src: check_free_text(s, found, public, seen), problems
            )
    if raw.region is not None and raw.region_lines is not None:
        check_region_text(raw.region, raw.region_lines.locate, problems, public)
    return public
