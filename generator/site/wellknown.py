"""``/.well-known/`` files: the region's official accounts and domains for platforms and
fact-checkers (``kanal-official.json``), and ``security.txt`` (RFC 9116).

MkDocs skips dot-folders in the docs folder, so the build copies ``.well-known/`` into the
site itself after MkDocs (:func:`generator.build.pipeline.copy_dot_folders`); no plugin.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.opendata.jsontext import dumps_indented
from generator.registry.models import Directory
from generator.registry.official import OfficialKind
from generator.site.pages import INDEX_VERSION, PageRef, Renderer, agency_url

WELL_KNOWN = ".well-known"
OFFICIAL_FILE = "kanal-official.json"
OFFICIAL_FORMAT = "kanal-official"
OFFICIAL_VERSION = 1
# RFC 9116 asks for an Expires less than a year ahead; counted from the build's own date, so
# two builds of the same data are identical.
SECURITY_TXT_DAYS = 364


def _page(directory: Directory, path: str) -> str:
    base = directory.region.site_url
    return base.rstrip("/") + "/" + path if base else path


def official_document(directory: Directory) -> dict[str, Any]:
    """Every active official account, domain, app and SMS sender of the region, with the
    agency that owns it (``null`` for the region itself)."""
    region = directory.region
    accounts = []
    items: dict[str, list[dict[str, Any]]] = {
        "web_domains": [],
        "email_domains": [],
        "apps": [],
        "sms_senders": [],
    }
    names = {
        OfficialKind.WEB_DOMAIN: "web_domains",
        OfficialKind.EMAIL_DOMAIN: "email_domains",
        OfficialKind.APP: "apps",
        OfficialKind.SMS_SENDER: "sms_senders",
    }
    owners = [(None, region.official)] + [(a, a.official) for a in directory.agencies.values()]
    for agency, official in owners:
        for item in official:
            if item.status.value != "active" or item.kind not in names:
                continue
            row: dict[str, Any] = {"agency": agency.id if agency else None}
            if item.kind in (OfficialKind.WEB_DOMAIN, OfficialKind.EMAIL_DOMAIN):
                row["domain"] = item.keys[0]
                if item.kind is OfficialKind.WEB_DOMAIN:
                    row["subdomains"] = item.subdomains
            elif item.kind is OfficialKind.APP:
                row["name"] = item.display
                row["developer"] = dict(item.detail).get("Pengembang")
                row["google_play"] = next(
                    (k.removeprefix("play:") for k in item.keys if k.startswith("play:")), None
                )
                row["app_store"] = next(
                    (k.removeprefix("appstore:") for k in item.keys if k.startswith("appstore:")),
                    None,
                )
            else:
                row["sender"] = item.keys[0]
            items[names[item.kind]].append(row)
    for agency in directory.agencies.values():
        for acc in agency.active_accounts:
            accounts.append(
                {
                    "platform": acc.platform.value,
                    "url": acc.url,
                    "handle": acc.handle,
                    "agency": agency.id,
                }
            )
    agencies = {
        a.id: {"name": a.name, "page": _page(directory, agency_url(directory, a))}
        for a in directory.agencies.values()
    }
    return {
        "format": OFFICIAL_FORMAT,
        "version": OFFICIAL_VERSION,
        "region": {"code": region.code, "name": region.name},
        "site_url": region.site_url,
        "generated": directory.today.isoformat(),
        "publisher": {
            "name": region.publisher.name,
            "url": region.publisher.url,
            "email": region.publisher.email,
            "phone": region.publisher.phone,
        },
        "index": "assets/kanal/indeks.json",
        "accounts": accounts,
        **items,
        "agencies": agencies,
    }


def security_txt(directory: Directory) -> str | None:
    """RFC 9116 ``security.txt``: the publisher's contacts; None when it has none (Contact is
    required, and ``kanal check`` already warns about a publisher without contacts)."""
    region = directory.region
    contacts = [c.href for c in region.publisher.channels]
    if not contacts:
        return None
    expires = dt.datetime.combine(
        directory.today + dt.timedelta(days=SECURITY_TXT_DAYS), dt.time(), dt.UTC
    )
    lines = [
        f"# Kontak pengelola {region.name} (RFC 9116). Akun palsu? Lihat juga cara-melapor/.",
        *(f"Contact: {href}" for href in contacts),
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: id, en",
    ]
    if region.site_url:
        lines.append(f"Canonical: {region.site_url.rstrip('/')}/{WELL_KNOWN}/security.txt")
    return "\n".join(lines) + "\n"


def write_well_known(
    directory: Directory, docs: Path, document: dict[str, Any] | None = None
) -> None:
    """``.well-known/``; ``document`` is :func:`official_document`'s, when already made."""
    folder = docs / WELL_KNOWN
    folder.mkdir(parents=True, exist_ok=True)
    document = official_document(directory) if document is None else document
    # json.dumps(document, ensure_ascii=False, indent=1): the same text, by the C encoder.
    (folder / OFFICIAL_FILE).write_text(dumps_indented(document, 1) + "\n", encoding="utf-8")
    text = security_txt(directory)
    if text:
        (folder / "security.txt").write_text(text, encoding="utf-8")


def render_factcheck_page(renderer: Renderer, document: dict[str, Any] | None = None) -> None:
    """*Untuk pemeriksa fakta*: the static JSON lookup, documented with this site's numbers;
    ``document`` is :func:`official_document`'s, when already made."""
    d = renderer.d
    document = official_document(d) if document is None else document
    renderer.page(
        PageRef("pemeriksa-fakta/index.md", "pemeriksa-fakta/"),
        "factcheck.html.j2",
        "Untuk pemeriksa fakta dan platform",
        f"Periksa akun, domain, nomor dan rekening resmi {d.region.name} lewat berkas JSON statis.",
        base=(d.region.site_url or "").rstrip("/"),
        counts={
            "accounts": len(document["accounts"]),
            "domains": len(document["web_domains"]) + len(document["email_domains"]),
            # "kanal resmi lain": the active items besides the domains counted just before
            # (archived or inactive ones are not official now, as for accounts).
            "official": sum(
                item.status.value == "active"
                and item.kind not in (OfficialKind.WEB_DOMAIN, OfficialKind.EMAIL_DOMAIN)
                for owner in [d.region, *d.agencies.values()]
                for item in owner.official
            ),
            "impostors": len(d.impostors),
        },
        security=security_txt(d) is not None,
        index_version=INDEX_VERSION,
        official_version=OFFICIAL_VERSION,
    )
