"""Phone, WhatsApp, e-mail and URL normalization with the real phonenumbers library."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.registry.accounts import AccountError, normalize_account
from generator.registry.contacts import (
    ContactError,
    check_email,
    check_web_url,
    normalize_channel,
)
from generator.registry.models import ChannelIn, ChannelType
from generator.safeinput.addresses import url_characters_problem

SAME_MOBILE = [
    "0812-3456-7890",
    "0812 3456 7890",
    "+62 812-3456-7890",
    "62 812 3456 7890",
    "6281234567890",
    "wa.me/6281234567890",
    "https://wa.me/6281234567890",
    "(0812) 34567890",
]


@pytest.mark.parametrize("text", SAME_MOBILE)
def test_whatsapp_forms_are_one_number(text):
    channel = normalize_channel(ChannelIn(type=ChannelType.WHATSAPP, value=text))
    assert channel.value == "+6281234567890"
    assert channel.display == "0812-3456-7890"
    assert channel.href == "https://wa.me/6281234567890"


@pytest.mark.parametrize(
    ("text", "e164", "shown"),
    [
        ("(0271) 712345", "+62271712345", "(0271) 712345"),
        ("021-5551234", "+62215551234", "(021) 5551234"),
        ("+62 21 5551234", "+62215551234", "(021) 5551234"),
    ],
)
def test_landlines(text, e164, shown):
    channel = normalize_channel(ChannelIn(type=ChannelType.PHONE, value=text))
    assert (channel.value, channel.display, channel.href) == (e164, shown, f"tel:{e164}")


@pytest.mark.parametrize("text", ["0271712345", "021-5551234"])
def test_whatsapp_must_be_mobile(text):
    with pytest.raises(ContactError, match="bukan nomor seluler"):
        normalize_channel(ChannelIn(type=ChannelType.WHATSAPP, value=text))


@pytest.mark.parametrize("text", ["0812", "halo", "08123456789012345", ""])
def test_invalid_numbers(text):
    with pytest.raises(ContactError):
        normalize_channel(ChannelIn(type=ChannelType.PHONE, value=text))


def test_email_domain_lowercased_local_part_kept():
    assert check_email(" Dinkes.Pengaduan@ContohKab.GO.ID ") == "Dinkes.Pengaduan@contohkab.go.id"


@pytest.mark.parametrize(
    "text",
    [
        "dinkes",
        "dinkes@",
        "@contoh.go.id",
        "a b@contoh.go.id",
        "dinkes@contoh",
        "dinkes@-contoh.go.id",
    ],
)
def test_bad_emails(text):
    with pytest.raises(ContactError, match="alamat surel tidak valid"):
        check_email(text)


@pytest.mark.parametrize(
    "text", ["javascript:alert(1)", "ftp://x.go.id", "data:text/html,x", "//x.go.id", "x.go.id"]
)
def test_urls_need_http_or_https(text):
    with pytest.raises(ContactError, match="URL harus diawali"):
        check_web_url(text)


@pytest.mark.parametrize(
    "text", ["https://user:pw@x.go.id", "https://localhost/", "https://x .go.id"]
)
def test_urls_rejected(text):
    with pytest.raises(ContactError):
        check_web_url(text)


def test_website_channel_display_drops_scheme():
    channel = normalize_channel(
        ChannelIn(type=ChannelType.WEBSITE, value="https://www.dinkes.contohkab.go.id/")
    )
    assert channel.display == "dinkes.contohkab.go.id"
    assert channel.href == "https://www.dinkes.contohkab.go.id/"


@pytest.mark.parametrize(
    "text",
    [
        "https://api.whatsapp.com/send?phone=6281234567890",
        "https://api.whatsapp.com/send/?text=halo&phone=+6281234567890",
        "www.whatsapp.com/send?phone=6281234567890",
    ],
)
def test_whatsapp_send_links(text):
    channel = normalize_channel(ChannelIn(type=ChannelType.WHATSAPP, value=text))
    assert channel.value == "+6281234567890"


@pytest.mark.parametrize(
    ("kind", "text", "value", "shown", "href"),
    [
        (ChannelType.PHONE, "112", "112", "112", "tel:112"),
        (ChannelType.PHONE, "110", "110", "110", "tel:110"),
        (ChannelType.PHONE, "119", "119", "119", "tel:119"),
        (ChannelType.PHONE, "1500 123", "1500123", "1500 123", "tel:1500123"),
        (ChannelType.PHONE, "1500-46", "150046", "1500 46", "tel:150046"),
        (ChannelType.PHONE, "14045", "14045", "14045", "tel:14045"),
        (ChannelType.SMS, "1708", "1708", "1708", "sms:1708"),
        (
            ChannelType.SMS,
            "0812-3456-7890",
            "+6281234567890",
            "0812-3456-7890",
            "sms:+6281234567890",
        ),
    ],
)
def test_short_service_numbers_are_dialled_as_written(kind, text, value, shown, href):
    channel = normalize_channel(ChannelIn(type=kind, value=text))
    assert (channel.value, channel.display, channel.href) == (value, shown, href)


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        (
            ChannelType.WHATSAPP,
            "112",
            "'112' nomor layanan singkat; WhatsApp butuh nomor seluler (08...)",
        ),
        (
            ChannelType.SMS,
            "(0271) 712345",
            "nomor SMS '(0271) 712345' bukan nomor seluler (08...) atau nomor layanan singkat (1708)",
        ),
        (
            ChannelType.SMS,
            "halo",
            "'halo' bukan nomor SMS: tulis nomor seluler (0812-3456-7890) atau nomor layanan singkat (1708)",
        ),
        (ChannelType.PHONE, "12", "nomor '12' tidak valid: periksa kode area dan jumlah digitnya"),
        (
            ChannelType.PHONE,
            "150012345",
            "nomor '150012345' tidak valid: periksa kode area dan jumlah digitnya",
        ),
    ],
)
def test_short_numbers_refused_where_they_cannot_work(kind, text, message):
    with pytest.raises(ContactError) as exc:
        normalize_channel(ChannelIn(type=kind, value=text))
    assert str(exc.value) == message


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('https://kanal.x.go.id/"onmouseover=alert(1)', "'\"'"),
        ("https://kanal.x.go.id/<script>", "'<' '>'"),
        ("https://kanal.x.go.id/a\\b`c", "'\\\\' '`'"),
        ('https://kanal.x.go.id/"><svg/onload=alert(1)>', "'\"' '<' '>'"),
        ("https://kanal.x.go.id/a b\tc", "'\\t' spasi"),
        ("https://kanal.x.go.id/a\x7fb", "'\\x7f'"),
    ],
)
def test_urls_with_characters_that_end_an_attribute_are_rejected(text, shown):
    """A URL lands in attributes, JSON-LD and security.txt's Contact: line (and MkDocs writes
    site_url unescaped): every URL validator refuses what a URL never holds unencoded."""
    message = (
        f"URL memuat karakter {shown} yang tidak boleh ada di alamat web; hapus, atau tulis "
        f"sebagai kode persen (misalnya %22 untuk \", %20 untuk spasi): '{text}'"
    )
    with pytest.raises(ContactError) as err:
        check_web_url(text)  # also site_url's check
    assert str(err.value) == message
    for kind in (ChannelType.WEBSITE, ChannelType.COMPLAINT_PORTAL):
        with pytest.raises(ContactError) as err:
            normalize_channel(ChannelIn(type=kind, value=text))
        assert str(err.value) == message
    for platform in ("website", "other", "instagram"):
        with pytest.raises(AccountError) as failed:
            normalize_account(platform, None, text)
        assert (failed.value.field, failed.value.message) == ("url", message)


ALLOWED = st.text(
    st.sampled_from(
        "abcXYZ019-._~:/?#[]@!$&'()*+,;=%|{}^" + "\u00e9\u4e2d"  # what a URL may hold, or IRI
    ),
    max_size=30,
)
FORBIDDEN = st.sampled_from('"<>\\` \t\n\r\x00\x1b\x7f\x85\u00a0\u3000')


@given(before=ALLOWED, bad=FORBIDDEN, after=ALLOWED)
def test_a_forbidden_character_anywhere_in_the_path_is_refused(before, bad, after):
    text = f"https://situs.go.id/{before}{bad}x{after}"  # blanks around a URL are trimmed
    with pytest.raises(ContactError, match="URL memuat karakter"):
        check_web_url(text)
    with pytest.raises(AccountError, match="URL memuat karakter"):
        normalize_account("website", None, text)


@given(path=ALLOWED)
def test_urls_without_forbidden_characters_pass_the_character_rule(path):
    assert url_characters_problem(f"https://situs.go.id/{path}") is None


def test_urls_with_ordinary_punctuation_pass():
    url = "https://x.go.id/a-b_c.d~e/?q=1&r='2'(3)*,;:@!$+|{x}#frag"
    assert check_web_url(url) == url


def _bad_characters(url: str) -> list[str]:
    """The rule as first written, a character at a time: what the fast path must agree with."""
    value = url.strip()
    return sorted({c for c in value if c in '"<>\\`' or c.isspace() or not c.isprintable()})


def _agrees_with_the_rule(url: str) -> None:
    problem, bad = url_characters_problem(url), _bad_characters(url)
    assert (problem is None) == (not bad), (url, problem)
    if bad:
        named = " ".join("spasi" if c == " " else repr(c) for c in bad)
        assert problem.startswith(f"URL memuat karakter {named} yang"), (url, problem)


@given(
    url=st.text(
        st.one_of(
            st.characters(min_codepoint=0, max_codepoint=0x7F),
            st.sampled_from("\u00a0\u2028\u200b\u202e\x85é"),
        ),
        max_size=30,
    )
)
def test_the_plain_url_fast_path_agrees_with_the_rule_for_every_character(url):
    _agrees_with_the_rule(url)


def test_every_ascii_character_is_judged_as_the_rule_judges_it():
    for code in range(128):
        _agrees_with_the_rule(f"https://situs.go.id/a{chr(code)}b")


# Digits as people write them, near the patterns' edges: mobile and fixed-line prefixes,
# short service numbers, other countries, too few and too many digits.
PHONE_TEXT = st.tuples(
    st.sampled_from(["0", "+62", "62", "+1", "+65", "+800", "wa.me/62", "", "(0", "08"]),
    st.text(alphabet="0123456789", min_size=0, max_size=14),
    st.sampled_from(["", " ", "-", ")"]),
    st.text(alphabet="0123456789 -", max_size=6),
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(PHONE_TEXT, st.sampled_from(["ID", "US", "SG", "001"]))
def test_a_number_is_valid_exactly_when_its_type_is_known(text, region):
    """What parse_phone relies on to ask phonenumbers for a WhatsApp number's type only."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return
    known = phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.UNKNOWN
    assert phonenumbers.is_valid_number(number) == known
