"""generator.site.blocks writes the text the Jinja macros it replaced wrote, for hostile agencies.

The macros (``account_item``, ``accounts_block``, ``channels_block`` of
``templates/_macros.html.j2`` until the blocks moved to Python) are kept here, verbatim, as the
oracle: random agencies with hostile names, handles, notes, labels and addresses are rendered
both ways and the HTML compared byte for byte, with the icons each recorded.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.registry.accounts import PLATFORM_LABELS
from generator.registry.models import (
    CHANNEL_LABELS,
    STATUS_LABELS,
    Account,
    AccountStatus,
    Agency,
    Channel,
    ChannelType,
    Kind,
    Platform,
)
from generator.safeinput.problems import Location
from generator.site import blocks
from generator.site.pages import _Icons, template_environment

ORACLE = """{% macro account_item(a, icon, me=False) %}
<li class="k-acc k-acc--{{ a.status.value }}">
{# rel="me": this page and the account speak for the same agency (IndieWeb, Mastodon,
   fact-checkers' tools); only on the agency's own page and only for active accounts. #}
<a class="k-tap" href="{{ a.url }}" rel="{% if me and a.status.value == 'active' %}me {% endif %}noopener nofollow">{{ icon(a.platform.value) }}<span class="k-acc__name"><span class="k-acc__platform">{{ PLATFORM_LABELS[a.platform.value] }}</span> <span class="k-acc__handle">{{ a.shown }}</span></span></a>
<span class="k-badge k-badge--{{ a.status.value }}">{{ STATUS_LABELS[a.status] }}</span>
{% if a.since %}<span class="k-meta">resmi sejak {{ a.since | date_id }}</span>{% endif %}
{% if a.note %}<span class="k-meta">{{ a.note }}</span>{% endif %}
</li>
{% endmacro %}

{% macro accounts_block(agency, icon, level=2, me=False) %}
{% set current = agency.accounts | rejectattr("status", "equalto", AccountStatus.ARCHIVED) | list %}
{% set archived = agency.accounts | selectattr("status", "equalto", AccountStatus.ARCHIVED) | list %}
<h{{ level }}>Akun resmi</h{{ level }}>
{% if current %}
<ul class="k-list">
{% for a in current %}{{ account_item(a, icon, me) }}{% endfor %}
</ul>
{% else %}
<p class="k-empty">Belum ada akun resmi yang terdaftar.</p>
{% endif %}
{% if archived %}
<div class="k-warn" role="note"><p><strong>Bukan lagi akun resmi.</strong> Akun berikut dulu dipakai instansi ini tetapi kini tidak lagi berbicara atas namanya. Jangan kirim data pribadi atau pengaduan ke sana.</p>
<ul class="k-list">
{% for a in archived %}{{ account_item(a, icon) }}{% endfor %}
</ul></div>
{% endif %}
{% endmacro %}

{% macro channels_block(agency, icon, level=2) %}
<h{{ level }}>Hubungi</h{{ level }}>
{% set channels = sorted_channels(agency) %}
{% if channels %}
<ul class="k-list k-channels">
{% for c in channels %}
<li><a class="k-tap k-ch k-ch--{{ c.type.value }}" href="{{ c.href }}"{% if c.type.value in ("website", "complaint_portal", "whatsapp") %} rel="noopener"{% endif %}>{{ icon(c.type.value) }}<span><span class="k-ch__type">{% if c.type.value == "whatsapp" %}Chat WhatsApp{% elif c.type.value == "phone" %}Telepon{% else %}{{ CHANNEL_LABELS[c.type] }}{% endif %}{% if c.label %} · {{ c.label }}{% endif %}</span> <span class="k-ch__value">{{ c.display }}</span></span></a></li>
{% endfor %}
</ul>
{% else %}
<p class="k-empty">Belum ada kanal kontak yang terdaftar.</p>
{% endif %}
{% if agency.address or agency.hours %}
<ul class="k-list k-office">
{% if agency.address %}<li>{{ icon("address") }}<span><span class="k-ch__type">Alamat kantor</span> {{ agency.address }}</span></li>{% endif %}
{% if agency.hours %}<li>{{ icon("hours") }}<span><span class="k-ch__type">Jam layanan</span> {{ agency.hours }}</span></li>{% endif %}
</ul>
{% endif %}
{% endmacro %}
"""

# HTML, attribute breakers, Markdown, template syntax, bidi and line controls, astral.
HOSTILE = st.lists(
    st.sampled_from(
        [
            "<",
            ">",
            "&",
            '"',
            "'",
            "`",
            "*",
            "_",
            "[",
            "]",
            "(",
            ")",
            "{{",
            "}}",
            "{%",
            "#",
            "\n",
            "\r",
            "\u202e",
            "\u2066",
            "\u2028",
            "\x00",
            "é",
            "😀",
            "a",
            " ",
            "<script>",
        ]
    )
    | st.characters(),
    max_size=8,
).map("".join)
OPTIONAL = st.none() | st.just("") | HOSTILE
DATES = st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))

ACCOUNTS = st.builds(
    Account,
    platform=st.sampled_from(list(Platform)),
    handle=OPTIONAL,
    shown=HOSTILE,
    url=HOSTILE,
    key=HOSTILE,
    status=st.sampled_from(list(AccountStatus)),
    since=DATES,
    reviewed=st.just(dt.date(2026, 1, 1)),
    note=OPTIONAL,
    feed=st.none(),
)
CHANNELS = st.builds(
    Channel,
    type=st.sampled_from(list(ChannelType)),
    value=HOSTILE,
    display=HOSTILE,
    href=HOSTILE,
    label=OPTIONAL,
)


@st.composite
def agencies(draw: st.DrawFn) -> Agency:
    return Agency(
        id="a",
        name=draw(HOSTILE),
        short_name=None,
        kind=draw(st.sampled_from(list(Kind))),
        parent=None,
        region_code=None,
        aliases=[],
        services=[],
        description=None,
        accounts=draw(st.lists(ACCOUNTS, max_size=4)),
        channels=draw(st.lists(CHANNELS, max_size=4)),
        address=draw(OPTIONAL),
        hours=draw(OPTIONAL),
        source=Location("agencies/a.yml"),
    )


def _oracle():
    env = template_environment()
    env.globals.update(
        PLATFORM_LABELS=PLATFORM_LABELS,
        STATUS_LABELS=STATUS_LABELS,
        CHANNEL_LABELS=CHANNEL_LABELS,
        AccountStatus=AccountStatus,
        sorted_channels=blocks.sorted_channels,
    )
    return env.from_string(ORACLE).module


MACROS = _oracle()


@settings(max_examples=400, deadline=None)
@given(agencies(), st.sampled_from([2, 4]), st.booleans())
def test_blocks_write_the_macros_text(agency, level, me):
    old_icons, new_icons = _Icons(), _Icons()
    assert str(blocks.channels_block(agency, new_icons, level)) == str(
        MACROS.channels_block(agency, old_icons, level)
    )
    assert str(blocks.accounts_block(agency, new_icons, level, me=me)) == str(
        MACROS.accounts_block(agency, old_icons, level, me=me)
    )
    assert new_icons.used == old_icons.used


def test_hostile_values_are_escaped():
    evil = "<script>alert(1)</script>\"'&"
    account = Account(
        Platform.INSTAGRAM,
        evil,
        evil,
        evil,
        "k",
        AccountStatus.ACTIVE,
        None,
        dt.date(2026, 1, 1),
        evil,
        None,
    )
    channel = Channel(ChannelType.WHATSAPP, evil, evil, evil, evil)
    agency = Agency(
        "a",
        evil,
        None,
        Kind.DINAS,
        None,
        None,
        [],
        [],
        None,
        [account],
        [channel],
        evil,
        evil,
        Location("a.yml"),
    )
    html = str(blocks.accounts_block(agency, _Icons(), me=True)) + str(
        blocks.channels_block(agency, _Icons())
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&#34;" in html and "&#39;" in html and 'rel="me noopener nofollow"' in html
