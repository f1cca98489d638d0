"""Coverage figures: what counts, recomputed by hand from the tiny fixture."""

from __future__ import annotations

import pytest

from generator.registry.accounts import normalize_account, shown_name
from generator.registry.coverage import (
    Unit,
    completeness,
    coverage,
    directory_completeness,
    level_coverage,
    official_units,
)
from generator.registry.models import Level, Platform
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests.conftest import FIXTURES, TODAY


@pytest.fixture
def tiny():
    problems = Problems()
    directory = load_directory(FIXTURES / "tiny", TODAY, problems)
    assert directory is not None
    return directory


def test_tiny_coverage_by_hand(tiny):
    by_level = {c.level: c for c in coverage(tiny)}
    assert list(by_level) == [Level.OPD, Level.KECAMATAN, Level.DESA]  # no regency level here
    opd = by_level[Level.OPD]
    # Dinkes: active instagram + x (its facebook is archived); Bappeda: nothing.
    assert (opd.any_active.count, opd.total) == (1, 2)
    assert opd.any_active.percent == 50.0
    assert [a.id for a in opd.without] == ["bappeda"]
    assert opd.per_platform[Platform.INSTAGRAM].count == 1
    assert opd.per_platform[Platform.FACEBOOK].count == 0  # archived accounts do not count
    desa = by_level[Level.DESA]
    # Kota Surakarta has 5 kecamatan and 54 kelurahan (Kepmendagri 2025); the fixture registers
    # 1 and 2 of them: the rest count as without an account, not as absent from the figure.
    assert (desa.any_active.count, desa.total, desa.registered) == (1, 54, 2)
    assert [a.id for a in desa.without] == ["kelurahan-pajang"]  # WhatsApp alone is no account
    kec = by_level[Level.KECAMATAN]
    assert (kec.any_active.count, kec.total, kec.registered) == (1, 5, 1)
    assert kec.per_platform[Platform.INSTAGRAM].total == 5


def test_website_alone_is_not_social_media(tiny):
    bappeda = tiny.agencies["bappeda"]
    dinkes = tiny.agencies["dinas-kesehatan"]
    site = normalize_account("website", None, "https://bappeda.example.go.id")
    template = dinkes.accounts[0]
    from dataclasses import replace

    bappeda.accounts = [
        replace(
            template,
            platform=Platform.WEBSITE,
            handle=None,
            shown=shown_name(site),
            url=site.url,
            key=site.key,
        )
    ]
    opd = level_coverage(tiny, Level.OPD)
    assert [a.id for a in opd.without] == ["bappeda"]
    assert opd.per_platform[Platform.WEBSITE].count == 1


def test_empty_level_has_zero_percent_not_an_error(tiny):
    empty = level_coverage(tiny, Level.DAERAH)
    assert (empty.total, empty.any_active.percent) == (0, 0.0)


@pytest.mark.parametrize(
    ("platform", "handle", "url", "shown"),
    [
        ("instagram", "@Dinkes.Uji", None, "@Dinkes.Uji"),
        (
            "youtube",
            None,
            "https://www.youtube.com/channel/UCEQtmD2Qt1xwe1cQXDygSdC",
            "youtube.com/channel/UCEQtmD2Qt1xwe1cQXDygSdC",
        ),
        ("youtube", None, "https://www.youtube.com/@dinkes", "@dinkes"),
        ("youtube", None, "https://www.youtube.com/c/DinkesUji", "youtube.com/c/DinkesUji"),
        (
            "facebook",
            None,
            "https://www.facebook.com/profile.php?id=100064123456789",
            "facebook.com/profile.php?id=100064123456789",
        ),
        ("website", None, "https://www.sipandu.example.go.id/", "sipandu.example.go.id"),
    ],
)
def test_shown_name(platform, handle, url, shown):
    assert shown_name(normalize_account(platform, handle, url)) == shown


def test_completeness_lists_missing_units_per_kecamatan(tiny):
    by_level = {c.level: c for c in directory_completeness(tiny)}
    kec, desa = by_level[Level.KECAMATAN], by_level[Level.DESA]
    assert (kec.registered, kec.official, kec.complete) == (1, 5, False)
    assert [(g.parent, [u.code for u in g.units]) for g in kec.missing] == [
        (Unit("33.72", "Kota Surakarta"), ["33.72.02", "33.72.03", "33.72.04", "33.72.05"])
    ]
    assert (desa.registered, desa.official) == (2, 54)
    groups = {g.parent.name: len(g.units) for g in desa.missing}
    assert groups == {
        "Laweyan": 9,
        "Serengan": 7,
        "Pasar Kliwon": 10,
        "Jebres": 11,
        "Banjarsari": 15,
    }
    assert sum(groups.values()) + desa.registered == desa.official


def test_complete_registry_counts_what_is_registered():
    official = {"99.01.01": "A", "99.01.01.2001": "B", "99.01.01.2002": "C"}
    levels = completeness(
        "99.01", official, official, ["99.01.01", "99.01.01.2001", "99.01.01.2002"]
    )
    assert [(c.level, c.registered, c.official, c.complete) for c in levels] == [
        (Level.KECAMATAN, 1, 1, True),
        (Level.DESA, 2, 2, True),
    ]


def test_province_counts_its_regencies_and_cities():
    from generator.registry.regions import reference_codes

    units = official_units(reference_codes(), "33")
    assert len(units) == 35  # Jawa Tengah: 29 kabupaten and 6 kota
    assert {code.count(".") for code in units} == {1}
    (level,) = completeness("33", units, reference_codes(), ["33.16"])
    assert (level.level, level.registered, level.official) == (Level.DAERAH, 1, 35)


def test_home_counts_social_accounts_apart_from_websites(demo_site):
    """The headline count uses the coverage definition (social media); websites are told apart."""
    import re

    from bs4 import BeautifulSoup

    text = BeautifulSoup(
        (demo_site / "index.html").read_text(encoding="utf-8"), "html.parser"
    ).get_text(" ")
    found = re.search(
        r"([\d.]+) akun media sosial resmi aktif terdaftar, ditambah ([\d.]+) situs web", text
    )
    assert found, text[:2000]
    assert (int(found.group(1).replace(".", "")), int(found.group(2).replace(".", ""))) == (378, 35)
