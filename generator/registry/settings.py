"""The region's settings for its features: the ``complaints:`` section of ``region.yml``.

They belong to the registry because ``region.yml`` does; the complaint records themselves are
the complaints feature's (``generator.complaints.models``). Depends on pydantic only.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


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


# The categories a region uses when region.yml states none: the topics of SP4N-LAPOR! and of
# regional complaint desks, in the words citizens use. A complaint's category must be one of
# the region's list (a person's name typed as a category was once published).
DEFAULT_CATEGORIES = [
    "administrasi kependudukan",
    "air bersih",
    "bangunan dan tata ruang",
    "bantuan sosial",
    "bencana",
    "drainase dan banjir",
    "jalan rusak",
    "jembatan",
    "kepegawaian",
    "ketenagakerjaan",
    "ketertiban umum",
    "layanan kesehatan",
    "lingkungan hidup",
    "pajak daerah",
    "pariwisata dan kebudayaan",
    "pasar dan harga",
    "pencemaran",
    "pendidikan",
    "penerangan jalan",
    "perizinan",
    "pertanian dan peternakan",
    "perumahan",
    "pungutan liar",
    "sampah",
    "transportasi",
    "lainnya",
]


class ComplaintsIn(_Input):
    """The region's complaint settings; every field has a documented default."""

    categories: list[str] | None = Field(
        None,
        description=(
            "Daftar kategori aduan daerah ini; kategori setiap aduan harus salah satunya. "
            "Bawaan: daftar topik SP4N-LAPOR! (administrasi kependudukan, jalan rusak, ..., lainnya)."
        ),
    )

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

    def category_list(self) -> list[str]:
        """The region's categories: its own list, or DEFAULT_CATEGORIES."""
        return list(self.categories) if self.categories else list(DEFAULT_CATEGORIES)
