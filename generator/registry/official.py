"""Every official channel a scammer copies, beyond social-media accounts and contact channels.

An agency file and ``region.yml`` may both carry an ``official:`` block (web domains, e-mail
domains, SMS senders, apps, bank accounts, virtual-account prefixes, QRIS merchants, hotlines),
each item with a status and review date as accounts have, and ``never:`` statements ("Kami
tidak pernah ..."): keys from :data:`NEVER_TEXTS` plus optional free text in ``never_text``.

The input models (pydantic) are here with the validated, canonical objects; the checks that
turn one into the other live in :mod:`generator.registry.officialcheck`. Every validated item
has a ``key``: the canonical form the checker looks up (see :data:`KEY_FORMS`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from generator.registry.status import AccountStatus


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Never(StrEnum):
    """The fixed vocabulary of "Kami tidak pernah ..." statements."""

    OTP = "otp"
    PERSONAL_ACCOUNT = "personal_account"
    APK = "apk"
    FREE_SERVICE_FEE = "free_service_fee"
    DONATION = "donation"
    JOB_FEE = "job_fee"


# Each text completes "Kami tidak pernah ...": shown as a list under that heading.
NEVER_TEXTS: dict[Never, str] = {
    Never.OTP: "meminta kode OTP, PIN atau kata sandi Anda.",
    Never.PERSONAL_ACCOUNT: "meminta transfer ke rekening pribadi; pembayaran resmi hanya ke rekening atas nama instansi.",
    Never.APK: "mengirim aplikasi (berkas .apk) lewat WhatsApp; aplikasi resmi hanya dari Google Play atau App Store.",
    Never.FREE_SERVICE_FEE: "memungut biaya untuk layanan yang gratis.",
    Never.DONATION: "meminta sumbangan atau hibah lewat pesan pribadi.",
    Never.JOB_FEE: "meminta bayaran untuk penerimaan pegawai (CPNS, PPPK, honorer).",
}

NEVER_TEXT_MAX = 200  # characters of one free-text statement: it must fit a poster line


class OfficialKind(StrEnum):
    WEB_DOMAIN = "web_domain"
    EMAIL_DOMAIN = "email_domain"
    SMS_SENDER = "sms_sender"
    APP = "app"
    BANK_ACCOUNT = "bank_account"
    VIRTUAL_ACCOUNT = "virtual_account"
    QRIS = "qris"
    HOTLINE = "hotline"


OFFICIAL_LABELS = {
    OfficialKind.WEB_DOMAIN: "Domain situs web",
    OfficialKind.EMAIL_DOMAIN: "Domain surel",
    OfficialKind.SMS_SENDER: "Pengirim SMS",
    OfficialKind.APP: "Aplikasi",
    OfficialKind.BANK_ACCOUNT: "Rekening bank",
    OfficialKind.VIRTUAL_ACCOUNT: "Virtual account",
    OfficialKind.QRIS: "QRIS",
    OfficialKind.HOTLINE: "Hotline",
}

# The canonical key of each kind, as the checker index carries it.
KEY_FORMS = {
    OfficialKind.WEB_DOMAIN: "host in lower-case ASCII (IDN as xn--), e.g. contohkab.go.id",
    OfficialKind.EMAIL_DOMAIN: "domain in lower-case ASCII, e.g. contohkab.go.id",
    OfficialKind.SMS_SENDER: "sender ID in upper case (PEMKABCTH) or short code digits (1708)",
    OfficialKind.APP: "play:<package id> and/or appstore:<numeric id>",
    OfficialKind.BANK_ACCOUNT: "<bank code>:<digits>, e.g. bri:002101000123503",
    OfficialKind.VIRTUAL_ACCOUNT: "<bank code>:<prefix digits>",
    OfficialKind.QRIS: "merchant name folded (upper case, single spaces); nmid:<NMID> too",
    OfficialKind.HOTLINE: "E.164 (+62...) or short service number as dialled (112, 1500123)",
}


class _Stated(_Input):
    status: AccountStatus = Field(description="active, inactive, atau archived (bukan lagi resmi).")
    since: dt.date | None = Field(None, description="Tanggal mulai resmi (YYYY-MM-DD).")
    reviewed: dt.date = Field(description="Tanggal terakhir diperiksa oleh pengelola (YYYY-MM-DD).")
    note: str | None = Field(None, description="Catatan singkat untuk publik.")


class WebDomainIn(_Stated):
    domain: str = Field(description="Nama domain tanpa https://, misalnya 'contohkab.go.id'.")
    subdomains: bool = Field(
        False,
        description="true: setiap subdomain (*.contohkab.go.id) juga resmi. 'contohkab.go.id.lain.com' tidak pernah.",
    )


class EmailDomainIn(_Stated):
    domain: str = Field(
        description="Domain alamat surel resmi, misalnya 'contohkab.go.id' (surel @contohkab.go.id)."
    )


class SmsSenderIn(_Stated):
    sender: str = Field(
        description="Nama pengirim SMS (sender ID, maks. 11 huruf/angka, misalnya 'PEMKABCTH') atau kode singkat (misalnya '1708')."
    )


class AppIn(_Stated):
    name: str = Field(description="Nama aplikasi seperti tertulis di toko aplikasi.")
    developer: str = Field(
        description="Nama pengembang seperti tertulis di Google Play / App Store."
    )
    google_play: str | None = Field(
        None,
        description="ID paket Google Play (misalnya 'id.go.contohkab.layanan') atau tautan play.google.com.",
    )
    app_store: str | None = Field(
        None, description="ID App Store (angka, misalnya '1234567890') atau tautan apps.apple.com."
    )


class BankAccountIn(_Stated):
    bank: str = Field(description="Nama bank, misalnya 'BRI', 'Bank Jateng'.")
    number: str = Field(description="Nomor rekening (tanda pisah dan spasi boleh).")
    holder: str = Field(
        description="Pemilik rekening: harus lembaga (misalnya 'RKUD Kabupaten Contoh'), tidak pernah orang."
    )
    purpose: str | None = Field(None, description="Untuk apa, misalnya 'Pajak daerah (PBB-P2)'.")


class VirtualAccountIn(_Stated):
    bank: str = Field(description="Nama bank penerbit virtual account.")
    prefix: str = Field(description="Awalan nomor virtual account (angka), misalnya '88810'.")
    purpose: str | None = Field(None, description="Untuk apa, misalnya 'Retribusi pasar'.")


class QrisIn(_Stated):
    merchant: str = Field(description="Nama merchant seperti tercetak pada QRIS.")
    nmid: str | None = Field(
        None, description="National Merchant ID pada QRIS, misalnya 'ID1020012345678'."
    )
    purpose: str | None = Field(None, description="Untuk apa, misalnya 'Retribusi parkir'.")


class HotlineIn(_Stated):
    number: str = Field(
        description="Nomor hotline: nomor lengkap atau nomor layanan singkat (112)."
    )
    label: str | None = Field(None, description="Keterangan, misalnya 'Call center 24 jam'.")


class OfficialIn(_Input):
    web_domains: list[WebDomainIn] = Field(default_factory=list)
    email_domains: list[EmailDomainIn] = Field(default_factory=list)
    sms_senders: list[SmsSenderIn] = Field(default_factory=list)
    apps: list[AppIn] = Field(default_factory=list)
    bank_accounts: list[BankAccountIn] = Field(default_factory=list)
    virtual_accounts: list[VirtualAccountIn] = Field(default_factory=list)
    qris: list[QrisIn] = Field(default_factory=list)
    hotlines: list[HotlineIn] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# Validated objects


@dataclass(frozen=True)
class OfficialItem:
    """One official channel, canonical. ``keys`` are what the checker looks up (an app has
    one per store); ``display`` is how people read it; ``detail`` the other facts shown
    (developer, bank and holder, purpose, label), in order, as (label, value) pairs."""

    kind: OfficialKind
    keys: tuple[str, ...]
    display: str
    status: AccountStatus
    since: dt.date | None
    reviewed: dt.date
    note: str | None
    detail: tuple[tuple[str, str], ...] = ()
    subdomains: bool = False  # web domains only: every *.domain is official too
    href: str | None = None  # a link to follow (the store page, tel:), when there is one


@dataclass(frozen=True)
class Statements:
    """ "Kami tidak pernah ..." lines: fixed keys (texts in NEVER_TEXTS) and free text."""

    keys: tuple[Never, ...] = ()
    texts: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        return [NEVER_TEXTS[k] for k in self.keys] + list(self.texts)

    def __bool__(self) -> bool:
        return bool(self.keys or self.texts)


def active(items: tuple[OfficialItem, ...]) -> list[OfficialItem]:
    return [i for i in items if i.status is AccountStatus.ACTIVE]


def merged_lines(own: Statements, region: Statements) -> list[str]:
    """An agency's statements, then the region's it does not repeat: what its page and poster
    show under "Kami tidak pernah ..."."""
    keys = list(own.keys) + [k for k in region.keys if k not in own.keys]
    texts = list(own.texts) + [t for t in region.texts if t not in own.texts]
    return [NEVER_TEXTS[k] for k in keys] + texts
