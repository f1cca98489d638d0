"""The agency files read and checked on two cores (generator.registry.halves) give what one
process gives: every problem, in the same order, and the same directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.registry.halves as halves
from generator.registry.contacts import ContactError, parse_phone
from generator.registry.validate import load_directory
from generator.safeinput import publicvalues
from generator.safeinput.problems import Problems
from tests.conftest import TODAY

REGION = """\
name: Kota Uji
code: "33.72"
timezone: Asia/Jakarta
publisher:
  name: Diskominfo Kota Uji
  email: diskominfo@kotauji.go.id
  phone: "(0271) 642020"
"""


def _agency(n: int, extra: str = "", kind: str = "dinas", ident: str | None = None) -> str:
    return f"id: {ident or f'dinas-{n}'}\nname: Dinas Uji {n}\nkind: {kind}\n{extra}"


def _channels(*items: tuple[str, str], label: str = "") -> str:
    lines = "".join(f'  - {{type: {kind}, value: "{value}"{label}}}\n' for kind, value in items)
    return "channels:\n" + lines


def _account(url: str, reviewed: str = "2026-10-01", more: str = "") -> str:
    return (
        f"accounts:\n  - {{platform: instagram, url: '{url}', status: active, "
        f"reviewed: {reviewed}{more}}}\n"
    )


# One file each: valid agencies, and every way a file or an agency goes wrong that the checks
# across files (ids, accounts, codes, claims, parents, registered numbers) see.
SNIPPETS: list[str] = [
    _agency(1, _channels(("phone", "(0271) 712001"), ("whatsapp", "0812-2000-0001"))),
    _agency(2, _account("https://instagram.com/dinasdua") + _channels(("sms", "0812 2000 0002"))),
    _agency(3, _account("https://www.instagram.com/DinasDua/", reviewed="2024-01-01")),
    _agency(4, ident="dinas-1"),  # the id of another file
    _agency(5, _channels(("phone", "0271 71"), ("whatsapp", "(0271) 712005"))),
    _agency(6, 'description: "Kepala: nama saya Budi, telp 0812-3456-7890"\n'),
    _agency(7, 'description: "Hubungi 0812-2000-0001 atau (0271) 712001"\n'),  # registered
    _agency(8, 'description: "WA 0812-2000-0099, surel budi@gmail.com"\n'),  # not registered
    _agency(9, _account("https://instagram.com/sembilan", more=", note: 'telp 0812 7777 1234'")),
    _agency(10, _channels(("phone", "(0271) 712010"), label=", label: 'a.n. Siti 0813 1111 2222'")),
    _agency(11, 'region_code: "33.72.99"\n', kind="kecamatan"),
    _agency(12, 'region_code: "337201"\n', kind="kecamatan"),
    'id: kecamatan-laweyan\nname: Kecamatan Laweyan\nkind: kecamatan\nregion_code: "33.72.01"\n',
    "id: kelurahan-pajang\nname: Kelurahan Pajang\nkind: kelurahan\nparent: kecamatan-laweyan\n"
    'region_code: "33.72.01.1001"\n',
    "id: kelurahan-x\nname: Kelurahan Sukamaju\nkind: kelurahan\nparent: kecamatan-laweyan\n"
    'region_code: "33.72.01.1002"\n',  # a name not the code's
    "id: kelurahan-y\nname: Kelurahan Bumi\nkind: desa\nparent: dinas-tidak-ada\n"
    'region_code: "33.72.01.1002"\n',  # a code taken, a parent missing
    "id: [\n",  # YAML syntax
    "- &a {id: x}\n- *a\n",  # alias
    "id: a\n---\nid: b\n",  # two documents
    "id: dinas-dua-kali\nid: lagi\nname: X\nkind: dinas\n",  # a key twice
    _agency(13, "nmae: x\n" + _channels(("whatsapp", "(0271) 712013")), kind="dinasx"),  # salvaged
    _agency(14, "parent: dinas-15\n"),
    _agency(15, "parent: dinas-14\n"),  # a cycle
    _agency(
        16,
        "official:\n  email_domains:\n    - {domain: uji.go.id, status: active, "
        "reviewed: 2026-01-01}\n",
    ),
    _agency(
        17,
        "official:\n  email_domains:\n    - {domain: uji.go.id, status: active, "
        "reviewed: 2026-01-01}\n  hotlines:\n    - {number: '112', status: active, "
        "reviewed: 2026-01-01}\n",
    ),
    _agency(18, _account("https://instagram.com/feed18", more=", feed: 'http://10.0.0.1/x'")),
    f"- {_agency(19)}\n".replace("\nname", "\n  name").replace("\nkind", "\n  kind")
    + f"- {_agency(20, ident='dinas-2')}".replace("\nname", "\n  name").replace(
        "\nkind", "\n  kind"
    ),
    _agency(21, 'never_text: ["meminta pulsa", "  "]\nnever: [otp, otp]\n'),
    _agency(22, _account("https://x.com/bad handle")),
    "",  # an empty file
]


def _write(folder: Path, picks: list[int]) -> Path:
    data = folder / "data"
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(REGION, encoding="utf-8")
    for n, pick in enumerate(picks):
        (data / "agencies" / f"{n:03d}.yml").write_text(SNIPPETS[pick], encoding="utf-8")
    return data


def _load(data: Path, split: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[Problems, object, int]:
    """Problems and directory of one load, and how many workers it started."""
    started = []
    real = halves.forked_result

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(halves, "forked_result", counted)
    monkeypatch.setattr(halves, "SPLIT_FILES", 2 if split else 10**9)
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    return problems, directory, len(started)


def _same(data: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    one, directory_one, workers_one = _load(data, False, monkeypatch)
    two, directory_two, workers_two = _load(data, True, monkeypatch)
    assert (workers_one, workers_two) == (0, 1)
    assert two.items == one.items  # every problem, in the same order
    assert directory_two == directory_one
    return [str(p) for p in one.sorted()]


def test_every_snippet_in_both_halves(tmp_path, monkeypatch):
    """Each snippet twice (once in each half), so every rule across files meets its pair
    across the split; the printed report is the one-process report."""
    monkeypatch.chdir(tmp_path)
    picks = list(range(len(SNIPPETS))) * 2
    data = _write(tmp_path, picks)
    (data / "agencies" / "zz-link.yml").symlink_to("/etc/passwd")
    (data / "agencies" / "zz-folder.yml").mkdir()
    lines = _same(data, monkeypatch)
    text = "\n".join(lines)
    # The corpus does reach the rules it is meant to (a corpus of valid files proves nothing).
    for expected in (
        "sudah dipakai di",  # an id twice
        "juga dicantumkan oleh",  # an account twice
        "berisi data pribadi",
        "tidak ada dalam daftar Kepmendagri",
        "sintaks YAML",
        "alias/anchor",
        "induk berputar",
        "satu kanal resmi hanya milik satu pemilik",
        "alamat tidak publik",
        "tautan simbolik",
        "bukan nomor seluler",
        "tidak cocok dengan nama resmi",
    ):
        assert expected in text, expected
    # A registered number quoted in another file's text is not personal data, across halves.
    assert not any(line.startswith("data/agencies/006.yml") for line in lines)


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(picks=st.lists(st.integers(0, len(SNIPPETS) - 1), min_size=2, max_size=24))
def test_any_registry_splits_to_the_same_result(picks, monkeypatch):
    with tempfile.TemporaryDirectory() as folder:
        monkeypatch.chdir(folder)
        _same(_write(Path(folder), picks), monkeypatch)


def test_a_failed_worker_is_a_build_error(tmp_path, monkeypatch):
    """The worker's failure is reported (an OSError with its reason), never a partial load."""
    monkeypatch.chdir(tmp_path)
    data = _write(tmp_path, [0, 1, 2, 3])
    real = halves._part

    def failing(files, display, check):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise MemoryError("kehabisan memori")
        return real(files, display, check)

    parent = os.getpid()
    monkeypatch.setattr(halves, "_part", failing)
    monkeypatch.setattr(halves, "SPLIT_FILES", 2)
    with pytest.raises(OSError, match="pemeriksaan instansi: MemoryError: kehabisan memori"):
        load_directory(data, TODAY, Problems())


def test_each_channel_number_is_parsed_once(tmp_path, monkeypatch):
    """The personal-data check reads the registered numbers from the channels' own parse
    (it parsed each one again: twice the phonenumbers work of a national registry)."""
    monkeypatch.chdir(tmp_path)
    data = _write(tmp_path, [0, 1])  # three numbers, and the publisher's
    publicvalues._registered_memo.clear()
    calls = []
    real = phonenumbers.parse

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(phonenumbers, "parse", counted)
    monkeypatch.setattr(halves, "SPLIT_FILES", 10**9)
    problems = Problems()
    assert load_directory(data, TODAY, problems) is not None
    assert len(calls) == 4, calls


NUMBER_TEXT = st.builds(
    lambda prefix, digits: prefix + digits,
    st.sampled_from(["08", "0271 ", "(021) ", "+62 ", "62", "0800", "+1 ", "1500", "021-"]),
    st.text("0123456789 -", min_size=3, max_size=14),
)


@settings(max_examples=400, database=None)
@given(text=NUMBER_TEXT, mobile=st.booleans())
def test_a_noted_number_is_the_one_a_fresh_parse_gives(text, mobile):
    """What a channel notes of its number (stored form, area code) is what parsing its
    E.164 form again gives, for every number a channel accepts."""
    try:
        number = parse_phone(text, mobile=mobile)
    except ContactError:
        return
    publicvalues._registered_memo.clear()
    value = publicvalues.remember_number(number, fixed_line=False if mobile else None)
    noted = publicvalues._registered_memo[value]
    publicvalues._registered_memo.clear()
    assert noted == publicvalues._registered(value)


def test_kanal_check_reports_a_failed_worker_without_a_traceback(tmp_path, monkeypatch, capsys):
    from generator import cli

    monkeypatch.chdir(tmp_path)
    _write(tmp_path, [0, 1, 2, 3])
    parent = os.getpid()
    real = halves._part

    def killed(files, display, check):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer leaves it: no message
        return real(files, display, check)

    monkeypatch.setattr(halves, "_part", killed)
    monkeypatch.setattr(halves, "SPLIT_FILES", 2)
    assert cli.main(["check", "--today", TODAY.isoformat()]) == 1
    err = capsys.readouterr().err
    assert err.startswith("galat: pemeriksaan instansi: proses pekerja berhenti (kode 9)")
    assert "Traceback" not in err
