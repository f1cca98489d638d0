"""The complaint record and the region's ``complaints:`` settings (pydantic, extra="forbid").

Imported by ``generator.models`` for ``RegionIn``, so this module depends on pydantic only.
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


class TargetIn(_Input):
    first_response_days: int = Field(
        3, ge=1, le=365, description="Batas hari kerja untuk tanggapan pertama."
    )
    resolution_days: int = Field(
        14, ge=1, le=365, description="Batas hari kerja sampai aduan selesai."
    )


class HolidayIn(_Input):
    date: dt.date = Field(description="Tanggal libur daerah (TTTT-BB-HH).")
    name: str = Field(description="Nama hari libur, misalnya 'Hari Jadi Kabupaten'.")


class OfficeHoursIn(_Input):
    start: dt.time = Field(dt.time(8, 0), description="Jam buka kantor, misalnya 08:00.")
    end: dt.time = Field(dt.time(16, 0), description="Jam tutup kantor, misalnya 16:00.")


class PeriodIn(_Input):
    start: dt.date = Field(description="Hari pertama periode laporan (TTTT-BB-HH).")
    end: dt.date = Field(description="Hari terakhir periode laporan (TTTT-BB-HH).")


class ComplaintsIn(_Input):
    """The region's complaint settings; every field has a documented default."""

    default_target: TargetIn = Field(
        default_factory=TargetIn,
        description="Target bawaan untuk semua kategori: tanggapan pertama 3 hari kerja, selesai 14 hari kerja.",
    )
    field_check_categories: list[str] = Field(
        default_factory=list,
        description="Kategori yang perlu pemeriksaan lapangan; target selesainya field_check_resolution_days.",
    )
    field_check_resolution_days: int = Field(
        60,
        ge=1,
        le=365,
        description="Batas hari kerja selesai untuk kategori pemeriksaan lapangan.",
    )
    targets: dict[str, TargetIn] = Field(
        default_factory=dict, description="Target khusus per kategori (nama kategori: target)."
    )
    min_records: int = Field(
        10,
        ge=1,
        description="Jumlah aduan minimal dalam periode agar instansi masuk peringkat.",
    )
    office_hours: OfficeHoursIn = Field(
        default_factory=OfficeHoursIn,
        description="Jam kerja kantor (Senin-Jumat) untuk menghitung jam kerja.",
    )
    local_holidays: list[HolidayIn] = Field(
        default_factory=list,
        description="Hari libur daerah, selain libur nasional dan cuti bersama.",
    )
    publish_summaries: bool = Field(
        False,
        description=(
            "true: ringkasan aduan diterbitkan setelah data pribadi disamarkan. "
            "Bawaan false: ringkasan tidak diterbitkan sama sekali (UU 27/2022 PDP)."
        ),
    )
    withhold_summaries: bool | None = Field(
        None,
        description="Usang: ringkasan kini tidak diterbitkan kecuali publish_summaries: true.",
    )
    period: PeriodIn | None = Field(
        None,
        description="Periode laporan; bawaan: 12 bulan penuh yang berakhir pada bulan sebelum hari ini.",
    )
    licence: str = Field(
        "CC-BY-4.0", description="Lisensi data terbuka (pengenal SPDX), bawaan CC-BY-4.0."
    )


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
