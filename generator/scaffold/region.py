"""``kanal init CODE [DIR]``: a region repository from the bundled Kepmendagri list.

A regency or city gets its region.yml, a starter set of the usual OPD (no accounts yet) and
one file per kecamatan listing every desa/kelurahan under it; a province gets its OPD and
its regencies and cities. Every file the scaffold writes is listed by ``scaffold_files``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.build.project import ConfigError
from generator.finder import knowledge
from generator.registry import regions
from generator.registry.zones import ZONE_LABELS, timezone_for

SCHEMA_DIR = "schema"  # the JSON Schemas, for editors; `kanal schema --out schema` refreshes them


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


@dataclass(frozen=True)
class Opd:
    id: str
    name: str  # without the region's name
    short_name: str
    kind: str


# The usual perangkat daerah (PP 18/2016); names and short names vary by region: edit them.
REGENCY_OPD = (
    Opd("sekretariat-daerah", "Sekretariat Daerah", "Setda", "sekretariat"),
    Opd("sekretariat-dprd", "Sekretariat DPRD", "Setwan", "sekretariat"),
    Opd("inspektorat", "Inspektorat", "Inspektorat", "inspektorat"),
    Opd("bappeda", "Badan Perencanaan Pembangunan Daerah", "Bappeda", "badan"),
    Opd("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "badan"),
    Opd("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "badan"),
    Opd("bpbd", "Badan Penanggulangan Bencana Daerah", "BPBD", "badan"),
    Opd("dinas-kominfo", "Dinas Komunikasi dan Informatika", "Diskominfo", "dinas"),
    Opd("dinas-dukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "dinas"),
    Opd("dinas-kesehatan", "Dinas Kesehatan", "Dinkes", "dinas"),
    Opd("dinas-pendidikan", "Dinas Pendidikan", "Dindik", "dinas"),
    Opd("dinas-pupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "dinas"),
    Opd("dinas-sosial", "Dinas Sosial", "Dinsos", "dinas"),
    Opd("dinas-pmd", "Dinas Pemberdayaan Masyarakat dan Desa", "Dispermades", "dinas"),
    Opd(
        "dpmptsp",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        "dinas",
    ),
    Opd("satpol-pp", "Satuan Polisi Pamong Praja", "Satpol PP", "satuan"),
    Opd("rsud", "Rumah Sakit Umum Daerah", "RSUD", "rsud"),
)
PROVINCE_OPD = tuple(
    o for o in REGENCY_OPD if o.id not in ("dinas-dukcapil", "dinas-pmd", "bkpsdm")
) + (Opd("bkd", "Badan Kepegawaian Daerah", "BKD", "badan"),)


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # "Kabupaten Blora", "Kota Surakarta", "Provinsi Jawa Tengah"
    pemda_id: str

    @property
    def is_province(self) -> bool:
        return regions.depth(self.code) == 1


def find_region(code: str) -> Region:
    """The province or regency/city with this code, or a ConfigError that says what to type."""
    codes = regions.reference_codes()
    code = code.strip()
    if re.search(r"[^\d.\s]", code):  # a name: "Pacitan", "Kabupaten Pacitan", "kota blitar"
        code = _code_by_name(code)
    if code not in codes:
        hint = "."  # ends the sentence when there is no suggestion
        digits = re.sub(r"\D", "", code)
        dotted = ".".join(digits[i : i + 2] for i in range(0, min(len(digits), 4), 2))
        if dotted != code and dotted in codes:
            hint = f"; maksud Anda '{dotted}' ({codes[dotted]})?"
        raise ConfigError(
            f"kode '{code}' tidak ada dalam daftar Kepmendagri 2025{hint} Tulis kode provinsi "
            "(misalnya 33) atau kabupaten/kota (misalnya 33.16)."
        )
    if regions.depth(code) > 2:
        raise ConfigError(
            f"kode '{code}' adalah wilayah {'kecamatan' if regions.depth(code) == 3 else 'desa/kelurahan'} "
            f"({codes[code]}); kanal init butuh kode provinsi (misalnya {code[:2]}) atau "
            f"kabupaten/kota (misalnya {code[:5]})"
        )
    name = codes[code]
    if regions.depth(code) == 1 and not name.startswith("Daerah "):
        name = f"Provinsi {name}"
    return Region(code, name, f"pemerintah-{slug(name)}")


def _code_by_name(name: str) -> str:
    """The one province or regency/city named ``name``, or a ConfigError listing the choices."""
    from generator.registry.lookup import path_text, search

    found, exact = search(name, max_depth=2)
    if len(found) == 1 and exact:
        return found[0].code
    choices = "\n".join(f"  kanal init {p.code}   # {path_text(p.code)}" for p in found[:20])
    if len(found) > 1 or (found and not exact):
        intro = "cocok dengan beberapa daerah" if exact else "tidak ada; yang mirip"
        raise ConfigError(f"nama '{name}' {intro}; pilih dan tulis kodenya:\n{choices}")
    lower, _ = search(name)
    if lower:
        where = "\n".join(f"  {p.code}  {path_text(p.code)}" for p in lower[:10])
        raise ConfigError(
            f"'{name}' bukan nama provinsi atau kabupaten/kota, tetapi ada kecamatan/desa "
            f"bernama itu:\n{where}\nkanal init butuh kode provinsi atau kabupaten/kota "
            "(dua bagian pertama kode di atas)."
        )
    raise ConfigError(
        f"nama '{name}' tidak ada dalam daftar Kepmendagri 2025; cari dengan: kanal wilayah NAMA"
    )


def _yaml_text(value: str) -> str:
    """A double-quoted YAML scalar: official names may hold quotes or colons."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _header(schema: str, depth: int) -> str:
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{schema}.schema.json\n"


def region_yml(region: Region) -> str:
    zone = timezone_for(region.code)
    publisher = f"Dinas Komunikasi dan Informatika {region.name}"
    return (
        _header("region", 1)
        + f"# Dibuat oleh `kanal init {region.code}` dari daftar Kepmendagri 2025.\n"
        f"name: {_yaml_text(region.name)}\n"
        f'code: "{region.code}"\n'
        f"timezone: {zone}  # {ZONE_LABELS[zone]}\n"
        "publisher:\n"
        "  # Pengelola situs ini: periksa namanya, lalu isi alamat situs, surel dan telepon\n"
        "  # resminya (hapus tanda # di depannya). Jangan isi nomor karangan.\n"
        f"  name: {_yaml_text(publisher)}\n"
        "  # url: https://diskominfo.NAMADAERAH.go.id\n"
        "  # email: diskominfo@NAMADAERAH.go.id\n"
        '  # phone: "(0xxx) xxxxxx"\n'
        "# Alamat publik situs ini, bila sudah ada (kode QR pada poster menunjuk ke sana):\n"
        "# site_url: https://kanal.NAMADAERAH.go.id\n" + REGION_OFFICIAL_EXAMPLE
    )


# Commented: an office fills what it really has (README.md, "Kanal resmi lain dan peniru").
REGION_OFFICIAL_EXAMPLE = """
# Kanal resmi seluruh daerah yang sering ditiru penipu (hapus # lalu isi yang benar):
# official:
#   web_domains:          # semua *.NAMADAERAH.go.id resmi; NAMADAERAH.go.id.lain.com tidak
#     - {domain: NAMADAERAH.go.id, subdomains: true, status: active, reviewed: 2026-01-31}
#   email_domains:
#     - {domain: NAMADAERAH.go.id, status: active, reviewed: 2026-01-31}
#   sms_senders:          # nama pengirim SMS resmi atau kode singkat
#     - {sender: NAMADAERAH, status: active, reviewed: 2026-01-31}
#   hotlines:
#     - {number: "112", label: Panggilan darurat, status: active, reviewed: 2026-01-31}
# Pernyataan "Kami tidak pernah ..." untuk seluruh daerah (tampil di setiap halaman dan poster).
# Cek resmi memakainya: pesan yang meminta hal yang dinyatakan di sini (kode OTP, transfer ke
# rekening pribadi, ...) ditandai PALSU. Selama baris ini diberi #, tidak ada yang ditandai.
# never: [otp, personal_account, apk, free_service_fee, donation, job_fee]
# never_text: ["meminta pulsa atas nama Bupati."]
"""


def _agency(fields: list[tuple[str, str | None]], indent: str = "") -> str:
    lines = []
    for i, (key, value) in enumerate(fields):
        if value is None:
            continue
        prefix = indent if i else (indent[:-2] + "- " if indent else "")
        lines.append(f"{prefix}{key}: {value}")
    return "\n".join(lines) + "\n"


def _services(services: tuple[str, ...]) -> str:
    """The usual services of an OPD's kind (generator/reference/urusan.yml), for the finder
    to answer before anyone types a service: edit them to what the office really does."""
    if not services:
        return ""
    lines = "".join(f"  - {_yaml_text(s)}\n" for s in services)
    return (
        "# Layanan yang lazim untuk jenis OPD ini (urusan.yml); sesuaikan dengan tugas OPD Anda.\n"
        "services:\n" + lines
    )


def _opd_files(region: Region) -> dict[str, str]:
    files: dict[str, str] = {}
    kind_of_region = regions.region_kind(region.code, region.name).capitalize()
    short_region = region.name.removeprefix("Provinsi ").removeprefix(f"{kind_of_region} ")
    pemda_short = "Pemprov " if region.is_province else f"Pem{kind_of_region[:3].lower()} "
    files[f"data/agencies/opd/{region.pemda_id}.yml"] = _header("agency", 3) + _agency(
        [
            ("id", region.pemda_id),
            ("name", _yaml_text(f"Pemerintah {region.name}")),
            ("short_name", _yaml_text(pemda_short + short_region)),
            ("kind", "pemda"),
        ]
    )
    has_desa = any(
        c.startswith(region.code + ".")
        and regions.depth(c) == 4
        and not regions.is_kelurahan_code(c)
        for c in regions.reference_codes()
    )
    usual = {} if region.is_province else knowledge.kinds()  # urusan.yml is regency-level
    for opd in PROVINCE_OPD if region.is_province else REGENCY_OPD:
        if opd.id == "dinas-pmd" and not has_desa:
            continue  # a city of kelurahan only has no village office
        files[f"data/agencies/opd/{opd.id}.yml"] = (
            _header("agency", 3)
            + _agency(
                [
                    ("id", opd.id),
                    ("name", _yaml_text(f"{opd.name} {region.name}")),
                    ("short_name", _yaml_text(opd.short_name)),
                    ("kind", opd.kind),
                    ("parent", region.pemda_id),
                ]
            )
            + _services(usual[opd.id].services if opd.id in usual else ())
            + "# Tambahkan akun resmi (accounts:) dan kanal kontak (channels:); lihat README.md.\n"
        )
    return files


def _unique(wanted: str, code: str, taken: set[str]) -> str:
    """``wanted``, or with the code's last part when another unit already has that id."""
    ident = wanted[:80].rstrip("-")
    if ident in taken:
        ident = f"{wanted[:70].rstrip('-')}-{code.replace('.', '-')}"
    taken.add(ident)
    return ident


def _district_files(region: Region, taken: set[str]) -> dict[str, str]:
    codes = regions.reference_codes()
    children: dict[str, list[str]] = {}
    for code in sorted(codes):
        if code.startswith(region.code + "."):
            children.setdefault(regions.parent_code(code), []).append(code)
    files: dict[str, str] = {}
    for district in children.get(region.code, []):
        name = codes[district]
        district_id = _unique(f"kecamatan-{slug(name)}", district, taken)
        parts = [
            _agency(
                [
                    ("id", district_id),
                    ("name", _yaml_text(f"Kecamatan {name}")),
                    ("kind", "kecamatan"),
                    ("parent", region.pemda_id),
                    ("region_code", f'"{district}"'),
                ],
                indent="  ",
            )
        ]
        for village in children.get(district, []):
            kind = "kelurahan" if regions.is_kelurahan_code(village) else "desa"
            village_name = codes[village]
            ident = _unique(f"{kind}-{slug(village_name)}-{slug(name)}", village, taken)
            parts.append(
                _agency(
                    [
                        ("id", ident),
                        ("name", _yaml_text(f"{kind.capitalize()} {village_name}")),
                        ("kind", kind),
                        ("parent", district_id),
                        ("region_code", f'"{village}"'),
                    ],
                    indent="  ",
                )
            )
        count = len(children.get(district, []))
        files[f"data/agencies/kecamatan/{district_id}.yml"] = (
            _header("agency", 3)
            + f"# Kecamatan {name} ({district}) dan {count} desa/kelurahan di bawahnya, menurut\n"
            "# Kepmendagri 2025. Tambahkan akun dan kontak di bawah instansi masing-masing.\n"
            + "\n".join(parts)
        )
    return files


def _regency_files(region: Region, taken: set[str]) -> dict[str, str]:
    """A province's regencies and cities, as agencies of kind kabupaten/kota."""
    codes = regions.reference_codes()
    files: dict[str, str] = {}
    for code in sorted(c for c in codes if regions.depth(c) == 2 and c[:2] == region.code):
        name = codes[code]
        kind = regions.region_kind(code, name)
        ident = _unique(slug(name), code, taken)
        files[f"data/agencies/kabupaten-kota/{ident}.yml"] = _header("agency", 3) + _agency(
            [
                ("id", ident),
                ("name", _yaml_text(f"Pemerintah {name}")),
                ("kind", kind),
                ("parent", region.pemda_id),
                ("region_code", f'"{code}"'),
            ]
        )
    return files


GITIGNORE = """\
/site/
/build/
.venv/
__pycache__/
.*.new-*/
.*.old-*/
.*.trash-*/
"""


OFFICIAL_README = """## Kanal resmi lain dan peniru

Penipu juga meniru situs, surel, pengirim SMS, aplikasi, rekening dan hotline. Nyatakan yang
resmi di bagian `official:` (di `data/region.yml` untuk seluruh daerah, atau di berkas
instansi), tambahkan pernyataan `never:` ("Kami tidak pernah ..."), dan catat peniru yang sudah
Anda umumkan di `data/impostors.yml` beserta tanggal dan tautan pengumumannya. Contohnya ada di
`data/region.yml` (baris bertanda #) dan di README Kanal. Rekening resmi selalu atas nama
lembaga, tidak pernah atas nama orang. Setiap instansi mendapat poster A4/A5 di `poster/<id>.html`
dengan kode QR ke halamannya: isi `site_url` agar kode QR memuat alamat lengkap.
"""


def office_readme(region: Region) -> str:
    from generator.scaffold.workflows import DEFAULT_KANAL_SPEC as KANAL_SPEC

    units = "kabupaten/kota" if region.is_province else "kecamatan dan desa/kelurahan"
    folder = "kabupaten-kota" if region.is_province else "kecamatan"
    return f"""# Kanal {region.name}

Repositori ini berisi data direktori akun resmi dan kanal kontak {region.name}.
Situsnya dibangun oleh Kanal, dipasang dengan `pip` dari sumber yang sama dengan CI
(`KANAL_SPEC` di `.github/workflows/` dan `.gitlab-ci.yml`): `{KANAL_SPEC}`.
Kanal belum terbit di PyPI; jangan memasang paket bernama `kanal` dari PyPI.
Berkas CI di `.github/workflows/` (GitHub Actions) dan `.gitlab-ci.yml` (GitLab) memeriksa setiap
usulan perubahan, menerbitkan situs dari cabang utama, dan memperbarui riwayat unggahan setiap
hari; sesuaikan `KANAL_SPEC` di sana bila Kanal dipasang dari alamat lain.

## Repositori ini publik: yang boleh disimpan

Situs dari GitHub Pages membutuhkan repositori publik, jadi **setiap berkas di sini dapat
dibaca siapa saja**, termasuk riwayat git-nya. Yang boleh disimpan: nama dan kontak resmi
instansi (nomor kantor, surel dinas, alamat kantor) di tempatnya (`channels:`, `office:`), akun
resmi, dan catatan aduan **tanpa data pelapor**. Yang tidak boleh ada di berkas mana pun di
`data/`: nomor telepon/WhatsApp warga atau pegawai, NIK/KK, alamat surel pribadi (juga yang
disamarkan seperti `budi [at] gmail [dot] com`), dan nama orang ("saya Budi", "saya budi",
"a.n. Siti"). Ini berlaku untuk aduan, berkas instansi, `region.yml` (nama libur, tema dan kata
kuncinya, kategori aduan, `never_text`), `impostors.yml`, `thesaurus.yml` dan
`posts-csv/*.csv`. Nomor dan surel kantor **boleh** dikutip (misalnya di judul unggahan: "WA
0812-... (Dukcapil)") bila sudah terdaftar sebagai kanal resmi: `channels:` sebuah instansi,
`official.hotlines`, atau `publisher`. Nomor layanan (112, 0800-...), telepon kantor dengan
kode wilayah yang sama dengan telepon kantor yang terdaftar, dan surel `@...go.id` atau
`@...desa.id` juga boleh. `kanal check` menolak sisanya di sel atau barisnya; `kanal import`
membuangnya sebelum menulis; `kanal fetch` menyamarkannya sebelum menyimpan unggahan.
Bila data pribadi terlanjur di-commit, menghapusnya di commit baru tidak menghapusnya dari
riwayat: hubungi pengelola repositori untuk menulis ulang riwayat.

## Yang perlu diisi

1. `data/region.yml`: periksa nama pengelola (`publisher`), lalu isi alamat situs, surel
   dan telepon resminya. Jangan isi nomor karangan.
2. `data/agencies/opd/`: satu berkas per perangkat daerah. Sesuaikan nama resminya, hapus
   yang tidak ada, tambahkan yang belum ada, lalu isi akun resmi (`accounts:`) dan kanal
   kontak (`channels:`).
3. `data/agencies/{folder}/`: {units} menurut daftar Kepmendagri 2025, lengkap. Isi akun
   dan kontaknya; jangan hapus yang belum punya akun: yang kosong dihitung sebagai belum
   punya akun.

Akun dan kontak ditulis di akhir berkas instansinya, seperti ini (ganti alamat dan nomornya
dengan yang resmi; `status`: `active`, `inactive` atau `archived`; `reviewed`: tanggal
terakhir Anda memeriksa akun itu):

```yaml
accounts:
  - platform: instagram   # instagram, x, facebook, youtube, tiktok, threads, website, other
    url: https://www.instagram.com/namaakun/
    status: active
    reviewed: 2026-01-31
channels:
  - type: whatsapp        # whatsapp, phone, sms, email, website, complaint_portal
    value: "0812 0000 0000"
  - type: phone
    value: "(0296) 000000"
```

{OFFICIAL_README}

Nilai boleh ditulis dengan kata sehari-hari: `aktif`/`tidak aktif`/`diarsipkan`, `Twitter`
(menjadi `x`), `IG`, `FB`, `WA`, `telepon`, `surel`. Nilai lain yang mirip diberi saran
("maksud Anda ...?").

## Aduan (`data/complaints/`)

Catatan aduan ditulis sebagai CSV, `.xlsx` (Excel) atau YAML di `data/complaints/`. CSV dari
Excel boleh memakai `;` atau `,`; simpan sebagai **CSV UTF-8** (Excel: Simpan Sebagai > "CSV
UTF-8") atau langsung sebagai `.xlsx` (lembar pertama dibaca). Baris pertama adalah judul kolom:

| kolom | wajib | isi |
| --- | --- | --- |
| `id` | ya | nomor tiket (jangan nomor HP atau NIK pelapor) |
| `agency` | ya | instansi: id berkasnya, nama, singkatan (`Dinkes`) atau alias |
| `channel` | ya | `whatsapp`/`WA`, `instagram`, `x`/`Twitter`, `facebook`, `tiktok`, `youtube`, `lapor`, `portal`, `email`/`surel`, `phone`/`telepon`, `sms`, `walk-in`/`datang langsung`, `letter`/`surat`, `other`/`lainnya` |
| `category` | ya | salah satu kategori daerah: `complaints.categories` di `data/region.yml` (bila tidak diisi: administrasi kependudukan, air bersih, bangunan dan tata ruang, bantuan sosial, bencana, drainase dan banjir, jalan rusak, jembatan, kepegawaian, ketenagakerjaan, ketertiban umum, layanan kesehatan, lingkungan hidup, pajak daerah, pariwisata dan kebudayaan, pasar dan harga, pencemaran, pendidikan, penerangan jalan, perizinan, pertanian dan peternakan, perumahan, pungutan liar, sampah, transportasi, lainnya) |
| `received` | ya | waktu aduan diterima, misalnya `2026-01-05T09:15+07:00`, atau `2026-01-05 09:15` bila kolom `timezone` diisi; di `.xlsx` boleh sel tanggal Excel |
| `first_response` | | waktu tanggapan pertama |
| `resolved` | bila status `resolved`/`rejected` | waktu aduan selesai atau ditolak: tanpa waktu itu aduan tidak bisa dihitung lama penyelesaiannya |
| `status` | ya | `open` (`baru`, `diproses`), `resolved` (`selesai`), `rejected` (`ditolak`) |
| `kecamatan` | | nama kecamatan di daerah ini |
| `summary` | | ringkasan masalah tanpa data pribadi; hanya diterbitkan bila `complaints.publish_summaries: true` |
| `timezone` | | `WIB`, `WITA` atau `WIT` untuk waktu tanpa offset |

Contoh:

```csv
id,agency,channel,category,received,first_response,resolved,status,kecamatan,summary,timezone
ADU-2601-001,Dinkes,WA,layanan kesehatan,2026-01-05 09:15,2026-01-05 11:00,2026-01-08 14:00,selesai,,Antrean puskesmas lama,WIB
ADU-2601-002,dinas-pupr,lapor,jalan rusak,2026-01-06 08:00,,,baru,,Jalan berlubang di RT 03,WIB
```

Kolom data pribadi (`nama`, `nik`, `telepon`, `email`, `alamat`) ditolak; ringkasan seperti
"Mohon ditelepon balik ke 0812-3344-5566" juga ditolak: tulis masalahnya saja.

## Mengimpor aduan (`kanal import`)

`kanal import` mengubah ekspor menjadi CSV aduan di atas **dan membuang data pribadi sebelum
menulis** (kolom nama/NIK/telepon/surel/alamat dibuang, ringkasan disamarkan; jumlahnya dicetak).
Bila ada instansi, kategori atau status yang tidak dikenali, tidak ada yang ditulis dan setiap
masalah disebut baris dan kolomnya. Berkas `--out` yang sudah ada tidak ditimpa; tambahkan
`--replace` hanya bila isinya memang hendak diganti dengan hasil impor itu.

```sh
kanal import --format kanal rekap-aduan.xlsx --out data/complaints/2026-01.csv
kanal import --format lapor ekspor-lapor.csv --out data/complaints/lapor-2026-01.csv
kanal import --format open311 permintaan.json --out data/complaints/portal.csv
```

- `--format kanal`: lembar kerja kantor sendiri (`.xlsx` atau CSV) dengan kolom seperti tabel
  di atas, atau judul Indonesia: `nomor tiket`, `instansi`, `kanal`, `kategori`, `diterima`,
  `tanggapan pertama`, `selesai`, `status`, `kecamatan`, `ringkasan`, `zona waktu`. Waktu tanpa
  zona dibaca dalam `zona waktu` baris itu, atau zona daerah.
- `--format lapor`: ekspor SP4N-LAPOR! (`.xlsx` atau CSV): `Nomor Tiket`, `Tanggal Laporan`,
  `Judul`, `Kategori`, `Instansi Terdisposisi`, `Status`, `Tanggal Tanggapan Pertama`,
  `Tanggal Selesai`, `Lokasi Kecamatan`.
- `--format open311`: permintaan layanan Open311 GeoReport v2 (JSON).

Simpan berkas ekspor asli di luar repositori ini: berkas itu berisi data pribadi.

## Unggahan akun tanpa RSS (`data/posts-csv/`)

`kanal fetch` mengambil unggahan dari `feed:` setiap akun. Akun tanpa feed dapat dicatat di
`data/posts-csv/*.csv` (UTF-8), lalu `kanal fetch` memasukkannya ke riwayat `data/posts/`:

```csv
platform,akun,waktu,judul,tautan,ringkasan
instagram,@dinkes.contoh,2026-11-20 09:30,Posyandu balita di Desa Maju,https://www.instagram.com/p/Cx1/,
```

## Perintah

```sh
kanal check            # periksa data; tampilkan semua masalah sekaligus
kanal serve            # pratinjau langsung di http://127.0.0.1:8000/
kanal build            # bangun situs ke folder site/, lalu salin site/ ke server web
pip install -U "{KANAL_SPEC}"   # perbarui Kanal (tampilan dan halaman bawaan ikut)
kanal schema --out {SCHEMA_DIR}   # perbarui skema untuk editor setelah memperbarui Kanal
```

## Menyesuaikan situs

- `content/`: halaman Markdown sendiri. Berkas dengan nama yang sama dengan halaman bawaan
  Kanal (misalnya `tentang.md`) menggantikannya; berkas baru ditambahkan.
- `kanal.yml` (opsional): `copyright` (teks di kaki halaman) dan `nav` (menu tambahan,
  misalnya `- Layanan: layanan.md` atau `- Portal daerah: https://...`).
"""


def scaffold_files(code: str) -> tuple[Region, dict[str, str]]:
    """Every file of a new region repository, by relative path.

    This is the one place the scaffold is listed: CI workflow files join here.
    """
    region = find_region(code)
    taken = {region.pemda_id, *(o.id for o in REGENCY_OPD), *(o.id for o in PROVINCE_OPD)}
    files = {"data/region.yml": region_yml(region)}
    files.update(_opd_files(region))
    if region.is_province:
        files.update(_regency_files(region, taken))
    else:
        files.update(_district_files(region, taken))
    files[".gitignore"] = GITIGNORE
    files["README.md"] = office_readme(region)
    # The office's pipeline: pull-request check and review, Pages deploy, daily feed refresh.
    from generator.scaffold.source import installed_source
    from generator.scaffold.workflows import ci_files

    source = installed_source()  # what this office's pip actually installed (PEP 610)
    files.update(ci_files(region.code, source.spec, source.note))
    return region, files
