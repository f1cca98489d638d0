"""Generate the embedded demo data: the fictional "Kabupaten Contoh" (code 99.01).

Province code 99 does not exist in the Kepmendagri list, so the region is visibly fictional;
its codes come from ``data/wilayah-contoh.csv`` (``extra_region_codes`` in ``region.yml``,
allowed only because the region says ``demo: true``).

Rerun from the repository root with::

    python scripts/make_demo.py

It rewrites ``data/region.yml`` and ``data/wilayah-contoh.csv``, deletes ``data/agencies/``
and writes it again: one file per OPD (``agencies/opd/``), per kecamatan
(``agencies/kecamatan/``) and per desa/kelurahan (``agencies/desa/<kecamatan-id>/``).
Output is deterministic (``random.Random(2026)``): running it twice gives identical files.
Then check the result with::

    python -m generator check --data data --today 2026-11-22

Review dates fall between 2026-01-15 and 2026-11-15, so a check "today" between
2026-11-15 and 2027-01-15 reports no stale-review warnings.

Handles, numbers and addresses are invented. Every handle carries a region marker
("contoh", "kabcontoh", "ctk" or the kecamatan name) to keep clear of real accounts, but
phone numbers are merely *valid* Indonesian numbers and may belong to someone.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
import shutil
from pathlib import Path

import phonenumbers
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
AGENCIES = DATA / "agencies"

REGION_CODE = "99.01"
DOMAIN = "contohkab.go.id"
AREA = "0298"  # one real area code for the whole regency; checked with phonenumbers
PEMDA = "pemerintah-kabupaten-contoh"
REVIEW_FROM, REVIEW_TO = dt.date(2026, 1, 15), dt.date(2026, 11, 15)
THREADS_LAUNCH = dt.date(2023, 7, 6)

rng = random.Random(2026)

# ---------------------------------------------------------------------------
# Small helpers


def rdate(start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def ydate(first: int, last: int) -> dt.date:
    return rdate(dt.date(first, 1, 1), dt.date(last, 12, 31))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def camel(text: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", text) if part)


class Q(str):
    """A string always written in double quotes (phone numbers, codes, @handles)."""


# ---------------------------------------------------------------------------
# Account handles: validity per platform (mirrors generator/accounts.py) and uniqueness

HANDLE_RULES = {
    "instagram": r"[A-Za-z0-9_][A-Za-z0-9._]{0,29}",
    "threads": r"[A-Za-z0-9_][A-Za-z0-9._]{0,29}",
    "x": r"[A-Za-z0-9_]{1,15}",
    "facebook": r"[A-Za-z0-9.]{5,50}",
    "tiktok": r"[A-Za-z0-9._]{2,24}",
    "youtube": r"[A-Za-z0-9._-]{3,30}",
}
CLAIMED: set[str] = set()


def handle_ok(platform: str, handle: str) -> bool:
    if not re.fullmatch(HANDLE_RULES[platform], handle):
        return False
    if ".." in handle or handle.endswith(".") or handle.startswith("."):
        return False
    if platform == "facebook" and handle.replace(".", "").isdigit():
        return False
    return f"{platform}:{handle.lower()}" not in CLAIMED


def claim(platform: str, candidates: list[str]) -> str:
    """The first candidate handle that is valid and still free; it is then taken."""
    for handle in candidates:
        if handle and handle_ok(platform, handle):
            CLAIMED.add(f"{platform}:{handle.lower()}")
            return handle
    raise SystemExit(f"no free {platform} handle among {candidates}")


def claim_key(key: str) -> None:
    if key in CLAIMED:
        raise SystemExit(f"duplicate account key {key}")
    CLAIMED.add(key)


def written(platform: str, handle: str, form: str | None = None) -> dict:
    """The handle/url fields as an editor might have typed them, all naming ``handle``."""
    form = form or rng.choices(["at", "bare", "url", "both"], [30, 12, 33, 25])[0]
    if platform == "youtube" and form in ("at", "bare"):
        form = "url" if rng.random() < 0.8 else "both"
    url = {
        "instagram": lambda: rng.choices(
            [f"https://www.instagram.com/{handle}/", f"https://instagram.com/{handle}",
             f"https://www.instagram.com/{handle}/?hl=id"], [70, 25, 5])[0],
        "facebook": lambda: rng.choices(
            [f"https://www.facebook.com/{handle}", f"https://web.facebook.com/{handle}/",
             f"https://m.facebook.com/{handle}"], [70, 20, 10])[0],
        "x": lambda: rng.choice([f"https://x.com/{handle}", f"https://twitter.com/{handle}"]),
        "youtube": lambda: rng.choices(
            [f"https://www.youtube.com/@{handle}", f"https://youtube.com/@{handle}",
             f"https://www.youtube.com/@{handle}/videos"], [75, 15, 10])[0],
        "tiktok": lambda: rng.choices(
            [f"https://www.tiktok.com/@{handle}", f"https://tiktok.com/@{handle}?lang=id"],
            [85, 15])[0],
        "threads": lambda: rng.choice(
            [f"https://www.threads.net/@{handle}", f"https://www.threads.com/@{handle}"]),
    }[platform]
    if platform == "facebook" and form in ("at", "both"):
        form = "bare" if form == "at" else "bare+url"  # nobody writes '@' before a page name
    if form == "at":
        return {"handle": Q("@" + handle)}
    if form == "bare+url":
        return {"handle": handle, "url": url()}
    if form == "bare":
        return {"handle": handle}
    if form == "url":
        return {"url": url()}
    return {"handle": Q("@" + handle), "url": url()}


def account(platform: str, fields: dict, since: dt.date, reviewed: dt.date,
            status: str = "active", note: str | None = None) -> dict:
    out = {"platform": platform, **fields, "status": status, "since": since,
           "reviewed": reviewed}
    if note:
        out["note"] = note
    return out


SINCE_YEARS = {
    "facebook": (2015, 2019), "instagram": (2016, 2021), "x": (2015, 2019),
    "youtube": (2017, 2022), "tiktok": (2020, 2024), "website": (2015, 2021),
}


def since_for(platform: str, floor: int = 2015) -> dt.date:
    if platform == "threads":
        return rdate(THREADS_LAUNCH, dt.date(2025, 6, 30))
    first, last = SINCE_YEARS[platform]
    first = max(first, floor)
    return ydate(first, max(first, last))


def dormant_since(since: dt.date) -> int:
    """The year a dormant account last posted: after it started, 2021–2025."""
    return rng.randint(min(max(since.year + 1, 2021), 2025), 2025)


def yt_channel_id() -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    while True:
        cid = "UC" + "".join(rng.choice(alphabet) for _ in range(22))
        if f"youtube:{cid}" not in CLAIMED:
            CLAIMED.add(f"youtube:{cid}")
            return cid


def fb_numeric_id() -> str:
    while True:
        fid = "1000" + str(rng.randint(60_000_000_000, 99_999_999_999))
        if f"facebook:{fid}" not in CLAIMED:
            CLAIMED.add(f"facebook:{fid}")
            return fid


def website_account(url: str, since: dt.date, reviewed: dt.date) -> dict:
    key = "website:" + re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    claim_key(key)
    return account("website", {"url": url}, since, reviewed)


# ---------------------------------------------------------------------------
# Contact channels: valid, unique numbers in the forms people type

NUMBERS: set[str] = set()
MOBILE_PREFIXES = ["0812", "0813", "0821", "0822", "0823", "0852", "0853", "0811",
                   "0815", "0856", "0857", "0858", "0817", "0818", "0819", "0859",
                   "0877", "0878", "0895", "0896", "0897", "0898", "0831", "0838",
                   "0881", "0882", "0887"]


def _register(text: str, mobile: bool) -> str:
    raw = text
    if raw.startswith("https://wa.me/"):
        raw = "+" + raw.rsplit("/", 1)[1]
    elif re.fullmatch(r"62[\d ]+", raw):
        raw = "+" + raw
    number = phonenumbers.parse(raw, "ID")
    assert phonenumbers.is_valid_number(number), text
    if mobile:
        assert phonenumbers.number_type(number) in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE), text
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if e164 in NUMBERS:
        return ""
    NUMBERS.add(e164)
    return text


def mobile(forms: list[str] | None = None) -> Q:
    while True:
        prefix = rng.choice(MOBILE_PREFIXES)
        digits = f"{rng.randint(1000, 9999)}{rng.randint(1000, 9999)}"
        if digits[0] == "0":
            continue
        a, b = digits[:4], digits[4:]
        form = rng.choice(forms or ["dash", "dash", "dash", "space", "plain", "intl", "intl",
                                    "e164", "wame"])
        text = {
            "dash": f"{prefix}-{a}-{b}",
            "space": f"{prefix} {a} {b}",
            "plain": f"{prefix}{a}{b}",
            "intl": f"+62 {prefix[1:]}-{a}-{b}",
            "e164": f"+62{prefix[1:]}{a}{b}",
            "wame": f"https://wa.me/62{prefix[1:]}{a}{b}",
        }[form]
        if _register(text, mobile=True):
            return Q(text)


def landline() -> Q:
    while True:
        sub = rng.choice("3457") + f"{rng.randint(0, 99999):05d}"
        form = rng.choice(["paren", "paren", "paren", "dash", "space", "intl"])
        text = {
            "paren": f"({AREA}) {sub}",
            "dash": f"{AREA}-{sub}",
            "space": f"{AREA} {sub}",
            "intl": f"+62 {AREA[1:]} {sub}",
        }[form]
        if _register(text, mobile=False):
            return Q(text)


def channel(kind: str, value: str, label: str | None = None) -> dict:
    out = {"type": kind, "value": value}
    if label:
        out["label"] = label
    return out


LAPOR = ("https://www.lapor.go.id", "SP4N-LAPOR!")
WADUL = (f"https://wadul.{DOMAIN}", "Wadul Bupati")
HOURS_OPD = "Senin–Kamis 07.30–16.00, Jumat 07.30–11.00"

# ---------------------------------------------------------------------------
# Kecamatan and villages

# (name, number of kelurahan, number of desa); 01 hosts the regency capital.
KECAMATAN = [
    ("Sukamaju", 10, 4), ("Karangsari", 3, 13), ("Tegalrejo", 0, 16), ("Sumberagung", 0, 15),
    ("Wonorejo", 0, 18), ("Cibening", 0, 14), ("Margahayu", 0, 17), ("Purwosari", 0, 15),
    ("Jatimulyo", 0, 12), ("Kedungjati", 0, 19), ("Banjarharjo", 0, 16), ("Sidomukti", 0, 14),
    ("Cikaret", 0, 17), ("Gunungsari", 0, 13), ("Tanjungrejo", 0, 15), ("Pasirwangi", 0, 20),
]
SUNDANESE = {"Cibening", "Margahayu", "Cikaret", "Pasirwangi", "Sukamaju"}

URBAN_NAMES = ["Kauman", "Kepatihan", "Pandean", "Kadipaten", "Kebonagung", "Kranggan",
               "Kutosari", "Panjunan", "Kebondalem", "Bugangan", "Pringgolayan", "Karangmulyo",
               "Sidoharjo", "Tegalsari"]
JAVA_PREFIX = ["Sumber", "Karang", "Tegal", "Wono", "Sido", "Purwo", "Jati", "Kedung", "Banjar",
               "Gunung", "Tanjung", "Ngadi", "Kali", "Tirto", "Suko", "Margo", "Sri", "Bumi"]
JAVA_SUFFIX = ["rejo", "sari", "agung", "mulyo", "harjo", "makmur", "asri", "wangi", "luhur",
               "kerto", "utomo", "dadi", "anyar", "mukti", "jaya", "tengah", "kulon", "wetan"]
JAVA_PLAIN = ["Krajan", "Ngemplak", "Kepuh", "Pucang", "Ngampel", "Gedangan", "Jambean",
              "Tambakan", "Bendungan", "Pakis", "Waru", "Glagah", "Kedungwuni", "Pulosari",
              "Ngargoyoso", "Randusari", "Gondang", "Jetis", "Dukuh", "Kalibening"]
SUNDA_PREFIX = ["Suka", "Sindang", "Mekar", "Marga", "Karya", "Pasir", "Bojong", "Tanjung",
                "Sari", "Jaya", "Cinta", "Wangun"]
SUNDA_SUFFIX = ["maju", "sari", "jaya", "mulya", "wangi", "mukti", "asih", "rahayu", "luyu",
                "laksana", "resmi", "hurip", "rame", "galih", "senang", "manah", "raja", "bakti"]
SUNDA_CI = ["Cibodas", "Cikupa", "Cimanggu", "Cijambu", "Cisalak", "Cipicung", "Cikadu",
            "Cibeureum", "Cihaur", "Cilembu", "Cigadung", "Cikoneng", "Cipeundeuy", "Cisarua",
            "Cimulya", "Cileuksa", "Ciherang", "Cikalong", "Cibunar", "Citapen", "Cijengkol",
            "Cintaasih", "Neglasari", "Lebakwangi", "Padasuka", "Gunungjaya"]


def village_names(kec: str, n_kel: int, n_desa: int, taken: set[str]) -> list[tuple[str, str]]:
    """(name, kind) pairs; the seat village shares the kecamatan's name, as is common."""
    if kec in SUNDANESE:
        pool = [p + s for p in SUNDA_PREFIX for s in SUNDA_SUFFIX
                if p.lower()[:3] != s[:3]] + SUNDA_CI * 3  # no "Sarisari"
    else:
        pool = [p + s for p in JAVA_PREFIX for s in JAVA_SUFFIX] + JAVA_PLAIN * 3
    rng.shuffle(pool)
    names: list[str] = []
    if n_kel:
        urban = [name for name in URBAN_NAMES if name not in taken]
        rng.shuffle(urban)
        names += [kec] + urban[: n_kel - 1]
    else:
        names.append(kec)
    for name in pool:
        if len(names) >= n_kel + n_desa:
            break
        if name in names or (name in taken and rng.random() < 0.97):
            continue
        names.append(name)
    # Directional twins (Lor/Kidul, Girang/Hilir) for one village in some kecamatan.
    if rng.random() < 0.4 and n_desa > 3:
        pair = ("Girang", "Hilir") if kec in SUNDANESE else ("Lor", "Kidul")
        names[-2:] = [f"{names[-1]} {pair[0]}", f"{names[-1]} {pair[1]}"]
    taken.update(names)
    kinds = ["kelurahan"] * n_kel + ["desa"] * n_desa
    return list(zip(names, kinds, strict=True))


# ---------------------------------------------------------------------------
# OPD

# id, name, short_name, kind, handle base, web subdomain, description, services, aliases
OPD = [
    ("sekretariat-daerah", "Sekretariat Daerah Kabupaten Contoh", "Setda", "sekretariat",
     "setda", "setda",
     "Membantu bupati menyusun kebijakan dan mengoordinasikan perangkat daerah, termasuk "
     "layanan protokol, hukum dan pengadaan barang/jasa.",
     ["produk hukum daerah", "JDIH", "pengadaan barang dan jasa", "LPSE", "audiensi bupati",
      "protokol"], ["Setda Kab. Contoh", "Sekda Kabupaten Contoh", "Bagian Umum Setda"]),
    ("sekretariat-dprd", "Sekretariat DPRD Kabupaten Contoh", "Setwan", "sekretariat",
     "dprd", "dprd",
     "Melayani administrasi dan persidangan DPRD serta menerima aspirasi masyarakat.",
     ["aspirasi masyarakat", "reses", "rapat dengar pendapat", "jadwal sidang DPRD",
      "kunjungan ke DPRD"], ["Setwan", "DPRD Kab. Contoh", "Sekretariat Dewan"]),
    ("inspektorat", "Inspektorat Daerah Kabupaten Contoh", "Inspektorat", "inspektorat",
     "inspektorat", "inspektorat",
     "Mengawasi penyelenggaraan pemerintahan daerah dan menangani pengaduan atas aparatur.",
     ["pengaduan ASN", "whistleblowing system", "gratifikasi", "pengawasan dana desa",
      "audit"], ["Itda", "Inspektorat Kab. Contoh"]),
    ("dinas-pendidikan", "Dinas Pendidikan Kabupaten Contoh", "Disdik", "dinas",
     "disdik", "disdik",
     "Menyelenggarakan urusan pendidikan anak usia dini, sekolah dasar dan sekolah menengah "
     "pertama.",
     ["PPDB", "SPMB", "beasiswa", "sekolah", "PAUD", "legalisir ijazah", "guru honorer",
      "dana BOS", "zonasi"], ["Disdik", "Dindik Kab. Contoh", "Dinas Pendidikan dan Kebudayaan"]),
    ("dinas-kesehatan", "Dinas Kesehatan Kabupaten Contoh", "Dinkes", "dinas",
     "dinkes", "dinkes",
     "Menyelenggarakan urusan kesehatan: puskesmas, imunisasi, pengendalian penyakit dan "
     "jaminan kesehatan.",
     ["BPJS Kesehatan", "JKN", "imunisasi", "puskesmas", "DBD", "fogging", "stunting",
      "posyandu", "ambulans", "izin praktik"], ["Dinkes", "Dinas Kesehatan Kab. Contoh"]),
    ("dinas-pupr", "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Contoh", "DPUPR",
     "dinas", "dpupr", "dpupr",
     "Membangun dan memelihara jalan, jembatan, drainase dan irigasi, serta menata ruang "
     "daerah.",
     ["jalan rusak", "jalan berlubang", "jembatan", "drainase", "irigasi", "tata ruang",
      "KKPR", "sumber daya air"], ["DPUPR", "Dinas PU", "PUPR Kab. Contoh", "DPU"]),
    ("dinas-perkim", "Dinas Perumahan dan Kawasan Permukiman Kabupaten Contoh", "Disperkim",
     "dinas", "disperkim", "disperkim",
     "Menangani perumahan, rumah tidak layak huni, kawasan kumuh, PBG dan penerangan jalan "
     "di kawasan permukiman.",
     ["RTLH", "bedah rumah", "rumah tidak layak huni", "PBG", "SLF", "kawasan kumuh",
      "taman kota", "makam"], ["Disperkim", "Dinas Perkim", "DPKP"]),
    ("dinas-sosial", "Dinas Sosial Kabupaten Contoh", "Dinsos", "dinas", "dinsos", "dinsos",
     "Menangani perlindungan dan jaminan sosial, bantuan sosial dan rehabilitasi sosial.",
     ["bansos", "PKH", "BPNT", "DTKS", "DTSEN", "KIS PBI", "SKTM", "ODGJ", "anak jalanan",
      "lansia terlantar"], ["Dinsos", "Dinas Sosial Kab. Contoh"]),
    ("dinas-dukcapil", "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh",
     "Disdukcapil", "dinas", "disdukcapil", "disdukcapil",
     "Melayani administrasi kependudukan: KTP-el, kartu keluarga, akta dan perpindahan "
     "penduduk.",
     ["KTP", "KTP-el", "KK", "kartu keluarga", "akta kelahiran", "akta kematian", "KIA",
      "pindah domisili", "IKD", "akta perkawinan", "NIK"],
     ["Disdukcapil", "Dinas Dukcapil Kab. Contoh", "Dukcapil", "Capil"]),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Contoh",
     "DPMPTSP", "dinas", "dpmptsp", "dpmptsp",
     "Melayani perizinan dan nonperizinan secara terpadu serta promosi penanaman modal.",
     ["izin usaha", "NIB", "OSS", "PBG", "izin reklame", "izin praktik", "Mal Pelayanan "
      "Publik", "investasi"], ["DPMPTSP", "Dinas Perizinan", "MPP Kabupaten Contoh"]),
    ("dinas-kominfo", "Dinas Komunikasi dan Informatika Kabupaten Contoh", "Diskominfo",
     "dinas", "diskominfo", "diskominfo",
     "Mengelola informasi publik, PPID, persandian, statistik sektoral dan layanan TIK "
     "pemerintah daerah.",
     ["PPID", "informasi publik", "hoaks", "internet desa", "statistik sektoral", "Satu Data",
      "domain go.id", "website OPD"], ["Diskominfo", "Kominfo Kab. Contoh",
                                       "Dinas Kominfo Statistik dan Persandian"]),
    ("dinas-perhubungan", "Dinas Perhubungan Kabupaten Contoh", "Dishub", "dinas",
     "dishub", "dishub",
     "Mengatur lalu lintas, angkutan umum, perparkiran, terminal dan penerangan jalan umum.",
     ["lampu jalan", "PJU", "parkir", "angkutan", "terminal", "uji KIR", "rambu lalu lintas",
      "trayek"], ["Dishub", "Dinas Perhubungan Kab. Contoh"]),
    ("dinas-lingkungan-hidup", "Dinas Lingkungan Hidup Kabupaten Contoh", "DLH", "dinas",
     "dlh", "dlh",
     "Mengelola sampah, mengendalikan pencemaran dan menerbitkan dokumen lingkungan.",
     ["sampah", "bank sampah", "TPS liar", "pencemaran", "limbah", "AMDAL", "UKL-UPL",
      "pohon tumbang", "retribusi sampah"], ["DLH", "Dinas LH", "DLHK"]),
    ("dinas-pertanian", "Dinas Pertanian Kabupaten Contoh", "Distan", "dinas",
     "distan", "distan",
     "Membina petani dan penyuluh, menyalurkan sarana produksi dan menangani kesehatan "
     "hewan.",
     ["pupuk bersubsidi", "kartu tani", "penyuluh pertanian", "alsintan", "hama",
      "vaksinasi ternak", "rabies", "puskeswan"], ["Distan", "Dispertan", "Dinas Pertanian"]),
    ("dinas-perikanan", "Dinas Perikanan Kabupaten Contoh", "Diskan", "dinas",
     "diskan", "diskan",
     "Membina pembudidaya dan nelayan, benih ikan dan pengolahan hasil perikanan.",
     ["benih ikan", "kartu KUSUKA", "budidaya ikan", "nelayan", "kolam"],
     ["Diskan", "Dinas Perikanan Kab. Contoh"]),
    ("dinas-koperasi-umkm", "Dinas Koperasi dan Usaha Mikro Kabupaten Contoh", "Diskopum",
     "dinas", "diskopum", "diskopum",
     "Membina koperasi dan usaha mikro: perizinan koperasi, pelatihan dan akses pembiayaan.",
     ["UMKM", "koperasi", "KUR", "pelatihan usaha", "sertifikat halal", "PIRT", "bazar UMKM"],
     ["Diskopum", "Dinas Koperasi", "Dinkop UKM"]),
    ("dinas-perdagangan", "Dinas Perdagangan dan Perindustrian Kabupaten Contoh",
     "Disdagperin", "dinas", "disdagperin", "disdagperin",
     "Mengelola pasar daerah, metrologi legal, stabilitas harga dan pembinaan industri kecil.",
     ["pasar", "harga sembako", "tera ulang", "timbangan", "operasi pasar", "retribusi pasar",
      "IKM"], ["Disdagperin", "Dinas Perdagangan", "Disperindag"]),
    ("dinas-pariwisata", "Dinas Pariwisata dan Kebudayaan Kabupaten Contoh", "Disparbud",
     "dinas", "disparbud", "disparbud",
     "Mengembangkan destinasi wisata, ekonomi kreatif dan pelestarian budaya daerah.",
     ["objek wisata", "tiket wisata", "desa wisata", "cagar budaya", "kesenian", "event"],
     ["Disparbud", "Dinas Pariwisata", "Disporapar"]),
    ("dinas-pemuda-olahraga", "Dinas Pemuda dan Olahraga Kabupaten Contoh", "Dispora",
     "dinas", "dispora", "dispora",
     "Membina kepemudaan dan olahraga, serta mengelola GOR dan stadion daerah.",
     ["GOR", "stadion", "sewa lapangan", "atlet", "Porprov", "karang taruna", "Paskibraka"],
     ["Dispora", "Dinas Pemuda dan Olahraga Kab. Contoh"]),
    ("dinas-tenaga-kerja", "Dinas Tenaga Kerja Kabupaten Contoh", "Disnaker", "dinas",
     "disnaker", "disnaker",
     "Melayani pencari kerja, pelatihan kerja, penempatan dan hubungan industrial.",
     ["kartu kuning", "AK/I", "lowongan kerja", "job fair", "pelatihan kerja", "PHK",
      "UMK", "pekerja migran", "BLK"], ["Disnaker", "Disnakertrans", "Dinas Tenaga Kerja"]),
    ("dinas-perpustakaan-kearsipan", "Dinas Perpustakaan dan Kearsipan Kabupaten Contoh",
     "Dispusip", "dinas", "dispusip", "dispusip",
     "Mengelola perpustakaan daerah, perpustakaan keliling dan arsip daerah.",
     ["perpustakaan", "kartu anggota perpustakaan", "perpustakaan keliling", "arsip",
      "pojok baca"], ["Dispusip", "Perpusda", "Perpustakaan Daerah"]),
    ("dinas-p3akb", "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana "
     "Kabupaten Contoh", "DP3AKB", "dinas", "dp3akb", "dp3akb",
     "Melindungi perempuan dan anak, mendampingi korban kekerasan dan menyelenggarakan "
     "program keluarga berencana.",
     ["kekerasan terhadap anak", "KDRT", "UPTD PPA", "KB", "kontrasepsi", "kampung KB",
      "stunting", "perkawinan anak"], ["DP3AKB", "Dinas P3A", "DP2KBP3A"]),
    ("dinas-ketahanan-pangan", "Dinas Ketahanan Pangan Kabupaten Contoh", "DKP", "dinas",
     "dkp", "dkp",
     "Menjaga ketersediaan dan keamanan pangan serta cadangan pangan daerah.",
     ["cadangan pangan", "keamanan pangan", "harga beras", "pekarangan pangan lestari",
      "rawan pangan"], ["DKP", "Dishanpan"]),
    ("dinas-pmd", "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Contoh", "Dispermades",
     "dinas", "dispermades", "dispermades",
     "Membina pemerintahan desa, dana desa, BUMDes dan lembaga kemasyarakatan.",
     ["dana desa", "ADD", "BUMDes", "perangkat desa", "pilkades", "siskeudes",
      "BLT Dana Desa"], ["Dispermades", "DPMD", "Dinas PMD"]),
    ("dinas-damkar", "Dinas Pemadam Kebakaran dan Penyelamatan Kabupaten Contoh", "Damkar",
     "dinas", "damkar", "damkar",
     "Memadamkan kebakaran dan melakukan penyelamatan non-kebakaran, siaga 24 jam.",
     ["kebakaran", "evakuasi hewan", "sarang tawon", "ular", "penyelamatan", "cincin",
      "hydrant"], ["Damkar", "Pemadam Kebakaran", "DPKP Damkar"]),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah Kabupaten Contoh", "Bappeda", "badan",
     "bappeda", "bappeda",
     "Menyusun rencana pembangunan daerah (RPJMD, RKPD) dan mengoordinasikan musrenbang.",
     ["musrenbang", "RPJMD", "RKPD", "usulan pembangunan", "data pembangunan"],
     ["Bappeda", "Bapperida"]),
    ("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah Kabupaten Contoh", "BPKAD", "badan",
     "bpkad", "bpkad",
     "Mengelola anggaran, perbendaharaan dan barang milik daerah.",
     ["APBD", "SP2D", "aset daerah", "sewa aset", "hibah", "bansos APBD"],
     ["BPKAD", "BKAD", "Badan Keuangan"]),
    ("bapenda", "Badan Pendapatan Daerah Kabupaten Contoh", "Bapenda", "badan",
     "bapenda", "bapenda",
     "Memungut pajak dan retribusi daerah, termasuk PBB-P2 dan BPHTB.",
     ["PBB", "PBB-P2", "pajak daerah", "BPHTB", "pajak restoran", "pajak reklame", "SPPT",
      "e-PBB"], ["Bapenda", "Dispenda", "Badan Pendapatan Daerah Kab. Contoh"]),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Contoh",
     "BKPSDM", "badan", "bkpsdm", "bkpsdm",
     "Mengelola kepegawaian ASN: pengadaan, kenaikan pangkat, pensiun dan pengembangan "
     "kompetensi.",
     ["CPNS", "PPPK", "kenaikan pangkat", "pensiun", "Taspen", "ASN", "seleksi jabatan"],
     ["BKPSDM", "BKD", "Badan Kepegawaian Daerah"]),
    ("bpbd", "Badan Penanggulangan Bencana Daerah Kabupaten Contoh", "BPBD", "badan",
     "bpbd", "bpbd",
     "Menangani kesiapsiagaan, tanggap darurat dan pemulihan bencana; Pusdalops siaga 24 jam.",
     ["banjir", "longsor", "tanah longsor", "bencana", "angin puting beliung", "kekeringan",
      "air bersih darurat", "gempa", "pengungsian"], ["BPBD", "Pusdalops BPBD"]),
    ("kesbangpol", "Badan Kesatuan Bangsa dan Politik Kabupaten Contoh", "Kesbangpol",
     "badan", "kesbangpol", "kesbangpol",
     "Membina wawasan kebangsaan, ormas dan kerukunan, serta menerbitkan surat keterangan "
     "penelitian.",
     ["izin penelitian", "SKP", "ormas", "FKUB", "pemilu"],
     ["Kesbangpol", "Bakesbangpol"]),
    ("brida", "Badan Riset dan Inovasi Daerah Kabupaten Contoh", "BRIDA", "badan",
     "brida", "brida",
     "Mengoordinasikan riset dan inovasi daerah serta kompetisi inovasi pelayanan publik.",
     ["inovasi daerah", "riset", "kompetisi inovasi", "HKI"], ["BRIDA", "Balitbangda"]),
    ("satpol-pp", "Satuan Polisi Pamong Praja Kabupaten Contoh", "Satpol PP", "satuan",
     "satpolpp", "satpolpp",
     "Menegakkan peraturan daerah, menjaga ketertiban umum dan melindungi masyarakat.",
     ["ketertiban umum", "PKL", "penegakan perda", "miras", "pengamen", "linmas",
      "bangunan liar"], ["Satpol PP", "Satpol PP dan Damkar", "Pol PP"]),
    ("rsud-contoh", "RSUD Kabupaten Contoh", "RSUD Contoh", "rsud", "rsud", "rsud",
     "Rumah sakit umum daerah rujukan kabupaten dengan IGD 24 jam dan layanan BPJS.",
     ["IGD", "rawat inap", "poliklinik", "jadwal dokter", "pendaftaran online", "BPJS",
      "ambulans", "cuci darah"], ["RSUD", "Rumah Sakit Umum Daerah Contoh", "RS Contoh"]),
    ("perumda-air-minum", "Perumda Air Minum Tirta Contoh", "PDAM Tirta Contoh", "bumd",
     "pdamtirtacontoh", "pdam",
     "Perusahaan umum daerah penyedia air minum perpipaan.",
     ["air bersih", "tagihan air", "pasang baru", "air mati", "pipa bocor", "meteran air"],
     ["PDAM", "PDAM Kab. Contoh", "Perumdam Tirta Contoh"]),
    ("bank-daerah", "PT BPR Bank Contoh (Perseroda)", "Bank Contoh", "bumd",
     "bankcontoh", "bankcontoh",
     "Bank perekonomian rakyat milik pemerintah daerah: tabungan, kredit usaha dan "
     "pembayaran PBB.",
     ["tabungan", "kredit usaha", "kredit ASN", "pembayaran PBB", "KUR"],
     ["BPR Bank Contoh", "BPR BKK Contoh", "Bank Daerah"]),
]

# Puskesmas are OPD units with the region code of their kecamatan.
PUSKESMAS = [("Sukamaju", "dinas-kesehatan"), ("Tegalrejo", "dinas-kesehatan"),
             ("Cibening", "kecamatan-cibening")]
PUSKESMAS_SERVICES = ["pemeriksaan umum", "imunisasi", "KIA", "BPJS", "posyandu",
                      "rawat inap", "persalinan", "surat keterangan sehat"]

NO_ACCOUNT = {"kesbangpol", "dinas-ketahanan-pangan", "brida", "puskesmas-cibening"}
# (agency id, platform, old-handle candidates, year it was replaced)
ARCHIVED = [
    ("dinas-kesehatan", "instagram", ["dinkeskabcontoh"], 2024),
    ("dinas-dukcapil", "facebook", ["dukcapil.contoh.official", "capilkabcontoh"], 2023),
    ("bpbd", "instagram", ["bpbd_contoh", "bpbdkabcontoh"], 2022),
    ("kecamatan-karangsari", "facebook", ["kecamatankarangsari.kabcontoh", "kec.karangsari.ctk"], 2025),
]
COMPLAINTS = {"dinas-sosial": LAPOR, "dinas-dukcapil": LAPOR, "dinas-pupr": WADUL,
              "dinas-lingkungan-hidup": WADUL, "satpol-pp": WADUL, "rsud-contoh": LAPOR,
              "inspektorat": LAPOR, "dinas-perhubungan": WADUL, "dinas-kesehatan": LAPOR,
              "perumda-air-minum": WADUL}
HOURS = {
    "rsud-contoh": "IGD 24 jam; poliklinik Senin–Kamis 07.30–13.00, Jumat 07.30–11.00, "
                   "Sabtu 07.30–12.00",
    "dinas-damkar": "Siaga 24 jam setiap hari",
    "bpbd": "Pusdalops siaga 24 jam; kantor Senin–Kamis 07.30–16.00, Jumat 07.30–11.00",
    "dinas-dukcapil": "Senin–Kamis 08.00–15.00, Jumat 08.00–11.00, Sabtu 08.00–12.00",
    "dpmptsp": "Mal Pelayanan Publik: Senin–Jumat 08.00–15.00",
    "perumda-air-minum": "Senin–Jumat 08.00–15.00; gangguan 24 jam lewat WhatsApp",
    "bank-daerah": "Senin–Jumat 08.00–15.00",
}
WA_LABELS = {
    "dinas-dukcapil": ["Layanan adminduk", "Pengaduan"], "dinas-damkar": ["Panggilan darurat"],
    "bpbd": ["Pusdalops 24 jam"], "rsud-contoh": ["Pendaftaran pasien", "Pengaduan"],
    "perumda-air-minum": ["Pengaduan gangguan"], "dinas-sosial": ["Pengaduan bansos"],
    "dinas-kesehatan": ["Layanan informasi"], "dpmptsp": ["Konsultasi perizinan"],
    "bapenda": ["Layanan PBB"], "dinas-tenaga-kerja": ["Informasi lowongan"],
    "satpol-pp": ["Pengaduan ketertiban"],
}
STREETS = ["Jl. Jenderal Sudirman", "Jl. Pemuda", "Jl. Diponegoro", "Jl. Ahmad Yani",
           "Jl. Veteran", "Jl. Gajah Mada", "Jl. Pahlawan", "Jl. RA Kartini", "Jl. Merdeka",
           "Jl. Slamet Riyadi", "Jl. Dr. Sutomo", "Jl. Ki Hajar Dewantara", "Jl. MT Haryono",
           "Jl. Lingkar Timur", "Jl. Pangeran Diponegoro", "Jl. Gatot Subroto"]

# ---------------------------------------------------------------------------
# Builders


def office(address: str | None, hours: str | None) -> dict | None:
    out = {}
    if address:
        out["address"] = address
    if hours:
        out["hours"] = hours
    return out or None


def agency(**fields) -> dict:
    order = ["id", "name", "short_name", "kind", "parent", "region_code", "description",
             "services", "aliases", "accounts", "channels", "official", "never", "never_text",
             "office"]
    return {k: fields[k] for k in order if fields.get(k) not in (None, [], {})}


def opd_handles(base: str, style: int) -> dict[str, list[str]]:
    """Candidate handles per platform for one OPD, in its house style."""
    big = base.upper() if len(base) <= 5 else base.capitalize()
    if "contoh" in base:  # BUMD brands already carry the region's name
        big = base.capitalize().replace("contoh", "Contoh")
        styles = [
            {"instagram": base, "facebook": base, "x": base[:15], "youtube": big,
             "tiktok": base},
            {"instagram": f"{base}.official", "facebook": f"{base}.official",
             "x": f"{base[:12]}_id", "youtube": f"{big}Official", "tiktok": f"{base}.official"},
            {"instagram": f"{base}_id", "facebook": f"{base}.id", "x": f"{base[:12]}_id",
             "youtube": f"{big}TV", "tiktok": f"{base}_id"},
        ]
        own = styles[style]
        out = {p: [own[p]] + [s[p] for s in styles if s is not own] for p in own}
        out["threads"] = out["instagram"]
        return out
    styles = [
        {"instagram": f"{base}.contoh", "facebook": f"{base}.kabcontoh", "x": f"{base}_contoh",
         "youtube": f"{big}KabContoh", "tiktok": f"{base}.contoh"},
        {"instagram": f"{base}_kabcontoh", "facebook": f"{base}kabcontoh",
         "x": f"{base}kabcontoh", "youtube": f"{base}kabcontoh", "tiktok": f"{base}_kabcontoh"},
        {"instagram": f"{base}kab.contoh", "facebook": f"{base}kab.contoh", "x": f"{base}_ctk",
         "youtube": f"{big}Contoh", "tiktok": f"{base}kabcontoh"},
    ]
    own = styles[style]
    out = {p: [own[p]] + [s[p] for s in styles if s is not own] for p in own}
    out["x"] += [f"{base[:11]}_ctk", f"{base[:9]}_kbctk"]
    out["threads"] = out["instagram"]
    return out


def opd_accounts(aid: str, base: str, rich: bool) -> list[dict]:
    if aid in NO_ACCOUNT:
        return []
    style = rng.randrange(3)
    cands = opd_handles(base, style)
    reviewed = rdate(REVIEW_FROM, REVIEW_TO)
    odds = {"instagram": 0.95, "facebook": 0.88, "youtube": 0.7 if rich else 0.45,
            "x": 0.45 if rich else 0.2, "tiktok": 0.45 if rich else 0.25}
    platforms = [p for p, odd in odds.items() if rng.random() < odd]
    if "instagram" in platforms and rng.random() < (0.35 if rich else 0.15):
        platforms.append("threads")
    if not platforms:
        platforms = ["instagram"]
    out = []
    instagram = None
    for platform in platforms:
        when = reviewed if rng.random() < 0.85 else rdate(REVIEW_FROM, REVIEW_TO)
        if platform == "threads":
            # Threads shares the Instagram username whenever it can.
            handle = claim("threads", ([instagram] if instagram else []) + cands["threads"])
            out.append(account("threads", written("threads", handle), since_for("threads"), when))
            continue
        if platform == "facebook" and rng.random() < 0.08:
            fid = fb_numeric_id()
            fields = {"url": f"https://www.facebook.com/profile.php?id={fid}"}
        elif platform == "youtube" and rng.random() < 0.15:
            fields = {"url": f"https://www.youtube.com/channel/{yt_channel_id()}"}
        else:
            handle = claim(platform, cands[platform])
            if platform == "instagram":
                instagram = handle
            fields = written(platform, handle)
        out.append(account(platform, fields, since_for(platform), when))
    return out


def shown_handle(acc: dict) -> str:
    """How a note names an account: '@handle', or 'facebook.com/name' for Facebook."""
    handle = str(acc.get("handle") or "").lstrip("@")
    if not handle:
        handle = re.sub(r"^https?://[^/]+/@?", "", acc["url"]).split("?")[0].strip("/")
        handle = handle.split("/")[0]
    return f"facebook.com/{handle}" if acc["platform"] == "facebook" else f"@{handle}"


MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]


def retire(agencies: dict[str, dict]) -> None:
    """Add the archived accounts: an old handle replaced by the current one."""
    for aid, platform, olds, year in ARCHIVED:
        ag = agencies[aid]
        current = next((a for a in ag.get("accounts", []) if a["platform"] == platform
                        and "profile.php" not in a.get("url", "")), None)
        if current is None:
            raise SystemExit(f"{aid} has no {platform} account to replace an archived one")
        end = dt.date(year, 12, 31) if year < 2025 else dt.date(2025, 10, 31)
        current["since"] = rdate(dt.date(year, 1, 1), end)
        old = claim(platform, olds)
        note = f"Diganti {shown_handle(current)} sejak {MONTHS[current['since'].month - 1]} {year}."
        idx = ag["accounts"].index(current)
        ag["accounts"].insert(idx + 1, account(platform, written(platform, old),
                                               ydate(2015, min(year - 2, 2019)),
                                               current["reviewed"], "archived", note))


def make_pemda() -> dict:
    reviewed = dt.date(2026, 11, 3)
    claim("instagram", ["pemkabcontoh"])
    claim("facebook", ["pemkabcontoh"])
    claim("x", ["pemkabcontoh"])
    claim("x", ["humas_contoh"])
    claim("youtube", ["PemkabContoh"])
    claim("tiktok", ["pemkabcontoh"])
    claim("threads", ["pemkabcontoh"])
    claim("instagram", ["humas.kabcontoh"])
    accounts = [
        account("instagram", {"handle": Q("@pemkabcontoh"),
                              "url": "https://www.instagram.com/pemkabcontoh/"},
                dt.date(2016, 3, 14), reviewed),
        account("facebook", {"url": "https://www.facebook.com/pemkabcontoh"},
                dt.date(2015, 1, 5), reviewed),
        account("x", {"handle": Q("@pemkabcontoh")}, dt.date(2024, 2, 1), reviewed),
        account("x", {"url": "https://twitter.com/humas_contoh"}, dt.date(2015, 6, 20),
                reviewed, "archived", "Diganti @pemkabcontoh sejak Februari 2024."),
        account("youtube", {"url": "https://www.youtube.com/@PemkabContoh"},
                dt.date(2017, 8, 17), reviewed),
        account("tiktok", {"url": "https://www.tiktok.com/@pemkabcontoh"},
                dt.date(2021, 4, 21), reviewed),
        account("threads", {"handle": Q("@pemkabcontoh")}, dt.date(2023, 7, 10), reviewed),
        account("instagram", {"handle": Q("@humas.kabcontoh")}, dt.date(2018, 9, 1),
                dt.date(2026, 10, 20), "inactive",
                "Akun Bagian Protokol dan Komunikasi Pimpinan; tidak diperbarui sejak 2023."),
        website_account(f"https://www.{DOMAIN}", dt.date(2015, 1, 1), reviewed),
    ]
    return agency(
        id=PEMDA, name="Pemerintah Kabupaten Contoh", short_name="Pemkab Contoh", kind="pemda",
        description="Akun dan kanal resmi Pemerintah Kabupaten Contoh, dikelola Bagian Protokol "
                    "dan Komunikasi Pimpinan bersama Diskominfo.",
        services=["informasi publik", "agenda bupati", "pengaduan masyarakat", "berita daerah",
                  "layanan darurat 112", "Mal Pelayanan Publik"],
        aliases=["Pemkab Contoh", "Pemda Kabupaten Contoh", "Humas Pemkab Contoh",
                 "Bupati Contoh"],
        accounts=accounts,
        channels=[
            channel("whatsapp", mobile(["dash"]), "Layanan informasi dan pengaduan"),
            channel("phone", Q(f"({AREA}) 521000"), "Operator Setda"),
            channel("complaint_portal", WADUL[0], WADUL[1]),
            channel("complaint_portal", LAPOR[0], LAPOR[1]),
            channel("email", f"humas@{DOMAIN}"),
            channel("website", f"https://ppid.{DOMAIN}", "PPID"),
        ],
        office=office("Kompleks Pendopo Kabupaten, Jl. Alun-alun Utara No. 1, Sukamaju, "
                      "Kabupaten Contoh", HOURS_OPD),
    )


def opd_channels(aid: str, sub: str) -> list[dict]:
    out = []
    labels = WA_LABELS.get(aid)
    if labels or rng.random() < 0.85:
        for label in labels or [rng.choice([None, None, "Layanan informasi", "Pengaduan",
                                            "Hotline"])]:
            out.append(channel("whatsapp", mobile(), label))
    label = {"dinas-damkar": "Pos pemadam (darurat)", "bpbd": "Pusdalops",
             "rsud-contoh": "IGD"}.get(aid)
    out.append(channel("phone", landline(), label))
    if aid in COMPLAINTS:
        url, name = COMPLAINTS[aid]
        out.append(channel("complaint_portal", url, name))
    elif rng.random() < 0.15:
        out.append(channel("complaint_portal", *(LAPOR if rng.random() < 0.5 else WADUL)))
    out.append(channel("email", f"{sub}@{DOMAIN}"))
    out.append(channel("website", f"https://{sub}.{DOMAIN}"))
    return out


# Service portals listed as official "website" accounts (distinct from the main site).
PORTALS = {
    "dinas-dukcapil": "https://sipandu.{d}", "dpmptsp": "https://sicantik.{d}",
    "dinas-kominfo": "https://data.{d}", "bapenda": "https://epbb.{d}",
    "rsud-contoh": "https://daftar.rsud.{d}", "dinas-pendidikan": "https://spmb.{d}",
    "sekretariat-daerah": "https://jdih.{d}", "bpbd": "https://pusdalops.{d}",
}


def make_opd() -> list[dict]:
    out = []
    for (aid, name, short, kind, base, sub, desc, services, aliases) in OPD:
        rich = kind in ("dinas", "badan", "rsud", "satuan") and rng.random() < 0.6
        accounts = opd_accounts(aid, base, rich)
        if aid in PORTALS and accounts:
            accounts.append(website_account(PORTALS[aid].format(d=DOMAIN), since_for("website"),
                                            accounts[0]["reviewed"]))
        street = rng.choice(STREETS)
        address = (f"Kompleks Perkantoran Terpadu, Jl. Lingkar Timur No. {rng.randint(1, 40)}, "
                   f"Sukamaju, Kabupaten Contoh" if rng.random() < 0.3 else
                   f"{street} No. {rng.randint(1, 160)}, Sukamaju, Kabupaten Contoh")
        out.append(agency(
            id=aid, name=name, short_name=short, kind=kind, parent=PEMDA, description=desc,
            services=services, aliases=aliases, accounts=accounts,
            channels=opd_channels(aid, sub),
            office=office(address, HOURS.get(aid, HOURS_OPD if rng.random() < 0.8 else
                                             "Senin–Jumat 07.30–16.00")),
        ))
    for kec, parent in PUSKESMAS:
        aid = f"puskesmas-{slug(kec)}"
        code = f"{REGION_CODE}.{[k[0] for k in KECAMATAN].index(kec) + 1:02d}"
        base = f"pkm{squash(kec)}"
        accounts = [] if aid in NO_ACCOUNT else opd_accounts(aid, base, False)
        if accounts:  # puskesmas run small accounts: keep instagram and one more at most
            accounts = accounts[:2]
        out.append(agency(
            id=aid, name=f"UPTD Puskesmas {kec}", short_name=f"Puskesmas {kec}",
            kind="puskesmas", parent=parent, region_code=Q(code),
            description=f"Pusat kesehatan masyarakat yang melayani wilayah Kecamatan {kec}.",
            services=rng.sample(PUSKESMAS_SERVICES, 5),
            aliases=[f"PKM {kec}", f"Puskesmas {kec} Kab. Contoh"], accounts=accounts,
            channels=[channel("whatsapp", mobile(), "Pendaftaran"),
                      channel("phone", landline()),
                      channel("email", f"puskesmas.{squash(kec)}@{DOMAIN}")],
            office=office(f"Jl. Raya {kec} No. {rng.randint(1, 90)}, {kec}, Kabupaten Contoh",
                          "Senin–Kamis 07.30–14.00, Jumat 07.30–11.00, Sabtu 07.30–12.30; "
                          "UGD 24 jam"),
        ))
    return out


KEC_SERVICES = ["PATEN", "surat keterangan", "legalisasi dokumen", "rekomendasi izin keramaian",
                "dispensasi nikah", "pengantar SKCK", "IUMK", "surat keterangan ahli waris",
                "rekomendasi bantuan"]


def kecamatan_accounts(name: str) -> list[dict]:
    n = squash(name)
    style = rng.randrange(3)
    reviewed = rdate(REVIEW_FROM, REVIEW_TO)
    ig = [f"kec.{n}.contoh", f"kecamatan_{n}_contoh", f"kec{n}contoh"]
    fb = [f"kecamatan.{n}.contoh", f"kec{n}contoh", f"kec.{n}.kabcontoh"]
    out = []
    if rng.random() < 0.9:
        h = claim("instagram", ig[style:] + ig[:style])
        out.append(account("instagram", written("instagram", h), since_for("instagram", 2017),
                           reviewed))
    if rng.random() < 0.85 or not out:
        h = claim("facebook", fb[style:] + fb[:style])
        out.append(account("facebook", written("facebook", h), since_for("facebook", 2016),
                           reviewed))
    if rng.random() < 0.25:
        h = claim("tiktok", [f"kec{n}_contoh"[:24], f"kec{n[:10]}.ctk"])
        out.append(account("tiktok", written("tiktok", h), since_for("tiktok"), reviewed))
    if rng.random() < 0.2:
        h = claim("youtube", [f"Kecamatan{camel(name)}", f"Kec{camel(name)}Contoh"])
        out.append(account("youtube", written("youtube", h, "url"), since_for("youtube"),
                           reviewed))
    if rng.random() < 0.06:
        h = claim("x", [f"kec{n}"[:11] + "_ctk", f"kec{n[:7]}ctk"])
        out.append(account("x", written("x", h), since_for("x"), reviewed, "inactive",
                           "Tidak ada unggahan sejak 2020."))
    return out


DESA_SERVICES = ["surat pengantar KTP dan KK", "surat keterangan domisili", "SKTM",
                 "surat keterangan usaha", "BLT Dana Desa", "informasi APBDes",
                 "pengantar nikah", "surat keterangan kematian", "PBB", "posyandu",
                 "BUMDes", "surat keterangan kelahiran"]
KEL_SERVICES = ["surat pengantar KTP dan KK", "surat keterangan domisili", "SKTM",
                "surat keterangan usaha", "pengantar nikah", "surat keterangan ahli waris",
                "pengantar SKCK", "PBB", "surat keterangan kematian", "posyandu"]


def village_handles(kind: str, name: str, kec: str) -> dict[str, list[str]]:
    n, k = squash(name), squash(kec)
    if k == n:  # the seat village: "desasukamaju_sukamaju" reads badly
        k = "kabcontoh"
    if kind == "desa":
        ig = [f"desa{n}_{k}", f"pemdes.{n}.{k}", f"desa.{n}.contoh", f"pemdes{n}_kabcontoh",
              f"desa_{n}_{k}", f"desa{n}.{k}", f"desa{n}.ctk", f"pemdes{n}ctk"]
        fb = [f"pemdes.{n}.{k}", f"desa{n}{k}", f"desa.{n}.kabcontoh", f"pemerintahdesa{n}.{k}",
              f"desa.{n}.{k}", f"pemdes{n}ctk"]
        yt = [f"Desa{camel(name)}{camel(kec)}", f"Pemdes{camel(name)}Contoh",
              f"Desa{camel(name)}TV"]
        prefix = "desa"
    else:
        ig = [f"kel.{n}.{k}", f"kelurahan{n}_contoh", f"kelurahan.{n}.contoh", f"kel{n}_ctk"]
        fb = [f"kelurahan.{n}.contoh", f"kel.{n}.{k}", f"kelurahan{n}contoh", f"kel{n}ctk"]
        yt = [f"Kelurahan{camel(name)}Contoh", f"Kel{camel(name)}{camel(kec)}"]
        prefix = "kel"
    tt = [h for h in ig if len(h) <= 24] + [f"{prefix}{n}_ctk"[:24], f"{prefix}{n[:12]}.{k[:6]}"]
    return {"instagram": ig, "facebook": fb, "youtube": yt, "tiktok": tt}


def rotate(items: list[str], k: int) -> list[str]:
    k %= len(items)
    return items[k:] + items[:k]


def village_accounts(kind: str, name: str, kec: str, mode: str, slug_id: str) -> list[dict]:
    """mode: 'active' (at least one active account), 'stale' (only inactive), 'none'."""
    if mode == "none":
        return []
    cands = village_handles(kind, name, kec)
    style = rng.randrange(4)
    reviewed = rdate(REVIEW_FROM, REVIEW_TO)
    if mode == "stale":
        h = claim("facebook", rotate(cands["facebook"], style))
        year = rng.randint(2021, 2024)
        return [account("facebook", written("facebook", h), ydate(2016, year - 1), reviewed,
                        "inactive", f"Tidak ada unggahan sejak {year}.")]
    odds = {"facebook": 0.75, "instagram": 0.62, "tiktok": 0.22, "youtube": 0.12,
            "website": 0.12}
    platforms = [p for p, odd in odds.items() if rng.random() < odd]
    if not any(p in platforms for p in ("facebook", "instagram", "tiktok")):
        platforms.insert(0, rng.choice(["facebook", "instagram"]))
    out = []
    for platform in platforms:
        since = since_for(platform, 2017)
        if platform == "website":
            out.append(website_account(f"https://{slug_id}.desa.{DOMAIN}", since, reviewed))
            continue
        if platform == "facebook" and rng.random() < 0.3:
            fields = {"url": f"https://www.facebook.com/profile.php?id={fb_numeric_id()}"}
        else:
            h = claim(platform, rotate(cands[platform], style))
            fields = written(platform, h, "url" if platform == "youtube" else None)
        out.append(account(platform, fields, since, reviewed))
    # A dormant account now and then, as long as one active account remains.
    if len(out) > 1 and rng.random() < 0.12:
        victim = rng.choice([a for a in out if a["platform"] != "website"])
        year = dormant_since(victim["since"])
        victim["status"] = "inactive"
        victim["note"] = f"Tidak ada unggahan sejak {year}."
    return out


def make_kecamatan() -> tuple[list[dict], dict[str, list[dict]], list[tuple[str, str]]]:
    kecs, villages, codes = [], {}, []
    taken: set[str] = {name for name, _, _ in KECAMATAN}  # seat villages come first
    plan = []
    for i, (name, n_kel, n_desa) in enumerate(KECAMATAN, start=1):
        plan.append((i, name, village_names(name, n_kel, n_desa, taken)))
    total = sum(len(v) for _, _, v in plan)
    active_n = round(total * 0.6)
    flat = [(i, j) for i, _, vs in plan for j in range(len(vs))]
    active = set(rng.sample(flat, active_n))
    rest = [x for x in flat if x not in active]
    stale = set(rng.sample(rest, 9))
    for i, name, vs in plan:
        code = f"{REGION_CODE}.{i:02d}"
        kid = f"kecamatan-{slug(name)}"
        codes.append((code, name))
        n_kel = sum(1 for _, kind in vs if kind == "kelurahan")
        n_desa = len(vs) - n_kel
        parts = [f"{n_desa} desa"] if n_desa else []
        if n_kel:
            parts.insert(0, f"{n_kel} kelurahan")
        seat = " Kecamatan ini menjadi pusat pemerintahan kabupaten." if n_kel > 5 else ""
        channels = [channel("whatsapp", mobile(), rng.choice([None, "Layanan PATEN"]))
                    ] if rng.random() < 0.8 else []
        if rng.random() < 0.6:
            channels.append(channel("phone", landline()))
        channels.append(channel("email", f"kec.{squash(name)}@{DOMAIN}"))
        if rng.random() < 0.45:
            channels.append(channel("website", f"https://kec{squash(name)}.{DOMAIN}"))
        kecs.append(agency(
            id=kid, name=f"Kecamatan {name}", short_name=f"Kec. {name}", kind="kecamatan",
            parent=PEMDA, region_code=Q(code),
            description=f"Kecamatan {name} meliputi {' dan '.join(parts)}; kantor camat "
                        f"melayani administrasi terpadu kecamatan (PATEN).{seat}",
            services=rng.sample(KEC_SERVICES, rng.randint(4, 6)),
            aliases=[f"Kantor Camat {name}", f"Kec. {name} Kab. Contoh"],
            accounts=kecamatan_accounts(name), channels=channels,
            office=office(f"Jl. Raya {name} No. {rng.randint(1, 120)}, {name}, Kabupaten Contoh",
                          rng.choice([HOURS_OPD, "Senin–Jumat 07.30–15.30"])),
        ))
        villages[kid] = []
        counters = {"kelurahan": 1000, "desa": 2000}
        for j, (vname, kind) in enumerate(vs):
            counters[kind] += 1
            vcode = f"{code}.{counters[kind]}"
            codes.append((vcode, vname))
            vid = f"{kind}-{slug(vname)}-{slug(name)}"
            mode = "active" if (i, j) in active else "stale" if (i, j) in stale else "none"
            accounts = village_accounts(kind, vname, name, mode, f"{slug(vname)}-{slug(name)}")
            channels = []
            if rng.random() < 0.5:
                channels.append(channel("whatsapp", mobile(),
                                        rng.choice([None, None, "Layanan surat", "Pengaduan"])))
            if kind == "kelurahan" and rng.random() < 0.6:
                channels.append(channel("phone", landline()))
            if rng.random() < (0.5 if kind == "kelurahan" else 0.15):
                channels.append(channel("email", f"{'kel' if kind == 'kelurahan' else 'desa'}."
                                                 f"{squash(vname)}.{squash(name)}@{DOMAIN}"))
            hall = "Kantor Kelurahan" if kind == "kelurahan" else "Balai Desa"
            address = None
            if rng.random() < 0.85:
                address = rng.choice([
                    f"{hall} {vname}, Jl. Raya {vname} No. {rng.randint(1, 99)}, "
                    f"Kecamatan {name}",
                    f"Jl. {rng.choice(['Raya', 'Poros Desa', 'Masjid', 'Balai Desa', 'Pendidikan'])}"
                    f" No. {rng.randint(1, 60)}, RT {rng.randint(1, 9):02d}/RW "
                    f"{rng.randint(1, 6):02d}, {vname}, Kecamatan {name}",
                ] if kind == "desa" else [
                    f"{rng.choice(STREETS)} No. {rng.randint(1, 150)}, {vname}, "
                    f"Kecamatan {name}"])
            hours = None
            if rng.random() < 0.7:
                hours = (HOURS_OPD if kind == "kelurahan" else
                         rng.choice(["Senin–Jumat 08.00–14.00",
                                     "Senin–Kamis 08.00–15.00, Jumat 08.00–11.00",
                                     "Senin–Sabtu 08.00–13.00"]))
            pool = KEL_SERVICES if kind == "kelurahan" else DESA_SERVICES
            aliases = []
            if rng.random() < 0.4:
                aliases.append(f"Kantor Kelurahan {vname}" if kind == "kelurahan"
                               else f"Pemdes {vname}")
            villages[kid].append(agency(
                id=vid, name=f"{kind.capitalize()} {vname}", kind=kind, parent=kid,
                region_code=Q(vcode), services=rng.sample(pool, rng.randint(3, 5)),
                aliases=aliases, accounts=accounts, channels=channels,
                office=office(address, hours),
            ))
    return kecs, villages, codes


# ---------------------------------------------------------------------------
# Official channels beyond accounts, "Kami tidak pernah" statements, known impostors.
# Fixed values (no random draws), chosen apart from tests/corpora/scams.yml's impostors.

STATED = dt.date(2026, 11, 3)


def stated(since: dt.date, note: str | None = None, **fields) -> dict:
    out = {**fields, "status": "active", "since": since, "reviewed": STATED}
    return {**out, "note": note} if note else out


REGION_OFFICIAL = {
    "web_domains": [stated(dt.date(2015, 1, 1), domain=DOMAIN, subdomains=True)],
    "email_domains": [stated(dt.date(2015, 1, 1), domain=DOMAIN)],
    "sms_senders": [stated(dt.date(2022, 5, 2), sender="CONTOHKAB",
                           note="Pengumuman resmi Pemerintah Kabupaten Contoh.")],
    # Not 112: a national number is no region's own (tests/corpora/scams.yml lists it as
    # unrelated to the registry).
    "hotlines": [stated(dt.date(2019, 8, 17), number=Q(f"({AREA}) 521112"),
                        label="Command center Kabupaten Contoh (24 jam)")],
}
REGION_NEVER = ["otp", "personal_account", "apk", "free_service_fee", "job_fee"]
REGION_NEVER_TEXT = ["meminta pulsa atau voucher belanja atas nama Bupati atau pejabat."]

AGENCY_OFFICIAL: dict[str, dict] = {
    PEMDA: {
        "official": {
            "apps": [stated(dt.date(2023, 3, 1), name="Contoh Melayani",
                            developer="Pemerintah Kabupaten Contoh",
                            google_play="id.go.contohkab.melayani", app_store=Q("6450012345"))],
        },
        "never": ["donation"],
    },
    "bapenda": {
        "official": {
            "sms_senders": [stated(dt.date(2024, 1, 8), sender="PAJAKCONTOH",
                                   note="Pengingat jatuh tempo PBB-P2; tanpa tautan.")],
            "bank_accounts": [stated(dt.date(2020, 1, 2), bank="Bank Contoh",
                                     number=Q("001.221.0000123"), holder="RKUD Kabupaten Contoh",
                                     purpose="Pajak daerah (PBB-P2, BPHTB)")],
            "virtual_accounts": [stated(dt.date(2021, 7, 1), bank="Bank Contoh", prefix=Q("7701"),
                                        purpose="PBB-P2: 7701 diikuti 18 angka NOP")],
            "qris": [stated(dt.date(2023, 2, 1), merchant="BAPENDA KAB CONTOH",
                            nmid="ID1026001234567", purpose="Pajak restoran, hotel dan hiburan")],
        },
        "never": ["personal_account", "free_service_fee"],
    },
    "dinas-dukcapil": {
        "never": ["otp", "apk", "free_service_fee"],
        "never_text": ["meminta aktivasi IKD lewat tautan atau aplikasi kiriman WhatsApp."],
    },
    "dinas-perhubungan": {
        "official": {
            "qris": [stated(dt.date(2024, 6, 1), merchant="UPT PARKIR DISHUB KAB CONTOH",
                            purpose="Retribusi parkir tepi jalan")],
        },
    },
    "rsud-contoh": {
        "official": {
            "hotlines": [stated(dt.date(2018, 1, 1), number=Q(f"({AREA}) 521119"),
                                label="IGD 24 jam")],
        },
        "never": ["free_service_fee"],
    },
}

IMPOSTORS = [
    {"kind": "whatsapp", "value": Q("0813-9012-4471"), "imitates": PEMDA,
     "reported": dt.date(2026, 10, 12),
     "notice": f"https://diskominfo.{DOMAIN}/berita/2026/10/waspada-whatsapp-palsu-bupati",
     "note": "Memakai foto Bupati, meminta sumbangan pembangunan masjid."},
    {"kind": "account", "value": Q("@pemkabcontoh.official"), "platform": "instagram",
     "imitates": PEMDA, "reported": dt.date(2026, 9, 3),
     "notice": f"https://diskominfo.{DOMAIN}/berita/2026/09/akun-instagram-palsu",
     "note": "Menjanjikan bantuan sosial, meminta data KTP."},
    {"kind": "domain", "value": "contohkab-go-id.web.app", "imitates": PEMDA,
     "reported": dt.date(2026, 8, 20),
     "notice": f"https://diskominfo.{DOMAIN}/berita/2026/08/situs-tiruan",
     "note": "Tiruan situs Pemkab yang memasang iklan judi daring."},
    {"kind": "app", "value": "com.contohkab.dukcapil.ikd", "imitates": "dinas-dukcapil",
     "reported": dt.date(2026, 7, 14),
     "notice": f"https://disdukcapil.{DOMAIN}/berita/2026/07/aplikasi-ikd-palsu",
     "note": "Berkas .apk \"Aktivasi IKD\" yang dikirim lewat WhatsApp; mencuri SMS dan OTP."},
    {"kind": "bank_account", "value": Q("0021-01-034567-50-8"), "bank": "BRI",
     "imitates": "bapenda", "reported": dt.date(2026, 6, 2),
     "notice": f"https://bapenda.{DOMAIN}/berita/2026/06/rekening-palsu-pbb",
     "note": "Tagihan PBB palsu ke rekening pribadi."},
    {"kind": "sms_sender", "value": "BAPENDA-CTH", "imitates": "bapenda",
     "reported": dt.date(2026, 6, 2),
     "notice": f"https://bapenda.{DOMAIN}/berita/2026/06/rekening-palsu-pbb",
     "note": "SMS tagihan PBB berisi tautan unduhan aplikasi."},
    {"kind": "email", "value": "bapenda.contohkab@gmail.com", "imitates": "bapenda",
     "reported": dt.date(2026, 5, 11),
     "notice": f"https://bapenda.{DOMAIN}/berita/2026/05/surel-palsu",
     "note": "Surel gratisan yang mengaku Bapenda."},
]


def add_official(by_id: dict[str, dict], villages: dict[str, list[dict]]) -> None:
    """The official channels and statements above, into their agencies (before ``office``)."""
    extra = dict(AGENCY_OFFICIAL)
    desa = next(d for d in villages["kecamatan-sukamaju"] if d["kind"] == "desa")
    extra[desa["id"]] = {
        "official": {
            "bank_accounts": [stated(dt.date(2022, 1, 3), bank="Bank Contoh",
                                     number=Q("003.114.0045678"),
                                     holder=f"RKD {desa['name']}",
                                     purpose="Pendapatan asli desa (sewa tanah kas desa)")],
        },
        "never": ["personal_account"],
    }
    every = {**by_id, **{d["id"]: d for ds in villages.values() for d in ds}}
    for aid, fields in extra.items():
        doc = every[aid]
        office_ = doc.pop("office", None)
        doc.update(fields)
        if office_:
            doc["office"] = office_


# ---------------------------------------------------------------------------
# Writing


class Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # indent lists under their key

    def ignore_aliases(self, data) -> bool:
        return True  # shared date objects must not become &id001 anchors

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        return '"' if style == "'" else style  # one quoting style throughout


Dumper.add_representer(Q, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v),
                                                          style='"'))


def render(doc: dict, schema: str) -> str:
    body = yaml.dump(doc, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=4096,
                     default_flow_style=False)
    body = re.sub(r"\n(accounts|channels|official|never|office|impostors):", r"\n\n\1:", body)
    return f"# yaml-language-server: $schema={schema}\n{body}"


def write(path: Path, doc: dict, schema_name: str) -> None:
    depth = len(path.relative_to(ROOT).parts) - 1
    schema = "../" * depth + f"generator/schema/{schema_name}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(doc, schema), encoding="utf-8")


# Post feeds: a separate random stream, so adding feeds leaves every other value unchanged.
frng = random.Random(4601)
FEED_ODDS = {"opd": 0.55, "kecamatan": 0.6, "desa": 0.15}
BRIDGE = f"https://rsshub.{DOMAIN}"  # a self-hosted RSSHub for platforms without feeds


def feed_url(acc: dict) -> str | None:
    """A plausible feed for one account: YouTube's own, a website's /feed/, or a bridge."""
    import sys

    sys.path.insert(0, str(ROOT))
    from generator.registry.accounts import normalize_account

    norm = normalize_account(acc["platform"], acc.get("handle"), acc.get("url"))
    handle = norm.handle
    platform = acc["platform"]
    if platform == "youtube":
        if handle.startswith("UC") and "/channel/" in norm.url:
            return f"https://www.youtube.com/feeds/videos.xml?channel_id={handle}"
        return f"{BRIDGE}/youtube/user/@{handle}"
    if platform == "website":
        return norm.url.rstrip("/") + "/feed/"
    if platform == "facebook":
        return (f"https://rss-bridge.{DOMAIN}/?action=display&bridge=FacebookBridge"
                f"&context=User&u={handle}&format=Atom")
    path = {"instagram": "instagram/user", "x": "twitter/user", "tiktok": "tiktok/user",
            "threads": "threads"}.get(platform)
    return f"{BRIDGE}/{path}/{handle}" if path else None


def add_feeds(groups: dict[str, list[dict]]) -> None:
    """Give a share of the active accounts a feed (the rest show as 'no feed')."""
    for level, docs in groups.items():
        for doc in docs:
            for acc in doc.get("accounts", []):
                if acc["status"] == "active" and frng.random() < FEED_ODDS[level]:
                    url = feed_url(acc)
                    if url:
                        acc["feed"] = url


THEMES = [
    {"id": "infrastruktur", "name": "Infrastruktur",
     "keywords": ["jalan", "jembatan", "irigasi", "drainase", "infrastruktur", "pembangunan"]},
    {"id": "pariwisata", "name": "Pariwisata",
     "keywords": ["wisata", "pariwisata", "festival", "budaya", "homestay"]},
    {"id": "umkm", "name": "UMKM",
     "keywords": ["umkm", "usaha mikro", "pelaku usaha", "pasar", "produk lokal", "koperasi"]},
    {"id": "pertanian", "name": "Pertanian",
     "keywords": ["tani", "petani", "pertanian", "panen", "pupuk", "benih", "ternak"]},
    {"id": "reformasi-birokrasi", "name": "Reformasi birokrasi",
     "keywords": ["reformasi birokrasi", "pelayanan publik", "zona integritas", "inovasi layanan",
                  "sakip", "maturitas"]},
]


def main() -> None:
    DATA.mkdir(exist_ok=True)
    if AGENCIES.exists():
        shutil.rmtree(AGENCIES)
    NUMBERS.add("+62298521000")  # the Setda operator number used by pemda and publisher

    pemda = make_pemda()
    opd = make_opd()
    kecs, villages, codes = make_kecamatan()
    by_id = {a["id"]: a for a in [pemda, *opd, *kecs]}
    retire(by_id)
    # A few dormant OPD accounts (still official, no longer posting).
    candidates = [acc for a in opd for acc in a.get("accounts", [])
                  if acc["status"] == "active" and acc["platform"] in ("x", "youtube", "threads")]
    for acc in rng.sample(candidates, 5):
        year = dormant_since(acc["since"])
        acc["status"] = "inactive"
        acc["note"] = f"Tidak ada unggahan sejak {year}."

    add_official(by_id, villages)
    add_feeds({"opd": [pemda, *opd], "kecamatan": kecs,
               "desa": [d for ds in villages.values() for d in ds]})

    region = {
        "name": "Kabupaten Contoh",
        "code": Q(REGION_CODE),
        "timezone": "Asia/Jakarta",
        "demo": True,
        "extra_region_codes": "wilayah-contoh.csv",
        "publisher": {
            "name": "Dinas Komunikasi dan Informatika Kabupaten Contoh",
            "url": f"https://diskominfo.{DOMAIN}",
            "email": f"diskominfo@{DOMAIN}",
            "phone": Q(f"({AREA}) 521000"),
        },
        "themes": THEMES,
        "official": REGION_OFFICIAL,
        "never": REGION_NEVER,
        "never_text": REGION_NEVER_TEXT,
    }
    write(DATA / "region.yml", region, "region.schema.json")
    write(DATA / "impostors.yml", {"impostors": IMPOSTORS}, "impostors.schema.json")
    with (DATA / "wilayah-contoh.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["kode", "nama"])
        out.writerow(["99", "Provinsi Contoh"])
        out.writerow([REGION_CODE, "Kabupaten Contoh"])
        out.writerows(codes)

    for doc in [pemda, *opd]:
        write(AGENCIES / "opd" / f"{doc['id']}.yml", doc, "agency.schema.json")
    for doc in kecs:
        write(AGENCIES / "kecamatan" / f"{doc['id']}.yml", doc, "agency.schema.json")
    for kid, docs in villages.items():
        for doc in docs:
            write(AGENCIES / "desa" / kid / f"{doc['id']}.yml", doc, "agency.schema.json")

    everything = [pemda, *opd, *kecs, *(d for ds in villages.values() for d in ds)]
    accounts = sum(len(a.get("accounts", [])) for a in everything)
    print(f"{len(everything)} instansi, {accounts} akun ditulis ke {DATA.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
    # region.yml was just rewritten: the complaint records (and their `complaints:` settings)
    # and the post history are generated from these agencies, so regenerate them too.
    import runpy

    for script in ("make_demo_complaints.py", "make_demo_posts.py"):
        runpy.run_path(str(Path(__file__).with_name(script)), run_name="__main__")
