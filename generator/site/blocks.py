"""An agency's contact and account blocks as HTML, built in Python (the templates call them).

Every agency and village of a national directory (91,561) shows both blocks: as Jinja macros
they were ~5 s of a national build's CPU (a macro call, attribute lookups and an escape per
value). The text is the macros' text, byte for byte (tests/test_blocks.py renders random
hostile agencies both ways): every value from the registry passes through
:func:`markupsafe.escape`, as Jinja's autoescape did, and icons come from the page's
``icon`` (which returns markup and records the icons the page's sprite needs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from markupsafe import Markup, escape

from generator.registry.accounts import PLATFORM_LABELS
from generator.registry.models import (
    CHANNEL_LABELS,
    STATUS_LABELS,
    Account,
    AccountStatus,
    Agency,
    Channel,
    ChannelType,
    Platform,
)

Icon = Callable[..., Markup]

# The order in which channels are offered: the quickest way to a person first.
CHANNEL_ORDER = ["whatsapp", "phone", "sms", "complaint_portal", "email", "website"]
_REL_NOOPENER = ("website", "complaint_portal", "whatsapp")
_RANK = {t: CHANNEL_ORDER.index(t.value) for t in ChannelType}
# Each member's value: ``.value`` is a descriptor call, ~1 s over a national directory's blocks.
_VALUE: dict[object, str] = {m: m.value for e in (AccountStatus, Platform, ChannelType) for m in e}


def sorted_channels(agency: Agency) -> list[Channel]:
    return sorted(agency.channels, key=lambda c: _RANK[c.type])


MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def date_id(value: dt.date | None) -> str:
    """A date the Indonesian way: 5 Maret 2026."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else "–"


def account_item(a: Account, icon: Icon, me: bool = False) -> Markup:
    """One account: platform, handle, status, since when, note. ``me``: rel="me" when
    active (only on the agency's own page)."""
    value = _VALUE[a.status]
    platform = _VALUE[a.platform]
    status = escape(value)
    rel = "me " if me and value == "active" else ""
    out = [
        f'<li class="k-acc k-acc--{status}">\n<a class="k-tap" href="{escape(a.url)}" '
        f'rel="{rel}noopener nofollow">{escape(icon(platform))}'
        '<span class="k-acc__name"><span class="k-acc__platform">'
        f"{escape(PLATFORM_LABELS[platform])}</span> "
        f'<span class="k-acc__handle">{escape(a.shown)}</span></span></a>\n'
        f'<span class="k-badge k-badge--{status}">{escape(STATUS_LABELS[a.status])}</span>\n'
    ]
    if a.since:
        out.append(f'<span class="k-meta">resmi sejak {escape(date_id(a.since))}</span>')
    if a.note:
        out.append(f'<span class="k-meta">{escape(a.note)}</span>')
    out.append("</li>\n")
    return Markup("".join(out))


def accounts_block(agency: Agency, icon: Icon, level: int = 2, me: bool = False) -> Markup:
    """The agency's official accounts, then those that no longer speak for it."""
    current = [a for a in agency.accounts if a.status != AccountStatus.ARCHIVED]
    archived = [a for a in agency.accounts if a.status == AccountStatus.ARCHIVED]
    h = escape(level)
    out = [f"<h{h}>Akun resmi</h{h}>\n"]
    if current:
        out.append('<ul class="k-list">\n')
        out += [account_item(a, icon, me) for a in current]
        out.append("</ul>\n")
    else:
        out.append('<p class="k-empty">Belum ada akun resmi yang terdaftar.</p>\n')
    if archived:
        out.append(
            '<div class="k-warn" role="note"><p><strong>Bukan lagi akun resmi.</strong> Akun '
            "berikut dulu dipakai instansi ini tetapi kini tidak lagi berbicara atas namanya. "
            "Jangan kirim data pribadi atau pengaduan ke sana.</p>\n"
            '<ul class="k-list">\n'
        )
        out += [account_item(a, icon) for a in archived]
        out.append("</ul></div>\n")
    return Markup("".join(out))


def channels_block(agency: Agency, icon: Icon, level: int = 2) -> Markup:
    """How to reach the agency: its channels, quickest first, then its office."""
    h = escape(level)
    out = [f"<h{h}>Hubungi</h{h}>\n"]
    channels = sorted_channels(agency)
    if channels:
        out.append('<ul class="k-list k-channels">\n')
        for c in channels:
            kind = _VALUE[c.type]
            rel = ' rel="noopener"' if kind in _REL_NOOPENER else ""
            if kind == "whatsapp":
                label = "Chat WhatsApp"
            elif kind == "phone":
                label = "Telepon"
            else:
                label = escape(CHANNEL_LABELS[c.type])
            if c.label:
                label = f"{label} · {escape(c.label)}"
            out.append(
                f'<li><a class="k-tap k-ch k-ch--{escape(kind)}" href="{escape(c.href)}"{rel}>'
                f'{escape(icon(kind))}<span><span class="k-ch__type">{label}</span> '
                f'<span class="k-ch__value">{escape(c.display)}</span></span></a></li>\n'
            )
        out.append("</ul>\n")
    else:
        out.append('<p class="k-empty">Belum ada kanal kontak yang terdaftar.</p>\n')
    if agency.address or agency.hours:
        out.append('<ul class="k-list k-office">\n')
        if agency.address:
            out.append(
                f'<li>{escape(icon("address"))}<span><span class="k-ch__type">Alamat kantor'
                f"</span> {escape(agency.address)}</span></li>"
            )
        if agency.hours:
            out.append(
                f'<li>{escape(icon("hours"))}<span><span class="k-ch__type">Jam layanan'
                f"</span> {escape(agency.hours)}</span></li>"
            )
        out.append("</ul>\n")
    return Markup("".join(out))
