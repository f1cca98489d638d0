"""Agency files in the clerk's words, and no personal data in their free text."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests.conftest import FIXTURES, TODAY, without_completeness


def _check(tmp_path: Path, replace: list[tuple[str, str]]) -> tuple[object, list[str]]:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    path = data / "agencies" / "dinkes.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    lines = [str(p).replace(str(data), "data") for p in problems.sorted()]
    return directory, without_completeness([line for line in lines if "dinkes.yml" in line])


def test_platform_status_and_channel_type_in_the_clerks_words(tmp_path):
    directory, lines = _check(
        tmp_path,
        [
            ("platform: x\n", "platform: Twitter\n"),
            ("    status: active\n    since", "    status: aktif\n    since"),
            ("type: whatsapp", "type: WA"),
            ("type: email", "type: surel"),
        ],
    )
    assert lines == []
    accounts = directory.agencies["dinas-kesehatan"].accounts
    assert [a.platform.value for a in accounts][:2] == ["instagram", "x"]
    assert [c.type.value for c in directory.agencies["dinas-kesehatan"].channels][:3] == [
        "whatsapp",
        "phone",
        "email",
    ]


def test_unknown_words_get_a_suggestion(tmp_path):
    _, lines = _check(
        tmp_path,
        [("platform: instagram", "platform: instagran"), ("status: archived", "status: arsipp")],
    )
    assert lines == [
        "data/agencies/dinkes.yml:8:15: error: akun ke-1 (accounts).platform: nilai 'instagran' tidak dikenal; maksud Anda 'instagram'?; pilih salah satu: 'instagram', 'x', 'facebook', 'youtube', 'tiktok', 'threads', 'website' atau 'other'",
        "data/agencies/dinkes.yml:20:13: error: akun ke-3 (accounts).status: nilai 'arsipp' tidak dikenal; maksud Anda 'archived'?; pilih salah satu: 'active', 'inactive' atau 'archived'",
    ]


def test_personal_data_in_free_text_is_an_error_but_official_channels_are_not(tmp_path):
    _, lines = _check(
        tmp_path,
        [
            (
                "description: Urusan kesehatan masyarakat.",
                "description: Urusan kesehatan masyarakat. Hubungi Pak Kadis 0812-3344-5566.",
            ),
            (
                "note: Diganti akun baru sejak 2024",
                "note: Dikelola admin budi.s@gmail,com sejak 2024",
            ),
            ("label: Layanan pengaduan", "label: Layanan pengaduan a.n. Siti Aminah"),
        ],
    )
    fix = "nomor, surel dan situs resmi kantor ditulis di channels (type: phone, whatsapp, email, website); data pribadi warga atau pegawai dihapus, karena repositori data ini publik"
    assert lines == [
        f"data/agencies/dinkes.yml:5:14: error: description: berisi data pribadi (1 nomor telepon); {fix}",
        f"data/agencies/dinkes.yml:22:11: error: akun ke-3 (accounts).note: berisi data pribadi (1 alamat surel); {fix}",
        f"data/agencies/dinkes.yml:26:12: error: kanal ke-1 (channels).label: berisi data pribadi (1 nama); {fix}",
    ]


def test_region_time_zone_in_the_clerks_words(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    region = data / "region.yml"
    text = region.read_text(encoding="utf-8")
    region.write_text(text.replace("timezone: Asia/Jakarta", "timezone: WITA"), encoding="utf-8")
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    assert not problems.errors, [str(p) for p in problems.errors]
    assert directory.region.timezone == "Asia/Makassar"


def test_the_same_personal_text_in_many_agencies_is_an_error_at_each(tmp_path):
    # Each distinct free text is judged once per check (personal.check_registry): a text
    # copied into two agencies and twice into one must still be an error at every place.
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    quoted = "Hubungi Pak Kadis 0812-3344-5566."
    for name in ("dinkes.yml", "bappeda.yml"):
        path = data / "agencies" / name
        text = path.read_text(encoding="utf-8")
        text = text.replace("description: Urusan kesehatan masyarakat.\n", "")
        path.write_text(text + f"description: {quoted}\n", encoding="utf-8")
    dinkes = data / "agencies" / "dinkes.yml"
    text = dinkes.read_text(encoding="utf-8")
    dinkes.write_text(
        text.replace("note: Diganti akun baru sejak 2024", f"note: {quoted}", 1), encoding="utf-8"
    )
    problems = Problems()
    load_directory(data, TODAY, problems)
    found = sorted(
        (Path(p.location.path).name, p.field)
        for p in problems.errors
        if "berisi data pribadi" in p.message
    )
    assert found == [
        ("bappeda.yml", "description"),
        ("dinkes.yml", "akun ke-3 (accounts).note"),
        ("dinkes.yml", "description"),
    ]
