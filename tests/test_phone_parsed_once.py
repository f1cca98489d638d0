"""A channel's phone number is parsed once: the personal-data check reads the registered
number and its area code from the channel's own parse (it parsed each one again)."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.registry.contacts import ContactError, parse_phone
from generator.registry.validate import load_directory
from generator.safeinput import publicvalues
from generator.safeinput.problems import Problems
from tests.conftest import TODAY
from tests.test_validate import REGION as VALIDATION_REGION

# The fixture region of the validation tests, with the publisher's own number.
REGION = VALIDATION_REGION + '  phone: "(0271) 642020"\n'

AGENCIES = [
    "id: dinas-1\nname: Dinas Uji 1\nkind: dinas\nchannels:\n"
    '  - {type: phone, value: "(0271) 712001"}\n  - {type: whatsapp, value: "0812-2000-0001"}\n',
    "id: dinas-2\nname: Dinas Uji 2\nkind: dinas\naccounts:\n"
    "  - {platform: instagram, url: 'https://instagram.com/dinasdua', status: active, "
    'reviewed: 2026-10-01}\nchannels:\n  - {type: sms, value: "0812 2000 0002"}\n',
]


def test_each_channel_number_is_parsed_once(tmp_path: Path, monkeypatch):
    data = tmp_path / "data"
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(REGION, encoding="utf-8")
    for n, text in enumerate(AGENCIES):
        (data / "agencies" / f"{n:03d}.yml").write_text(text, encoding="utf-8")
    publicvalues._registered_memo.clear()
    calls = []
    real = phonenumbers.parse

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(phonenumbers, "parse", counted)
    problems = Problems()
    assert load_directory(data, TODAY, problems) is not None, problems.items
    assert len(calls) == 4, calls  # three channels and the publisher's


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
