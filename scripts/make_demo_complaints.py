"""Generate a year of realistic demo complaint records for "Kabupaten Contoh".

    python scripts/make_demo_complaints.py

Writes ``data/complaints/*.csv`` (times with offsets) and a small YAML file (bare times with a
file-level ``timezone:``), and adds a ``complaints:`` section to ``data/region.yml`` when it has
none. Deterministic (``random.Random(2026)``). Records run from 2025-11-01 to 2026-11-20 and
include the Idul Fitri 2026 cuti bersama, slow agencies, late answers, open and overdue cases,
rejected ones, and one agency under the minimum sample. Summaries contain no personal data:
the script runs them through the redaction and stops if anything would be redacted.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.complaints.models import COLUMNS  # noqa: E402
from generator.complaints.workdays import national_holidays  # noqa: E402
from generator.safeinput.privacy import Redactions, redact  # noqa: E402

DATA = ROOT / "data"
OUT = DATA / "complaints"
TZ = dt.timezone(dt.timedelta(hours=7))
START = dt.datetime(2025, 11, 1, tzinfo=TZ)
END = dt.datetime(2026, 11, 20, 15, 0, tzinfo=TZ)  # the export date: nothing after it
LOCAL_HOLIDAY = dt.date(2026, 7, 15)  # Hari Jadi Kabupaten Contoh (fictional)

REGION_SECTION = """
complaints:
  # Kinerja layanan aduan: target dalam hari kerja; lihat halaman Metodologi.
  default_target:
    first_response_days: 3
    resolution_days: 14
  field_check_categories: [jalan rusak, drainase dan banjir, bangunan dan tata ruang]
  field_check_resolution_days: 60
  targets:
    layanan kesehatan:
      first_response_days: 1
      resolution_days: 7
  min_records: 10
  office_hours:
    start: "07:30"
    end: "16:00"
  local_holidays:
    - date: 2026-07-15
      name: Hari Jadi Kabupaten Contoh
  period:
    start: 2025-11-01
    end: 2026-10-31
  # Ringkasan aduan tidak diterbitkan kecuali diaktifkan di sini. Demo ini menerbitkannya untuk
  # menunjukkan penyamaran: nama, alamat, RT/RW, NIK/KK, telepon, rekening, kendaraan dan surel
  # diganti penanda, dan kanal check mencantumkan setiap ringkasan yang disamarkan.
  publish_summaries: true
"""

# agency id: (weight, categories, speed: typical working days to first response, resolution scale)
AGENCIES = {
    "dinas-pupr": (14, ["jalan rusak", "drainase dan banjir", "bangunan dan tata ruang"], 4.0, 1.6),
    "dinas-perkim": (6, ["penerangan jalan", "bangunan dan tata ruang"], 2.0, 1.0),
    "dinas-lingkungan-hidup": (9, ["sampah", "pencemaran"], 1.5, 0.8),
    "perumda-air-minum": (8, ["air bersih"], 0.8, 0.6),
    "dinas-dukcapil": (12, ["administrasi kependudukan"], 0.6, 0.5),
    "dinas-kesehatan": (5, ["layanan kesehatan"], 1.0, 0.7),
    "rsud-contoh": (7, ["layanan kesehatan"], 0.5, 0.5),
    "puskesmas-sukamaju": (2, ["layanan kesehatan"], 1.2, 0.6),
    "dinas-pendidikan": (6, ["pendidikan"], 3.0, 1.2),
    "dinas-sosial": (7, ["bantuan sosial"], 5.0, 1.8),
    "dpmptsp": (4, ["perizinan"], 1.0, 0.8),
    "satpol-pp": (4, ["ketertiban umum", "bangunan dan tata ruang"], 2.5, 1.0),
    "dinas-perhubungan": (5, ["transportasi", "penerangan jalan"], 2.0, 1.0),
    "dinas-perdagangan": (3, ["pasar dan harga"], 1.5, 0.8),
    "bapenda": (3, ["pajak daerah"], 1.0, 0.6),
    "bkpsdm": (1.5, ["kepegawaian"], 6.0, 1.5),
    "dinas-tenaga-kerja": (1.5, ["ketenagakerjaan"], 3.5, 1.4),
    "kecamatan-sukamaju": (2, ["administrasi kependudukan", "lainnya"], 1.5, 0.8),
    "kecamatan-tegalrejo": (2, ["administrasi kependudukan", "lainnya"], 2.5, 1.0),
    "dinas-perpustakaan-kearsipan": (0, ["lainnya"], 2.0, 1.0),  # under the minimum: 6 records
}
CHANNELS = [
    ("lapor", 30),
    ("whatsapp", 22),
    ("instagram", 16),
    ("portal", 10),
    ("facebook", 8),
    ("x", 6),
    ("walk-in", 5),
    ("email", 2),
    ("tiktok", 1),
]
FIELD_CHECK = {"jalan rusak", "drainase dan banjir", "bangunan dan tata ruang"}
SUMMARIES = {
    "jalan rusak": [
        "Jalan berlubang di ruas {place}, membahayakan pengendara motor malam hari.",
        "Aspal jalan desa di {place} mengelupas setelah hujan deras.",
        "Jembatan kecil di {place} retak, mohon diperiksa.",
    ],
    "drainase dan banjir": [
        "Saluran air di {place} tersumbat, air meluap ke jalan saat hujan.",
        "Genangan setinggi betis di {place} tidak surut dua hari.",
    ],
    "bangunan dan tata ruang": [
        "Bangunan di bantaran sungai {place} diduga tanpa izin.",
        "Trotoar di {place} dipakai untuk bangunan permanen.",
    ],
    "penerangan jalan": [
        "Lampu penerangan jalan di {place} mati sejak seminggu.",
        "Tiang lampu jalan di {place} miring dan berbahaya.",
    ],
    "sampah": [
        "Tumpukan sampah di TPS {place} belum diangkut sejak beberapa hari.",
        "Pembakaran sampah terbuka di {place} mengganggu warga.",
    ],
    "pencemaran": ["Air sungai di {place} berbau dan berwarna keruh, diduga limbah usaha."],
    "air bersih": [
        "Air PDAM di {place} tidak mengalir sejak pagi.",
        "Air keruh keluar dari keran di {place}.",
        "Tagihan air bulan ini naik tidak wajar.",
    ],
    "administrasi kependudukan": [
        "Pencetakan KTP-el belum selesai setelah rekam data bulan lalu.",
        "Antrean layanan akta kelahiran terlalu panjang.",
        "Perubahan data KK belum diproses.",
    ],
    "layanan kesehatan": [
        "Antrean poli di {place} sangat lama, petugas pendaftaran kurang.",
        "Obat tidak tersedia di apotek fasilitas kesehatan.",
        "Jadwal praktik dokter tidak sesuai pengumuman.",
    ],
    "pendidikan": [
        "Pungutan di sekolah tanpa penjelasan kepada orang tua.",
        "Atap ruang kelas sekolah dasar di {place} bocor.",
        "Informasi jalur zonasi PPDB kurang jelas.",
    ],
    "bantuan sosial": [
        "Keluarga kurang mampu di {place} belum terdaftar penerima bantuan.",
        "Penyaluran bantuan pangan di {place} terlambat.",
    ],
    "perizinan": [
        "Permohonan izin usaha daring belum ada kabar.",
        "Persyaratan PBG di situs berbeda dengan di loket.",
    ],
    "ketertiban umum": [
        "Pedagang kaki lima menutup trotoar di {place}.",
        "Balap liar tiap malam Minggu di {place}.",
    ],
    "transportasi": [
        "Rambu lalu lintas di simpang {place} hilang.",
        "Angkutan desa tidak beroperasi di jalur {place}.",
        "Parkir liar di depan pasar {place} menyebabkan macet.",
    ],
    "pasar dan harga": [
        "Harga minyak goreng di pasar {place} jauh di atas HET.",
        "Atap los pasar {place} bocor.",
    ],
    "pajak daerah": [
        "Tagihan PBB tidak sesuai luas tanah.",
        "Pembayaran pajak daerah daring gagal tetapi saldo terpotong.",
    ],
    "kepegawaian": [
        "Tunjangan guru honorer terlambat dibayarkan.",
        "Pengumuman hasil seleksi PPPK belum jelas.",
    ],
    "ketenagakerjaan": [
        "Pesangon pekerja pabrik di {place} belum dibayar.",
        "Informasi pelatihan kerja sulit didapat.",
    ],
    "lainnya": [
        "Permintaan informasi jam layanan kantor.",
        "Usulan penambahan bangku di taman {place}.",
        "Pertanyaan tentang layanan arsip dan perpustakaan keliling.",
    ],
}
PLACES = [
    "Sukamaju",
    "Tegalrejo",
    "Cibening",
    "Banjarharjo",
    "Purwosari",
    "Wonorejo",
    "Margahayu",
    "Kedungjati",
]


class Office:
    """Next office moment on a working day, for realistic answer times."""

    def __init__(self) -> None:
        self.off = set(national_holidays(range(2025, 2028))) | {LOCAL_HOLIDAY}

    def workday(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.off

    def next_open(self, t: dt.datetime) -> dt.datetime:
        opening, closing = dt.time(7, 30), dt.time(16, 0)
        while True:
            if self.workday(t.date()) and opening <= t.time() < closing:
                return t
            if self.workday(t.date()) and t.time() < opening:
                return t.replace(hour=7, minute=30)
            t = (t + dt.timedelta(days=1)).replace(hour=7, minute=30)

    def add_workdays(self, t: dt.datetime, days: int) -> dt.datetime:
        while days > 0:
            t += dt.timedelta(days=1)
            if self.workday(t.date()):
                days -= 1
        return t


def received_time(rng: random.Random, channel: str) -> dt.datetime:
    span = (END - START).total_seconds() - 5 * 86400
    while True:
        t = START + dt.timedelta(seconds=rng.random() * span)
        # Lebaran 2026 (Idul Fitri 20-24 March): complaints pile up in the week before.
        if rng.random() < 0.04:
            t = dt.datetime(2026, 3, 12, tzinfo=TZ) + dt.timedelta(days=rng.random() * 12)
        hour = (
            rng.choice(range(7, 16))
            if channel in ("walk-in", "lapor", "portal")
            else rng.choice(range(6, 23))
        )
        t = t.replace(hour=hour, minute=rng.randrange(60), second=0, microsecond=0)
        if channel == "walk-in" and not Office().workday(t.date()):
            continue
        return t


def main() -> None:
    rng = random.Random(2026)
    office = Office()
    rows: list[dict[str, str]] = []
    weights = {a: w for a, (w, *_rest) in AGENCIES.items() if w}
    total = 5200
    agencies = rng.choices(list(weights), weights=list(weights.values()), k=total)
    agencies += ["dinas-perpustakaan-kearsipan"] * 6
    channels, channel_weights = zip(*CHANNELS, strict=True)
    found = Redactions()
    for n, agency in enumerate(agencies, 1):
        _, categories, speed, res_scale = AGENCIES[agency]
        channel = rng.choices(channels, weights=channel_weights)[0]
        category = rng.choice(categories)
        received = received_time(rng, channel)
        # First response: working days drawn around the agency's typical speed, some late.
        lag = int(rng.expovariate(1 / speed)) if rng.random() > 0.1 else rng.randint(5, 15)
        first = office.next_open(
            office.add_workdays(received, lag) + dt.timedelta(hours=rng.random() * 5)
        )
        if first < received:
            first = office.next_open(received)
        resolution_days = int(
            rng.expovariate(1 / ((30 if category in FIELD_CHECK else 7) * res_scale))
        )
        resolved = office.next_open(
            office.add_workdays(first, resolution_days) + dt.timedelta(hours=rng.random() * 6)
        )
        status = "rejected" if rng.random() < 0.06 else "resolved"
        if status == "rejected":
            resolved = first
        unanswered = rng.random() < (0.05 if speed >= 4 else 0.01)
        if resolved > END or unanswered:
            status, resolved = "open", None
        if first > END or unanswered:
            first = None
        prefix = "LPR" if channel == "lapor" else "ADU"
        place = rng.choice(PLACES)
        template = rng.choice(SUMMARIES[category])
        summary = template.format(place=place)
        if redact(summary, found) != summary:
            raise SystemExit(f"summary would be redacted: {summary!r}")
        rows.append(
            {
                "id": f"{prefix}-{received:%y%m}-{n:05d}",
                "agency": agency,
                "channel": channel,
                "category": category,
                "received": received.isoformat(timespec="minutes"),
                "first_response": first.isoformat(timespec="minutes") if first else "",
                "resolved": resolved.isoformat(timespec="minutes") if resolved else "",
                "status": status,
                "kecamatan": place if "{place}" in template else "",
                "summary": summary,
                "timezone": "",
            }
        )
    assert found.total == 0
    rows.sort(key=lambda r: r["received"])
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    fields = [c for c in COLUMNS if c != "timezone"]
    groups = {
        "lapor.csv": [r for r in rows if r["channel"] == "lapor"],
        "media-sosial.csv": [
            r for r in rows if r["channel"] in ("instagram", "facebook", "x", "tiktok")
        ],
        "whatsapp-portal-surel.csv": [
            r for r in rows if r["channel"] in ("whatsapp", "portal", "email")
        ],
    }
    walk_in = [r for r in rows if r["channel"] == "walk-in"]
    for name, group in groups.items():
        with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fields, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            writer.writerows(group)
    lines = [
        "# Aduan yang datang langsung ke loket (dicatat petugas). Waktu tanpa offset: zona di bawah.",
        "timezone: Asia/Jakarta",
        "complaints:",
    ]
    for r in walk_in:
        lines.append(f"  - id: {r['id']}")
        for key in (
            "agency",
            "channel",
            "category",
            "received",
            "first_response",
            "resolved",
            "status",
            "kecamatan",
            "summary",
        ):
            value = r[key]
            if key in ("received", "first_response", "resolved") and value:
                value = value[:16].replace("T", " ")
            if value:
                lines.append(f'    {key}: "{value}"')
    (OUT / "loket.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    region = DATA / "region.yml"
    text = region.read_text(encoding="utf-8")
    if "\ncomplaints:" not in text:
        region.write_text(text.rstrip("\n") + "\n" + REGION_SECTION, encoding="utf-8")
    size = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{len(rows)} aduan ({len(walk_in)} di loket.yml), {size / 1e6:.2f} MB di {OUT}")


if __name__ == "__main__":
    main()
