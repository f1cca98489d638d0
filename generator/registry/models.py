"""Input schema (pydantic, what editors write in YAML) and the validated domain objects.

The pydantic models check structure and types; rules that need more than one field or
more than one file live in ``generator.registry.validate`` so that every problem keeps its place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from generator.registry.official import Never, OfficialIn, OfficialItem, Statements
from generator.registry.settings import ComplaintsIn
from generator.registry.status import STATUS_LABELS, AccountStatus  # noqa: F401  (re-exported)
from generator.safeinput.problems import Location
from generator.safeinput.words import ZONE_SYNONYMS, vocabulary, word_key


class Kind(StrEnum):
    PEMDA = "pemda"
    SEKRETARIAT = "sekretariat"
    INSPEKTORAT = "inspektorat"
    DINAS = "dinas"
    BADAN = "badan"
    SATUAN = "satuan"
    KANTOR = "kantor"
    RSUD = "rsud"
    PUSKESMAS = "puskesmas"
    BUMD = "bumd"
    KABUPATEN = "kabupaten"
    KOTA = "kota"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"
    DESA = "desa"
    LAINNYA = "lainnya"


class Level(StrEnum):
    """The tiers that coverage figures compare: like is compared with like."""

    DAERAH = "daerah"
    OPD = "opd"
    KECAMATAN = "kecamatan"
    DESA = "desa"


KIND_LEVEL = {
    Kind.KABUPATEN: Level.DAERAH,
    Kind.KOTA: Level.DAERAH,
    Kind.KECAMATAN: Level.KECAMATAN,
    Kind.KELURAHAN: Level.DESA,
    Kind.DESA: Level.DESA,
}

KIND_LABELS = {
    Kind.PEMDA: ("Pemerintah Daerah", "Pemerintah Daerah"),
    Kind.SEKRETARIAT: ("Sekretariat", "Sekretariat"),
    Kind.INSPEKTORAT: ("Inspektorat", "Inspektorat"),
    Kind.DINAS: ("Dinas", "Dinas"),
    Kind.BADAN: ("Badan", "Badan"),
    Kind.SATUAN: ("Satuan", "Satuan"),
    Kind.KANTOR: ("Kantor", "Kantor"),
    Kind.RSUD: ("RSUD", "Rumah Sakit Umum Daerah"),
    Kind.PUSKESMAS: ("Puskesmas", "Puskesmas"),
    Kind.BUMD: ("BUMD", "Badan Usaha Milik Daerah"),
    Kind.KABUPATEN: ("Kabupaten", "Kabupaten"),
    Kind.KOTA: ("Kota", "Kota"),
    Kind.KECAMATAN: ("Kecamatan", "Kecamatan"),
    Kind.KELURAHAN: ("Kelurahan", "Kelurahan"),
    Kind.DESA: ("Desa", "Desa"),
    Kind.LAINNYA: ("Lainnya", "Instansi lainnya"),
}

LEVEL_LABELS = {
    Level.DAERAH: "Kabupaten/kota",
    Level.OPD: "Perangkat daerah (OPD)",
    Level.KECAMATAN: "Kecamatan",
    Level.DESA: "Desa/kelurahan",
}

# How many dot-separated parts a Kepmendagri code has at each administrative tier.
CODE_DEPTH = {Kind.KABUPATEN: 2, Kind.KOTA: 2, Kind.KECAMATAN: 3, Kind.KELURAHAN: 4, Kind.DESA: 4}


def level_of(kind: Kind) -> Level:
    return KIND_LEVEL.get(kind, Level.OPD)


class RegionLevel(StrEnum):
    """What a site covers: a province, a regency or city, or the whole country (all units)."""

    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"
    NASIONAL = "nasional"


class Platform(StrEnum):
    INSTAGRAM = "instagram"
    X = "x"
    FACEBOOK = "facebook"
    YOUTUBE = "youtube"
    TIKTOK = "tiktok"
    THREADS = "threads"
    WEBSITE = "website"
    OTHER = "other"


SOCIAL_PLATFORMS = frozenset(
    {
        Platform.INSTAGRAM,
        Platform.X,
        Platform.FACEBOOK,
        Platform.YOUTUBE,
        Platform.TIKTOK,
        Platform.THREADS,
    }
)


class ChannelType(StrEnum):
    WHATSAPP = "whatsapp"
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    WEBSITE = "website"
    COMPLAINT_PORTAL = "complaint_portal"


CHANNEL_LABELS = {
    ChannelType.WHATSAPP: "WhatsApp",
    ChannelType.PHONE: "Telepon",
    ChannelType.SMS: "SMS",
    ChannelType.EMAIL: "Surel",
    ChannelType.WEBSITE: "Situs web",
    ChannelType.COMPLAINT_PORTAL: "Kanal pengaduan",
}


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# The clerk's words for a platform, an account status or a channel type (unambiguous only);
# ``kanal check`` reads them as the value. Anything else gets "maksud Anda" (registry.load).
PLATFORM_SYNONYMS = {
    "twitter": "x",
    "x (twitter)": "x",
    "twitter/x": "x",
    "x/twitter": "x",
    "ig": "instagram",
    "insta": "instagram",
    "fb": "facebook",
    "yt": "youtube",
    "you tube": "youtube",
    "tik tok": "tiktok",
    "web": "website",
    "situs": "website",
    "situs web": "website",
    "lainnya": "other",
}
ACCOUNT_STATUS_SYNONYMS = {
    "aktif": "active",
    "tidak aktif": "inactive",
    "nonaktif": "inactive",
    "non-aktif": "inactive",
    "non aktif": "inactive",
    "diarsipkan": "archived",
    "arsip": "archived",
    "archive": "archived",
}
CHANNEL_TYPE_SYNONYMS = {
    "wa": "whatsapp",
    "whats app": "whatsapp",
    "telepon": "phone",
    "telpon": "phone",
    "telp": "phone",
    "tlp": "phone",
    "surel": "email",
    "e-mail": "email",
    "situs": "website",
    "situs web": "website",
    "web": "website",
    "lapor": "complaint_portal",
    "sp4n-lapor": "complaint_portal",
    "pengaduan": "complaint_portal",
    "portal pengaduan": "complaint_portal",
}
ENUM_WORDS: dict[type, dict[str, str]] = {
    Platform: vocabulary([p.value for p in Platform], PLATFORM_SYNONYMS),
    AccountStatus: vocabulary([s.value for s in AccountStatus], ACCOUNT_STATUS_SYNONYMS),
    ChannelType: vocabulary([c.value for c in ChannelType], CHANNEL_TYPE_SYNONYMS),
}


def _in_words(enum: type, value: object) -> object:
    """A value in the clerk's words as the enum's value (unknown words pass on unchanged)."""
    if isinstance(value, str):
        return ENUM_WORDS[enum].get(word_key(value), value)
    return value


class AccountIn(_Input):
    platform: Platform = Field(
        description="Platform: instagram, x, facebook, youtube, tiktok, threads, website, other."
    )
    handle: str | None = Field(None, description="Nama akun, dengan atau tanpa @.")
    url: str | None = Field(None, description="Alamat profil (https://...).")
    status: AccountStatus = Field(
        description="active, inactive, atau archived (bukan lagi akun resmi)."
    )
    since: dt.date | None = Field(None, description="Tanggal akun mulai resmi (YYYY-MM-DD).")
    reviewed: dt.date = Field(
        description="Tanggal terakhir diperiksa oleh Diskominfo (YYYY-MM-DD)."
    )
    feed: str | None = Field(None, description="Alamat RSS/Atom akun ini, bila ada.")
    note: str | None = Field(None, description="Catatan singkat untuk publik.")

    @field_validator("platform", mode="before")
    @classmethod
    def _platform_words(cls, value: object) -> object:
        return _in_words(Platform, value)

    @field_validator("status", mode="before")
    @classmethod
    def _status_words(cls, value: object) -> object:
        return _in_words(AccountStatus, value)


class ChannelIn(_Input):
    type: ChannelType = Field(
        description="whatsapp, phone, sms, email, website, atau complaint_portal."
    )
    value: str = Field(description="Nomor, alamat surel, atau URL.")
    label: str | None = Field(
        None, description="Keterangan, misalnya 'Layanan pengaduan' atau 'SP4N-LAPOR!'."
    )

    @field_validator("type", mode="before")
    @classmethod
    def _type_words(cls, value: object) -> object:
        return _in_words(ChannelType, value)


class OfficeIn(_Input):
    address: str | None = Field(None, description="Alamat kantor.")
    hours: str | None = Field(None, description="Jam layanan, misalnya 'Senin-Kamis 07.30-16.00'.")


class AgencyIn(_Input):
    id: str = Field(
        description="Pengenal tetap: huruf kecil, angka dan tanda hubung, misalnya 'dinas-kesehatan'."
    )
    name: str = Field(description="Nama resmi lengkap.")
    short_name: str | None = Field(None, description="Singkatan, misalnya 'Dinkes'.")
    kind: Kind = Field(description="Jenis instansi.")
    parent: str | None = Field(
        None, description="id instansi induk (desa/kelurahan: id kecamatannya)."
    )
    region_code: str | None = Field(
        None, description="Kode wilayah Kepmendagri (wajib untuk kecamatan, desa, kelurahan)."
    )
    aliases: list[str] = Field(
        default_factory=list, description="Nama lain yang dipakai di ekspor data pengaduan."
    )
    services: list[str] = Field(
        default_factory=list, description="Layanan atau topik yang ditangani."
    )
    description: str | None = Field(None, description="Uraian singkat tugas instansi.")
    accounts: list[AccountIn] = Field(default_factory=list)
    channels: list[ChannelIn] = Field(default_factory=list)
    official: OfficialIn | None = Field(
        None,
        description="Kanal resmi lain yang sering ditiru penipu: domain web dan surel, pengirim SMS, aplikasi, rekening, virtual account, QRIS, hotline.",
    )
    never: list[Never] = Field(
        default_factory=list,
        description="Pernyataan 'Kami tidak pernah ...': otp, personal_account, apk, free_service_fee, donation, job_fee.",
    )
    never_text: list[str] = Field(
        default_factory=list,
        description="Pernyataan 'Kami tidak pernah ...' lain, sebagai teks (maks. 200 karakter), misalnya 'meminta pulsa'.",
    )
    office: OfficeIn | None = None


class PublisherIn(_Input):
    name: str
    url: str | None = None
    email: str | None = None
    phone: str | None = None


class ThemeIn(_Input):
    id: str = Field(
        description="Pengenal tema: huruf kecil, angka dan tanda hubung, misalnya 'umkm'."
    )
    name: str = Field(description="Nama tema yang ditampilkan, misalnya 'UMKM'.")
    keywords: list[str] = Field(
        min_length=1,
        description="Kata kunci; unggahan dihitung bila judulnya memuat kata yang diawali kata kunci ini (huruf besar/kecil sama).",
    )


class FeedsIn(_Input):
    allow_private: list[str] = Field(
        default_factory=list,
        max_length=100,
        description=(
            "Alamat tidak publik yang boleh diambil feed-nya, hanya untuk server intranet kantor "
            "sendiri: alamat IP ('10.1.2.3'), jaringan ('10.20.0.0/16') atau nama host "
            "('feeds.intranet.example'). Tanpa daftar ini, feed hanya diambil dari alamat publik."
        ),
    )


class RegionIn(_Input):
    name: str = Field(description="Nama daerah, misalnya 'Kabupaten Contoh'.")
    code: str | None = Field(
        None,
        description=(
            "Kode wilayah Kepmendagri daerah ini, misalnya '33.72'; wajib kecuali level: nasional."
        ),
    )
    level: RegionLevel | None = Field(
        None,
        description=(
            "Tingkat situs: provinsi, kabupaten, kota (bawaan: menurut kode), atau nasional "
            "(seluruh Indonesia, tanpa code)."
        ),
    )
    timezone: str = Field(
        description="Zona waktu IANA: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)."
    )
    publisher: PublisherIn
    site_url: str | None = Field(None, description="Alamat publik situs ini.")
    demo: bool = Field(
        False, description="true bila data ini contoh; setiap halaman diberi tanda 'data contoh'."
    )
    extra_region_codes: str | None = Field(
        None,
        description="Berkas CSV (kode,nama) berisi kode wilayah tambahan, hanya untuk data contoh.",
    )
    themes: list[ThemeIn] = Field(
        default_factory=list,
        description="Tema prioritas daerah beserta kata kuncinya; unggahan setiap instansi dihitung per tema.",
    )
    complaints: ComplaintsIn | None = Field(
        None,
        description="Pengaturan kinerja layanan aduan: target, jam kerja, libur daerah, periode.",
    )
    feeds: FeedsIn | None = Field(None, description="Pengaturan pengambilan feed unggahan.")
    official: OfficialIn | None = Field(
        None,
        description="Kanal resmi daerah yang sering ditiru penipu: domain web dan surel, pengirim SMS, aplikasi, rekening, virtual account, QRIS, hotline.",
    )
    never: list[Never] = Field(
        default_factory=list,
        description="Pernyataan 'Kami tidak pernah ...' untuk seluruh daerah: otp, personal_account, apk, free_service_fee, donation, job_fee.",
    )
    never_text: list[str] = Field(
        default_factory=list,
        description="Pernyataan 'Kami tidak pernah ...' lain, sebagai teks (maks. 200 karakter).",
    )

    @field_validator("timezone", mode="before")
    @classmethod
    def _zone_words(cls, value: object) -> object:
        """``WIB``, ``WITA``, ``WIT`` as their IANA zones."""
        if isinstance(value, str):
            return ZONE_SYNONYMS.get(word_key(value), value)
        return value


# ---------------------------------------------------------------------------
# Validated domain objects


@dataclass(frozen=True)
class Account:
    platform: Platform
    handle: str | None
    shown: str  # as people read it: "@dinkes.contoh", "youtube.com/channel/UC..."
    url: str
    key: str
    status: AccountStatus
    since: dt.date | None
    reviewed: dt.date
    note: str | None
    feed: str | None


@dataclass(frozen=True)
class Channel:
    type: ChannelType
    value: str  # canonical: E.164 for numbers (short service numbers as dialled: 112, 1708),
    # lower-case address for e-mail, URL otherwise
    display: str  # as shown to people (Indonesian number format)
    href: str
    label: str | None


@dataclass
class Agency:
    id: str
    name: str
    short_name: str | None
    kind: Kind
    parent: str | None
    region_code: str | None
    aliases: list[str]
    services: list[str]
    description: str | None
    accounts: list[Account]
    channels: list[Channel]
    address: str | None
    hours: str | None
    source: Location
    children: list[str] = field(default_factory=list)
    # Official channels beyond accounts and contacts (generator.registry.official), and the
    # agency's "Kami tidak pernah ..." statements.
    official: tuple[OfficialItem, ...] = ()
    never: Statements = field(default_factory=Statements)

    @property
    def level(self) -> Level:
        return level_of(self.kind)

    @property
    def active_accounts(self) -> list[Account]:
        return [a for a in self.accounts if a.status is AccountStatus.ACTIVE]

    @property
    def active_social(self) -> list[Account]:
        """Active accounts on social platforms: what coverage counts (websites do not)."""
        return [a for a in self.active_accounts if a.platform in SOCIAL_PLATFORMS]

    @property
    def last_reviewed(self) -> dt.date | None:
        return max((a.reviewed for a in self.accounts), default=None)


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str | None
    email: str | None
    phone: str | None
    channels: tuple[Channel, ...] = ()  # phone, e-mail, website: validated, shown as tap targets


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Region:
    name: str
    code: str  # "" for a national site (level: nasional): every Kepmendagri code lies within it
    timezone: str
    publisher: Publisher
    site_url: str | None
    demo: bool
    themes: tuple[Theme, ...] = ()
    feed_allow_private: tuple[str, ...] = ()  # region.yml feeds.allow_private, normalized
    official: tuple[OfficialItem, ...] = ()  # the region's own official channels
    never: Statements = field(default_factory=Statements)  # region-wide statements

    @property
    def national(self) -> bool:
        return self.code == ""


@dataclass
class Directory:
    """Everything the site is made of, after validation."""

    region: Region
    agencies: dict[str, Agency]
    region_names: dict[str, str]  # Kepmendagri code -> official name, for codes in use
    today: dt.date
    # The region's official units that coverage counts (kecamatan and villages of a regency or
    # city, regencies and cities of a province): code -> official name.
    official: dict[str, str] = field(default_factory=dict)
    # Known impostors from data/impostors.yml (generator.registry.impostors.Impostor).
    impostors: tuple[Any, ...] = ()
    # Not None: a partial directory (registry errors; never published), built only to check
    # the complaint records and post files against the agencies that are well formed, in the
    # same run. It maps each name of an agency that failed its own checks (id, name, short
    # name, alias; the file name of a file that is not YAML) to its id: a record naming one
    # is not reported as naming an unknown agency.
    unchecked: dict[str, str] | None = None

    def by_level(self, level: Level) -> list[Agency]:
        return [a for a in self.agencies.values() if a.level is level]
