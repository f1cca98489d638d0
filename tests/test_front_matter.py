"""A page's front matter: libyaml's faster emitter where it writes PyYAML's text, byte for byte."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.site import pages

WORDS = st.lists(
    st.sampled_from(
        ["Dinas", "Kesehatan", "&amp;", ": ", " #", "- ", "'", '"', "null", "true", "No"]
        + ["2026-01-01", "1e3", "0x1F", "ü", "—", "’", "Ngadirejo", "*", "|", ">", "{", "["]
    ),
    max_size=30,
).map(" ".join)
TEXT = st.text(max_size=120) | WORDS


def _meta(title: str, description: str, bulk: bool) -> dict:
    meta = {"title": title, "description": description, "hide": ["toc"]}
    if bulk:
        meta["kanal_styles"] = ["aduan", "pantauan"]
        meta["search"] = {"exclude": True}
    return meta


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(TEXT, TEXT, st.booleans())
def test_the_same_text_as_pyyaml(title, description, bulk):
    meta = _meta(title, description, bulk)
    assert pages.front_matter(meta) == yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)


def test_characters_libyaml_spells_otherwise_go_through_pyyaml():
    """An astral character (libyaml escapes it) and U+0085 (it quotes it otherwise)."""
    for text in ("Dinas 𐀀 Kesehatan", "Kantor\x85Desa", "a" * 200 + " b"):
        meta = _meta(text, f"Akun resmi dan kontak {text}.", True)
        assert pages.front_matter(meta) == yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
