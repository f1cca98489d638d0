"""Coverage figures: what counts, recomputed by hand from the tiny fixture."""

from __future__ import annotations

import pytest

from generator.accounts import normalize_account, shown_name
from generator.figures import coverage, level_coverage
from generator.models import Level, Platform
from generator.problems import Problems
from generator.validate import load_directory
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
    assert (desa.any_active.count, desa.total) == (1, 2)
    assert [a.id for a in desa.without] == ["kelurahan-pajang"]  # WhatsApp alone is no account


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
