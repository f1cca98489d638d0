"""Tests for generator.registry.accounts, driven by tests/cases/accounts.json (shared with the JS port)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.registry.accounts import (
    PLATFORM_LABELS,
    PLATFORMS,
    AccountError,
    NormalizedAccount,
    clean_handle,
    handle_from_url,
    identify,
    normalize_account,
)

CASES = json.loads((Path(__file__).parent / "cases" / "accounts.json").read_text("utf-8"))


def _case_id(case: dict) -> str:
    if "text" in case:
        return repr(case["text"])
    return "|".join([case["platform"], repr(case["handle"]), repr(case["url"])])


@pytest.mark.parametrize("case", CASES["normalize"], ids=_case_id)
def test_normalize_case(case: dict) -> None:
    platform, handle, url = case["platform"], case["handle"], case["url"]
    if "error" in case:
        with pytest.raises(AccountError) as info:
            normalize_account(platform, handle, url)
        assert info.value.field == case["error"]["field"]
        assert case["error"]["contains"] in info.value.message
        return
    account = normalize_account(platform, handle, url)
    assert account == NormalizedAccount(platform, **case["expect"])
    # The canonical forms are fixed points: normalizing them again changes nothing.
    assert normalize_account(platform, None, account.url) == account
    if account.handle is not None:
        assert normalize_account(platform, account.handle, None) == account


@pytest.mark.parametrize("case", CASES["identify"], ids=_case_id)
def test_identify_case(case: dict) -> None:
    result = identify(case["text"])
    expect = case["expect"]
    assert result == (None if expect is None else NormalizedAccount(**expect))


def test_case_table_is_broad() -> None:
    normalize = CASES["normalize"]
    assert len(normalize) >= 60
    for platform in PLATFORMS:
        assert any(c["platform"] == platform and "expect" in c for c in normalize), platform
        assert any(c["platform"] == platform and "error" in c for c in normalize), platform
    assert any(c["expect"] is None for c in CASES["identify"])


def test_x_and_twitter_and_at_name_share_one_key() -> None:
    spellings = [
        ("@DinkesContoh", None),
        ("dinkescontoh", None),
        (None, "https://twitter.com/DinkesContoh"),
        (None, "x.com/DINKESCONTOH"),
        (None, "https://mobile.twitter.com/dinkescontoh?s=20"),
        ("DinkesContoh", "https://www.x.com/dinkescontoh/"),
    ]
    keys = {normalize_account("x", h, u).key for h, u in spellings}
    assert keys == {"x:dinkescontoh"}


def test_youtube_channel_id_is_case_sensitive_but_handles_are_not() -> None:
    lower = normalize_account("youtube", None, "youtube.com/channel/UCabcdefghijklmnopqrstuv")
    mixed = normalize_account("youtube", None, "youtube.com/channel/UCabcDEFghiJKLmnoPQRstuv")
    assert lower.key != mixed.key
    assert mixed.key == "youtube:UCabcDEFghiJKLmnoPQRstuv"
    assert normalize_account("youtube", "@Dinkes", None).key == (
        normalize_account("youtube", None, "https://www.youtube.com/@DINKES").key
    )


def test_helpers_and_error_type() -> None:
    assert clean_handle("instagram", "  @Dinkes.Contoh ") == "Dinkes.Contoh"
    assert handle_from_url("x", "https://twitter.com/DinkesContoh?s=20") == "DinkesContoh"
    assert handle_from_url("youtube", "https://www.youtube.com/c/Dinkes/videos") == "c/Dinkes"
    with pytest.raises(ValueError) as info:  # AccountError is a ValueError for callers
        clean_handle("tiktok", "dinkes/contoh")
    assert isinstance(info.value, AccountError) and info.value.field == "handle"
    assert str(info.value) == info.value.message
    with pytest.raises(AccountError) as info:
        handle_from_url("instagram", "https://www.tiktok.com/@dinkes")
    assert info.value.field == "url"
    assert "host 'www.tiktok.com'" in info.value.message


def test_table_shape_and_labels() -> None:
    assert PLATFORM_LABELS == {
        "instagram": "Instagram",
        "x": "X (Twitter)",
        "facebook": "Facebook",
        "youtube": "YouTube",
        "tiktok": "TikTok",
        "threads": "Threads",
        "website": "Situs web",
        "other": "Lainnya",
    }
    hosts = [h for rule in PLATFORMS.values() for h in rule.hosts]
    assert len(hosts) == len(set(hosts)), "a host must belong to one platform"
    assert all(h == h.lower() for h in hosts)
    assert not PLATFORMS["website"].forms and not PLATFORMS["other"].forms


# Syntax Python accepts but JavaScript RegExp rejects or reads differently.
_NOT_PORTABLE = [
    "(?<",
    "(?P",
    "(?i",
    "(?m",
    "(?s",
    "(?x",
    "(?a",
    "*+",
    "++",
    "?+",
    "}+",
    "\\A",
    "\\Z",
    "\\z",
    "(?#",
    "[[:",
]


def test_rules_are_portable_regexes() -> None:
    patterns = [p for rule in PLATFORMS.values() for f in rule.forms for p in (*f.paths, f.handle)]
    assert patterns
    for pattern in patterns:
        assert pattern.startswith("^") and pattern.endswith("$"), pattern
        assert not any(bad in pattern for bad in _NOT_PORTABLE), pattern
        assert re.compile(pattern).groups == 1, pattern  # group 1 is the account id


_FORMS = [(name, rule, form) for name, rule in PLATFORMS.items() for form in rule.forms]


@st.composite
def _valid_handles(draw: st.DrawFn) -> tuple[str, str]:
    name, rule, form = draw(st.sampled_from(_FORMS))
    handle = draw(
        st.from_regex(form.handle, fullmatch=True).filter(
            lambda h: re.fullmatch(form.handle, h).group(1).lower() not in rule.reserved  # type: ignore[union-attr]
        )
    )
    return name, handle


@settings(database=None, max_examples=300)
@given(_valid_handles(), st.booleans())
def test_handle_and_its_url_give_the_same_key(platform_handle: tuple[str, str], at: bool) -> None:
    platform, handle = platform_handle
    account = normalize_account(platform, ("@" if at else "") + handle, None)
    assert normalize_account(platform, None, account.url).key == account.key
    assert normalize_account(platform, handle, account.url) == account
