"""No file under data/ holds a person's phone number, NIK/KK or e-mail without an error.

region.yml's free text, data/thesaurus.yml, data/posts-csv/*.csv, impostor notes and agency
statements, through the real ``kanal check``: each finding at its file, line and field, all at
once, exit 1, no traceback. An office's own registered numbers and addresses may be quoted.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.feeds.parse import Post
from generator.feeds.refresh import without_contacts
from generator.registry.personal import NUMBERS_ONLY, found_in, public_values
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from generator.safeinput.publicvalues import PublicValues
from tests.conftest import FIXTURES, ROOT, TODAY
from tests.test_cli import kanal

REGION_FIX = (
    "nomor atau surel kantor yang dikutip harus terdaftar sebagai kanal resmi (channels sebuah "
    "instansi, official.hotlines, atau publisher); data pribadi warga atau pegawai dihapus, "
    "karena repositori data ini publik"
)
POSTS_FIX = (
    "unggahan boleh memuat nomor dan surel kantor yang terdaftar sebagai kanal resmi "
    "(channels sebuah instansi, official.hotlines, publisher) atau nomor layanan (112, 0800-...); "
    "nomor HP, NIK/KK dan surel pribadi dihapus, karena repositori data ini publik"
)
REGION_TAIL = """
themes:
  - id: kesehatan
    name: Kesehatan
    keywords: [posyandu, "3372012345670001"]
never_text:
  - meminta pulsa; laporkan ke WA 0812-3456-7890 atau telepon (0271) 654321
  - meminta data lewat budi.santoso@gmail.com
complaints:
  categories: [jalan rusak, "hubungi 0813 2255 7788", lainnya]
  local_holidays:
    - date: 2026-10-17
      name: Hari Jadi Kota Uji
    - date: 2026-12-01
      name: Haul sesepuh (info 0857-2233-4411)
"""
THESAURUS = """concepts:
  - id: ktp-hilang
    phrases: [ktp saya hilang, "nik saya 3372012345670001 hilang"]
    terms: [adminduk]
"""
POSTS = (
    "platform,akun,waktu,judul,tautan,ringkasan\n"
    "instagram,@dinkes.uji,2026-11-20 09:30,Posyandu balita,https://www.instagram.com/p/A1/,"
    "Info WA 0812-3456-7890 atau call center 112\n"
    "instagram,@dinkes.uji,2026-11-20 10:30,Juara lomba: hubungi 0813-9988-7766,"
    "https://www.instagram.com/p/A2/,kirim ke juara.lomba@yahoo.co.id\n"
    "instagram,@dinkes.uji,2026-11-21 10:30,Layanan (0271) 654321 dan dinkes@example.go.id,"
    "https://www.instagram.com/p/A3/,bebas pulsa 0800-1-234-567\n"
)


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    region = data / "region.yml"
    region.write_text(region.read_text(encoding="utf-8") + REGION_TAIL, encoding="utf-8")
    (data / "thesaurus.yml").write_text(THESAURUS, encoding="utf-8")
    (data / "posts-csv").mkdir()
    (data / "posts-csv" / "instagram.csv").write_text(POSTS, encoding="utf-8")
    dinkes = data / "agencies" / "dinkes.yml"
    text = dinkes.read_text(encoding="utf-8")
    dinkes.write_text(
        text.replace("office:\n", "never_text:\n  - meminta transfer ke 0896-1122-3344\noffice:\n"),
        encoding="utf-8",
    )
    (data / "impostors.yml").write_text(
        "impostors:\n"
        "  - kind: whatsapp\n"
        '    value: "0813-9012-4471"\n'
        "    reported: 2026-10-12\n"
        "    notice: https://diskominfo.example.go.id/waspada\n"
        "    note: Nomor 0813-9012-4471 mengaku petugas; korban 0857-1111-2222 melapor\n",
        encoding="utf-8",
    )
    return data


def _errors(tmp_path: Path, data: Path) -> list[str]:
    result = kanal("check", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    return [
        line.replace(str(data), "data")
        for line in result.stderr.splitlines()
        if ": error: " in line
    ]


def _replace(data: Path, edits: list[tuple[str, str, str]]) -> None:
    for path, old, new in edits:
        file = data / path
        text = file.read_text(encoding="utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new), encoding="utf-8")


REGISTRY_CLEAN = [
    ("region.yml", ', "3372012345670001"', ""),
    ("region.yml", "budi.santoso@gmail.com", "pesan pribadi"),
    ("region.yml", '"hubungi 0813 2255 7788"', "drainase"),
    ("region.yml", " (info 0857-2233-4411)", ""),
    ("thesaurus.yml", '"nik saya 3372012345670001 hilang"', "nik saya hilang"),
    ("agencies/dinkes.yml", "ke 0896-1122-3344", "ke rekening pribadi"),
    ("impostors.yml", "; korban 0857-1111-2222 melapor", ""),
]
POSTS_CLEAN = [
    ("posts-csv/instagram.csv", ": hubungi 0813-9988-7766", ""),
    ("posts-csv/instagram.csv", "kirim ke juara.lomba@yahoo.co.id", "selamat"),
]


def test_personal_data_in_the_registry_and_thesaurus_is_a_located_error(tmp_path):
    """Every finding at once; the registered WhatsApp and a fixed line in the registry's area
    code quoted in a statement are not findings."""
    data = _data(tmp_path)
    agency_fix = (
        "nomor, surel dan situs resmi kantor ditulis di channels (type: phone, whatsapp, email, "
        "website); data pribadi warga atau pegawai dihapus, karena repositori data ini publik"
    )
    assert _errors(tmp_path, data) == [
        f"data/agencies/dinkes.yml:35:5: error: pernyataan ke-1 (never_text): berisi data pribadi (1 nomor telepon); {agency_fix}",
        "data/impostors.yml:6:11: error: peniru ke-1 (impostors).note: berisi data pribadi "
        "(1 nomor telepon); nomor atau surel peniru ditulis di value, data pribadi orang lain "
        "dihapus, karena repositori data ini publik",
        # The posts typed by a clerk are checked in the same run (tests/test_check_all_at_once).
        f"data/posts-csv/instagram.csv:3:1: error: judul: berisi data pribadi (1 nomor telepon); {POSTS_FIX}",
        f"data/posts-csv/instagram.csv:3:1: error: ringkasan: berisi data pribadi (1 alamat surel); {POSTS_FIX}",
        f"data/region.yml:13:26: error: tema ke-1 (themes).kata kunci ke-2 (keywords): berisi data pribadi (1 NIK/KK); {REGION_FIX}",
        f"data/region.yml:16:5: error: pernyataan ke-2 (never_text): berisi data pribadi (1 alamat surel); {REGION_FIX}",
        f"data/region.yml:18:29: error: complaints.butir ke-2 (categories): berisi data pribadi (1 nomor telepon); {REGION_FIX}",
        f"data/region.yml:23:13: error: complaints.libur ke-2 (local_holidays).name: berisi data pribadi (1 nomor telepon); {REGION_FIX}",
        "data/thesaurus.yml:3:32: error: concepts[0].phrases[1]: berisi data "
        "pribadi (1 NIK/KK); ungkapan warga ditulis tanpa nomor, NIK/KK, surel atau nama orang, "
        "karena repositori data ini publik",
    ]


def test_personal_data_in_a_post_csv_is_a_located_error(tmp_path):
    """Rows typed by a clerk: a citizen's number or e-mail is an error at its cell; the
    registered WhatsApp, 112, a fixed line in the registry's area code, a toll-free number
    and an address at go.id are not. Clean, the same files check."""
    data = _data(tmp_path)
    _replace(data, REGISTRY_CLEAN)
    assert _errors(tmp_path, data) == [
        f"data/posts-csv/instagram.csv:3:1: error: judul: berisi data pribadi (1 nomor telepon); {POSTS_FIX}",
        f"data/posts-csv/instagram.csv:3:1: error: ringkasan: berisi data pribadi (1 alamat surel); {POSTS_FIX}",
    ]
    _replace(data, POSTS_CLEAN)
    result = kanal("check", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert ": error: " not in result.stderr


def test_the_shipped_thesaurus_as_a_regions_own_has_no_personal_data(tmp_path):
    """The shipped phrases as citizens write them: the lowercase-name rule flags none."""
    from generator.finder.knowledge import load_region

    shipped = yaml.safe_load((ROOT / "generator" / "reference" / "thesaurus.yml").read_text())
    (tmp_path / "thesaurus.yml").write_text(
        yaml.safe_dump({"concepts": shipped["concepts"]}), encoding="utf-8"
    )
    problems = Problems()
    concepts = load_region(tmp_path, problems)
    assert len(concepts) > 50
    assert [str(p) for p in problems.errors] == []


def _tiny_public(tmp_path: Path) -> PublicValues:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    assert directory is not None
    return public_values(directory.agencies.values(), directory.region)


MOBILE_PREFIXES = ["811", "812", "813", "821", "822", "838", "852", "857", "878", "896"]


@st.composite
def mobile(draw) -> str:
    digits = draw(st.sampled_from(MOBILE_PREFIXES)) + draw(
        st.text("0123456789", min_size=7, max_size=8)
    )
    lead = draw(st.sampled_from(["0", "+62", "62", "+62 "]))
    sep = draw(st.sampled_from(["", " ", "-", "."]))
    return lead + sep.join(digits[i : i + 4] for i in range(0, len(digits), 4))


TITLES = st.sampled_from(
    ["Info layanan {} (Dinkes)", "Hubungi {} untuk pendaftaran", "{}", "WA {} — buka 24 jam"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(number=mobile(), title=TITLES)
def test_a_mobile_number_is_an_error_in_a_post_unless_registered(tmp_path_factory, number, title):
    """Any Indonesian mobile number is an error in a post title; the same number registered as
    an agency's channel never is."""
    registered = PublicValues.of([number])
    other = PublicValues.of(["0812-3456-7890", "(0271) 712345", "112"])
    text = title.format(number)
    if number.replace(" ", "").replace("-", "").replace(".", "").endswith("81234567890"):
        return  # the one number `other` registers
    assert found_in(text, other, NUMBERS_ONLY) == "1 nomor telepon", text
    assert found_in(text, registered, NUMBERS_ONLY) == "", text


@settings(max_examples=60, deadline=None)
@given(
    spelling=st.sampled_from(
        ["0812-3456-7890", "081234567890", "+62 812 3456 7890", "62812.3456.7890", "0812 3456 7890"]
    ),
    title=TITLES,
)
def test_a_registered_channel_in_any_spelling_is_never_an_error(spelling, title):
    public = PublicValues.of(["+6281234567890"])  # as the registry stores it (E.164)
    assert found_in(title.format(spelling), public, NUMBERS_ONLY) == ""


def test_what_the_registry_registers_is_public(tmp_path):
    public = _tiny_public(tmp_path)
    assert "+6281234567890" in public.numbers  # dinkes' WhatsApp
    assert "271" in public.area_codes  # from its (0271) fixed line
    assert public.permits_number("(0271) 654321")  # another office line in the area
    assert not public.permits_number("(021) 500567")  # another area: register it first
    assert public.permits_number("0800-1-234-567")  # toll-free: no person holds it
    assert not public.permits_number("0812-3456-7891")
    assert public.permits_email("dinkes@example.go.id")
    assert public.permits_email("ppid@jatengprov.go.id")  # go.id: government only
    assert not public.permits_email("budi@gmail.com")
    assert not public.permits_email("dosen@ugm.ac.id")


def test_fetch_stores_feed_posts_without_a_citizens_number(tmp_path):
    public = PublicValues.of(["0812-3456-7890"])
    when = dt.datetime(2026, 11, 20, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    posts = [
        Post(
            "u1",
            "u1",
            when,
            "Selamat kepada pemenang, hubungi 0813-9988-7766",
            "NIK 3372012345670001",
        ),
        Post("u2", "u2", when, "Layanan WA 0812-3456-7890 di Jalan Pemuda", ""),
    ]
    out = without_contacts(posts, public)
    assert out[0].title == "Selamat kepada pemenang, hubungi [nomor telepon disamarkan]"
    assert out[0].summary == "NIK [NIK disamarkan]"
    assert out[1] is posts[1]  # the office's own number and a road's name are news


def test_personal_data_in_the_stored_history_is_an_error_at_its_line(tmp_path):
    """A history written before kanal fetch redacted (or edited by hand) is published as read:
    a citizen's number in a stored title is an error at its file and line; the office's own
    registered WhatsApp in another is not."""
    from generator.feeds.store import account_dir, encode

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    when = dt.datetime(2026, 11, 20, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    lines = [
        Post(
            "https://www.instagram.com/p/A1/",
            "https://www.instagram.com/p/A1/",
            when,
            "Posyandu: info WA 0812-3456-7890",
            "",
        ),
        Post(
            "https://www.instagram.com/p/A2/",
            "https://www.instagram.com/p/A2/",
            when,
            "Pemenang undian",
            "hubungi Bu Sari 0813 9988 7766",
        ),
    ]
    folder = account_dir(data / "posts", "instagram:dinkes.uji")
    folder.mkdir(parents=True)
    (folder / "2026.jsonl").write_text("".join(encode(p) + "\n" for p in lines), encoding="utf-8")
    assert _errors(tmp_path, data) == [
        "data/posts/instagram/dinkes.uji/2026.jsonl:2:1: error: ringkasan (s): berisi data pribadi "
        "(1 nomor telepon); ganti nilai itu di baris ini dengan [nomor telepon disamarkan] / "
        "[surel disamarkan] / [NIK disamarkan] (kanal fetch kini menyamarkannya sendiri), karena "
        "riwayat unggahan diterbitkan dan repositori data ini publik"
    ]
