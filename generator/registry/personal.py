"""Personal data in an agency's free text: an error, because the region repository is public.

Phone numbers, e-mail addresses and web sites of the office belong in ``channels`` (checked and
published as official); a number, NIK/KK, e-mail or stated name in a description, a service, an
alias, an account note, a channel label or the office hours is refused, at its line. The
office's address and its channels' values are not free text and are not searched.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.registry.load import SourcedAgency
from generator.safeinput.privacy import personal_data
from generator.safeinput.problems import Problems

FIX = (
    "nomor, surel dan situs resmi kantor ditulis di channels (type: phone, whatsapp, email, "
    "website); data pribadi warga atau pegawai dihapus, karena repositori data ini publik"
)


def free_texts(src: SourcedAgency) -> Iterator[tuple[tuple[str | int, ...], str]]:
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


def check_free_text(src: SourcedAgency, problems: Problems) -> None:
    """An error at each free-text value holding personal data."""
    for path, text in free_texts(src):
        found = personal_data(text)
        if found.stored:
            problems.error(
                src.at(*path),
                src.field(*path),
                f"berisi data pribadi ({found.describe_stored()}); {FIX}",
            )
