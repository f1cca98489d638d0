"""The complaint record and the region's ``complaints:`` settings (pydantic, extra="forbid").

Imported by ``generator.registry.models`` for ``RegionIn``, so this module depends on pydantic only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Channel(StrEnum):
    INSTAGRAM = "instagram"
    X = "x"
    FACEBOOK = "facebook"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"
    WHATSAPP = "whatsapp"
    LAPOR = "lapor"
    PORTAL = "portal"
    EMAIL = "email"
    PHONE = "phone"
    SMS = "sms"
    WALK_IN = "walk-in"
    LETTER = "letter"
    OTHER = "other"


CHANNEL_LABELS = {
    Channel.INSTAGRAM: "Instagram",
    Channel.X: "X (Twitter)",
    Channel.FACEBOOK: "Facebook",
    Channel.TIKTOK: "TikTok",
    Channel.YOUTUBE: "YouTube",
    Channel.WHATSAPP: "WhatsApp",
    Channel.LAPOR: "SP4N-LAPOR!",
    Channel.PORTAL: "Portal pengaduan daerah",
    Channel.EMAIL: "Surel",
    Channel.PHONE: "Telepon",
    Channel.SMS: "SMS",
    Channel.WALK_IN: "Datang langsung",
    Channel.LETTER: "Surat",
    Channel.OTHER: "Lainnya",
}


class Status(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    REJECTED = "rejected"


STATUS_LABELS = {
    Status.OPEN: "Masih terbuka",
    Status.RESOLVED: "Selesai",
    Status.REJECTED: "Ditolak / di luar kewenangan",
}

# The clerk's words for a channel or a status, accepted as they are (``kanal check`` reads them
# as the value; see generator.safeinput.words). Only words that mean one value unambiguously.
CHANNEL_SYNONYMS = {
    "ig": "instagram",
    "insta": "instagram",
    "twitter": "x",
    "x (twitter)": "x",
    "twitter/x": "x",
    "x/twitter": "x",
    "fb": "facebook",
    "tik tok": "tiktok",
    "yt": "youtube",
    "you tube": "youtube",
    "wa": "whatsapp",
    "whats app": "whatsapp",
    "whatsapp business": "whatsapp",
    "sp4n-lapor": "lapor",
    "sp4n lapor": "lapor",
    "lapor.go.id": "lapor",
    "web": "portal",
    "website": "portal",
    "situs": "portal",
    "portal pengaduan": "portal",
    "aplikasi": "portal",
    "e-mail": "email",
    "surel": "email",
    "mail": "email",
    "telepon": "phone",
    "telpon": "phone",
    "telp": "phone",
    "tlp": "phone",
    "call center": "phone",
    "hotline": "phone",
    "pesan singkat": "sms",
    "datang langsung": "walk-in",
    "langsung": "walk-in",
    "tatap muka": "walk-in",
    "loket": "walk-in",
    "walk in": "walk-in",
    "walkin": "walk-in",
    "surat": "letter",
    "surat tertulis": "letter",
    "lainnya": "other",
    "lain-lain": "other",
}
STATUS_SYNONYMS = {
    "baru": "open",
    "terbuka": "open",
    "belum selesai": "open",
    "proses": "open",
    "diproses": "open",
    "dalam proses": "open",
    "sedang diproses": "open",
    "ditindaklanjuti": "open",
    "menunggu": "open",
    "belum diverifikasi": "open",
    "terverifikasi": "open",
    "didisposisi": "open",
    "pending": "open",
    "belum ditanggapi": "open",
    "belum direspon": "open",
    "belum ditindaklanjuti": "open",
    "dalam penanganan": "open",
    "sedang ditangani": "open",
    "selesai": "resolved",
    "sudah selesai": "resolved",
    "tuntas": "resolved",
    "beres": "resolved",
    "closed": "resolved",
    "done": "resolved",
    "ditolak": "rejected",
    "tolak": "rejected",
    "bukan kewenangan": "rejected",
    "tidak dapat diproses": "rejected",
    "diarsipkan": "rejected",
}

# Columns of the complaint CSV (and keys of a YAML record), in the order files are written.
COLUMNS = [
    "id",
    "agency",
    "channel",
    "category",
    "received",
    "first_response",
    "resolved",
    "status",
    "kecamatan",
    "summary",
    "timezone",
]
REQUIRED = ("id", "agency", "channel", "category", "received", "status")
# Personal data a complaint export may carry; never accepted in data/complaints/.
PERSONAL_COLUMNS = {
    "name",
    "nama",
    "nama_pelapor",
    "nik",
    "phone",
    "telepon",
    "no_telepon",
    "hp",
    "email",
    "surel",
    "address",
    "alamat",
}


class ComplaintIn(_Input):
    """One record in a YAML complaint file; every value is text until checked."""

    id: str | None = None
    agency: str | None = None
    channel: str | None = None
    category: str | None = None
    received: str | None = None
    first_response: str | None = None
    resolved: str | None = None
    status: str | None = None
    kecamatan: str | None = None
    summary: str | None = None
    timezone: str | None = None


class ComplaintFileIn(_Input):
    timezone: str | None = Field(
        None,
        description="Zona waktu IANA untuk waktu tanpa offset di berkas ini, misalnya Asia/Jakarta.",
    )
    complaints: list[ComplaintIn] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Complaint:
    """A validated public record; times are aware datetimes in the region's time zone."""

    id: str
    agency: str
    channel: Channel
    category: str
    received: dt.datetime
    first_response: dt.datetime | None
    resolved: dt.datetime | None
    status: Status
    kecamatan: str | None
    summary: str | None
