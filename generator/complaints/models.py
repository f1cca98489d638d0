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
