"""A listed website or complaint portal that imitates an official domain is an error, and a
fake domain that a listed site holds cannot be reported as an impostor (the checker would
answer "Resmi" for it): generator.registry.sitehosts and impostors.official_keys.

The imitations are the forms phishing sites of Indonesian offices took in reports (Kominfo's
hoaks notices, BSSN and news on fake bansos, tax and population-service sites): the official
domain inside another (``pajak.go.id.verifikasi-npwp.com``, ``kemensos-go-id.web.app``,
``dukcapil-go-id.com``), run together (``kemenkeugoid.com``), ``l`` for ``i`` in ``go.id``
(``go.ld``), and letters of other scripts (punycode homographs)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.registry.sitehosts import government, host_of, imitated, mixed_script
from tests.test_validate import REGION, run

OFFICIAL = {"kotauji.go.id"}
# Each as a site would be listed (a URL), imitating kotauji.go.id.
IMITATIONS = [
    "https://kotauji.go.id.evil.example/",
    "https://www.kotauji.go.id.login-verify.com/bayar",
    "https://kotauji-go-id.web.app/",
    "https://kotauji-go-id.blogspot.com/",
    "https://kotauji.go.id-verifikasi.com/",
    "https://bapenda.kotauji.go.id.pajak-online.xyz/",
    "https://kotaujigoid.com/",
    "https://kotauji.go.ld/",
    "https://kotauji.go.id.co/",
    "https://kotauj1.go.id.evil.example/",
    "https://kоtauji.go.id/",  # Cyrillic о
    "https://dukcapil.kоtauji.go.id/",  # Cyrillic о, under a look-alike of the domain
    "https://xn--ktauji-8nf.go.id/",  # the same kоtauji in punycode
]
# Sites an office may list: its own, the national portals, villages, other hosts.
OWN_OR_OTHER = [
    "https://kotauji.go.id/",
    "https://www.kotauji.go.id/",
    "https://ppid.kotauji.go.id/informasi",
    "https://dprd-kotauji.go.id/",  # the council's own .go.id: only a government registers it
    "https://kotauji.bps.go.id/",
    "https://www.lapor.go.id/",
    "https://sukamaju.desa.id/",
    "https://desasukamaju.blogspot.com/",
    "https://visitkotauji.com/",
    "https://kotauji.com/",  # the same name elsewhere is not the domain written inside
    "https://москва.рф/",  # another script throughout is not mixed
    "https://bücher.de/",
]


@pytest.mark.parametrize("url", IMITATIONS)
def test_each_reported_form_of_imitation_is_caught(url):
    host = host_of(url)
    assert not government(host)
    assert imitated(host, OFFICIAL) == "kotauji.go.id" or mixed_script(host), host


@pytest.mark.parametrize("url", OWN_OR_OTHER)
def test_own_and_other_sites_pass(url):
    host = host_of(url)
    assert government(host) or (imitated(host, OFFICIAL) is None and not mixed_script(host))


LABEL = st.from_regex(r"[a-z][a-z0-9]{1,10}", fullmatch=True)


@given(st.lists(LABEL, max_size=3))
def test_every_host_under_an_official_domain_passes(labels):
    host = ".".join([*labels, "kotauji.go.id"])
    assert imitated(host, OFFICIAL) is None and not mixed_script(host)


@given(LABEL, st.sampled_from([".", "-"]), LABEL, st.sampled_from(["com", "net", "xyz", "web.app"]))
def test_the_official_domain_written_inside_another_is_caught(before, sep, after, tld):
    inside = "kotauji.go.id" if sep == "." else "kotauji-go-id"
    host = f"{before}{sep}{inside}{sep}{after}.{tld}"
    assert imitated(host, OFFICIAL) == "kotauji.go.id"


WEB_DOMAIN = """\
official:
  web_domains:
    - domain: kotauji.go.id
      subdomains: true
      status: active
      since: 2015-01-01
      reviewed: 2026-10-01
"""


def bapenda(channel: str) -> str:
    return (
        "id: bapenda\nname: Badan Pendapatan Daerah\nkind: badan\nchannels:\n"
        f"  - type: website\n    value: {channel}\n"
    )


def test_a_listed_look_alike_site_is_an_error_at_its_place(tmp_path, monkeypatch):
    lines, directory = run(
        tmp_path,
        monkeypatch,
        {"bapenda.yml": bapenda("https://kotauji.go.id.evil.example/")},
        REGION + WEB_DOMAIN,
    )
    assert directory is None
    assert lines == [
        "data/agencies/bapenda.yml:6:12: error: kanal ke-1 (channels).value: alamat 'kotauji.go.id.evil.example' "
        "meniru domain resmi kotauji.go.id padahal bukan di bawahnya (huruf yang mirip, atau "
        "domain resmi ditulis di dalam domain lain); bila memang milik daerah, cantumkan di "
        "official.web_domains region.yml"
    ]


def test_a_region_that_declares_no_domain_is_compared_with_its_own_sites(tmp_path, monkeypatch):
    pemkot = (
        "id: pemkot\nname: Pemerintah Kota Uji\nkind: sekretariat\nchannels:\n"
        "  - type: website\n    value: https://kotauji.go.id/\n"
    )
    files = {"pemkot.yml": pemkot, "bapenda.yml": bapenda("https://kotauji-go-id.web.app/")}
    lines, directory = run(tmp_path, monkeypatch, files)
    assert directory is None
    assert [line.split(": error: ")[0] for line in lines] == ["data/agencies/bapenda.yml:6:12"]


def test_a_listed_site_cannot_be_an_impostor_nor_can_an_official_subdomain(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "impostors.yml").write_text(
        "impostors:\n"
        "  - kind: domain\n    value: pajak-kotauji.com\n    reported: 2026-10-12\n    notice: https://kotauji.go.id/waspada\n"
        "  - kind: domain\n    value: palsu.kotauji.go.id\n    reported: 2026-10-12\n    notice: https://kotauji.go.id/waspada\n",
        encoding="utf-8",
    )
    lines, directory = run(
        tmp_path,
        monkeypatch,
        {"bapenda.yml": bapenda("https://pajak-kotauji.com/")},
        REGION + WEB_DOMAIN,
    )
    assert directory is None
    assert lines == [
        "data/impostors.yml:3:12: error: peniru ke-1 (impostors).value: 'pajak-kotauji.com' "
        "tercatat sebagai kanal resmi 'bapenda'; hapus dari daftar peniru atau dari kanal resmi",
        "data/impostors.yml:7:12: error: peniru ke-2 (impostors).value: 'palsu.kotauji.go.id' "
        "tercatat sebagai kanal resmi region.yml; hapus dari daftar peniru atau dari kanal resmi",
    ]
