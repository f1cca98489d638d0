"""schema.org structured data (JSON-LD) for agency pages, safe to place inside ``<script>``."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.registry.models import CHANNEL_LABELS, AccountStatus, Agency, ChannelType

# Inside <script> the HTML parser ends the element at "</script" and JavaScript engines
# used to end string literals at U+2028/U+2029; JSON allows these escapes for any character.
_SCRIPT_SAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: Any) -> Markup:
    """JSON text that cannot end or alter the ``<script>`` element it is placed in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_SAFE.items():
        text = text.replace(char, escaped)
    return Markup(text)  # safe: nothing in it can be read as markup any more


def agency_jsonld(agency: Agency, url: str, parent: Agency | None) -> dict[str, Any]:
    """A ``GovernmentOrganization`` with its active accounts (``sameAs``) and contact points.

    ``url`` is the page's address: absolute when the region has a ``site_url``, otherwise
    relative ("./"), which JSON-LD resolves against the page itself.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": agency.name,
        "url": url,
    }
    if agency.short_name:
        data["alternateName"] = agency.short_name
    if agency.description:
        data["description"] = agency.description
    same_as = [a.url for a in agency.accounts if a.status is AccountStatus.ACTIVE]
    if same_as:
        data["sameAs"] = same_as
    points = []
    for channel in agency.channels:
        point: dict[str, Any] = {
            "@type": "ContactPoint",
            "contactType": channel.label or CHANNEL_LABELS[channel.type],
        }
        if channel.type in (ChannelType.WHATSAPP, ChannelType.PHONE, ChannelType.SMS):
            point["telephone"] = channel.value
        elif channel.type is ChannelType.EMAIL:
            point["email"] = channel.value
        else:
            point["url"] = channel.value
        points.append(point)
    if points:
        data["contactPoint"] = points
    if agency.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": agency.address}
    if parent is not None:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": parent.name}
    return data
