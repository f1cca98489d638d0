"""Which feed addresses are allowed: offline in ``kanal check``, and the rules underneath."""

from __future__ import annotations

import ipaddress
import textwrap
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.feeds.decoding import BoundedDecoder, EncodingRefused, encoding_of
from generator.registry.validate import load_directory
from generator.safeinput.addresses import AllowList, is_public, literal_address, parse_entry
from generator.safeinput.problems import Problems
from tests.conftest import TODAY, without_completeness

REGION = """\
name: Kota Uji
code: "33.72"
timezone: Asia/Jakarta
publisher:
  name: Diskominfo Kota Uji
"""
HINT = "; bila ini server intranet kantor sendiri, daftarkan di region.yml: feeds.allow_private"


def check(tmp_path: Path, feeds: list[str], region: str = REGION) -> list[str]:
    data = tmp_path / "data"
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(region, encoding="utf-8")
    lines = ["id: dinkes", "name: Dinas Kesehatan", "kind: dinas", "accounts:"]
    for i, feed in enumerate(feeds):
        lines += [
            "  - platform: instagram",
            f"    handle: akun.uji{i}",
            "    status: active",
            "    reviewed: 2026-10-01",
            f"    feed: {feed}",
        ]
    (data / "agencies" / "dinkes.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = Problems()
    load_directory(data, TODAY, problems)
    lines = [str(p).replace(str(tmp_path) + "/", "") for p in problems.sorted()]
    # This region has no publisher contact and few units: those warnings are other rules'.
    return [line for line in without_completeness(lines) if ": publisher:" not in line]


def test_check_refuses_feeds_on_local_addresses_with_located_errors(tmp_path):
    feeds = [
        "http://127.0.0.1/feed.xml",
        "http://169.254.169.254/latest/meta-data/",
        "https://10.1.2.3:8443/rss",
        "http://0x7f.0.0.1/rss",  # 127.0.0.1 in a form resolvers accept
        "http://[::ffff:192.168.1.1]/rss",
        "http://printer.local/rss",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://localhost./rss",
        "https://diskominfo.contohkab.go.id/feed/",  # public: fine
    ]
    a = "data/agencies/dinkes.yml"
    assert check(tmp_path, feeds) == [
        f"{a}:9:11: error: akun ke-1 (accounts).feed: alamat tidak publik (127.0.0.1) tidak boleh dipakai untuk feed{HINT}",
        f"{a}:14:11: error: akun ke-2 (accounts).feed: alamat tidak publik (169.254.169.254) tidak boleh dipakai untuk feed{HINT}",
        f"{a}:19:11: error: akun ke-3 (accounts).feed: alamat tidak publik (10.1.2.3) tidak boleh dipakai untuk feed{HINT}",
        f"{a}:24:11: error: akun ke-4 (accounts).feed: alamat tidak publik (127.0.0.1) tidak boleh dipakai untuk feed{HINT}",
        f"{a}:29:11: error: akun ke-5 (accounts).feed: alamat tidak publik (192.168.1.1) tidak boleh dipakai untuk feed{HINT}",
        f"{a}:34:11: error: akun ke-6 (accounts).feed: nama host 'printer.local' hanya dikenal di jaringan lokal{HINT}",
        f"{a}:39:11: error: akun ke-7 (accounts).feed: nama host 'metadata.google.internal' hanya dikenal di jaringan lokal{HINT}",
        f"{a}:44:11: error: akun ke-8 (accounts).feed: nama host 'localhost.' hanya dikenal di jaringan lokal{HINT}",
    ]


def test_the_region_allow_list_admits_exactly_its_entries(tmp_path):
    region = REGION + textwrap.dedent(
        """\
        feeds:
          allow_private:
            - 10.20.0.0/16
            - 192.168.1.5
            - feeds.intranet.local
        """
    )
    feeds = [
        "http://10.20.3.4/rss",
        "http://192.168.1.5:8080/rss",
        "http://feeds.intranet.local/rss",
        "http://10.21.0.1/rss",
        "http://192.168.1.6/rss",
        "http://other.intranet.local/rss",
    ]
    lines = check(tmp_path, feeds, region)
    assert [line.split(": error: ")[1].split(":")[0] for line in lines] == [
        "akun ke-4 (accounts).feed",
        "akun ke-5 (accounts).feed",
        "akun ke-6 (accounts).feed",
    ]


def test_bad_allow_list_entries_are_located(tmp_path):
    region = REGION + textwrap.dedent(
        """\
        feeds:
          allow_private:
            - 10.1.2.3/16
            - 0.0.0.0/0
            - 8.8.8.8
            - bukan nama!
            - fd00::/8
        """
    )
    r = "data/region.yml"
    assert check(tmp_path, ["https://contoh.go.id/rss"], region) == [
        f"{r}:8:7: error: feeds.allow_private[0]: jaringan '10.1.2.3/16' tidak diawali alamat jaringannya; maksud Anda '10.1.0.0/16'?",
        f"{r}:9:7: error: feeds.allow_private[1]: jaringan '0.0.0.0/0' terlalu luas; daftarkan hanya server atau jaringan intranet kantor",
        f"{r}:10:7: error: feeds.allow_private[2]: '8.8.8.8' memuat alamat publik; alamat publik boleh diambil tanpa didaftarkan",
        f"{r}:11:7: error: feeds.allow_private[3]: 'bukan nama!' bukan alamat IP, jaringan (misalnya 10.20.0.0/16) atau nama host",
    ]


# -- the rules ------------------------------------------------------------------------------

NON_PUBLIC_V4 = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "224.0.0.0/4",
    "240.0.0.0/4",
]


@given(st.sampled_from(NON_PUBLIC_V4), st.integers(min_value=0, max_value=2**32 - 1))
def test_non_public_ipv4_is_refused_in_every_ipv6_disguise(network, n):
    net = ipaddress.IPv4Network(network)
    ip = net.network_address + (n % net.num_addresses)
    disguises = [
        ip,
        ipaddress.IPv6Address(f"::ffff:{ip}"),  # IPv4-mapped
        ipaddress.IPv6Address((0x2002 << 112) | (int(ip) << 80)),  # 6to4
        ipaddress.IPv6Address(f"64:ff9b::{ip}"),  # NAT64
    ]
    assert not any(is_public(d) for d in disguises)


@pytest.mark.parametrize(
    "text", ["::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "fec0::1", "ff02::1", "2001:db8::1"]
)
def test_non_public_ipv6_is_refused(text):
    assert not is_public(ipaddress.ip_address(text))


@pytest.mark.parametrize(
    "text", ["8.8.8.8", "103.10.20.30", "2001:4860:4860::8888", "::ffff:1.1.1.1"]
)
def test_public_addresses_pass(text):
    assert is_public(ipaddress.ip_address(text))


def test_legacy_ipv4_literals_are_read_as_resolvers_read_them():
    assert {literal_address(h) for h in ("127.1", "0x7f.0.0.1", "2130706433", "0177.0.0.1")} == {
        ipaddress.IPv4Address("127.0.0.1")
    }
    assert literal_address("1e100.net") is None


@given(st.integers(min_value=0, max_value=2**16 - 1))
def test_a_network_entry_admits_its_addresses_and_no_other(n):
    allow = AllowList.parse(["10.20.0.0/16"])
    assert allow.permits_address(ipaddress.IPv4Address(f"10.20.{n >> 8}.{n & 255}"))
    assert allow.permits_address(ipaddress.IPv6Address(f"::ffff:10.20.{n >> 8}.{n & 255}"))
    assert not allow.permits_address(ipaddress.IPv4Address(f"10.21.{n >> 8}.{n & 255}"))
    assert not allow.permits_name("10.20.0.1")


def test_entries_are_normalized():
    assert str(parse_entry(" Feeds.Intranet.Example. ")) == "feeds.intranet.example"
    assert str(parse_entry("10.1.2.3")) == "10.1.2.3/32"


# -- bounded decoding -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, ""), ("identity", ""), ("GZIP", "gzip"), ("x-gzip", "gzip"), ("deflate", "deflate")],
)
def test_supported_encodings(header, expected):
    assert encoding_of(header) == expected


@pytest.mark.parametrize(
    ("header", "error"),
    [
        ("gzip, gzip", "pengodean isi bertumpuk (gzip, gzip) ditolak"),
        ("gzip,deflate", "pengodean isi bertumpuk (gzip, deflate) ditolak"),
        ("br", "pengodean isi 'br' tidak didukung"),
    ],
)
def test_refused_encodings(header, error):
    with pytest.raises(EncodingRefused) as exc:
        encoding_of(header)
    assert str(exc.value) == error


@given(
    st.binary(max_size=3000),
    st.integers(min_value=0, max_value=200_000),
    st.sampled_from(["gzip", "deflate", "raw-deflate", ""]),
    st.integers(min_value=1, max_value=5000),
    st.integers(min_value=64, max_value=4096),
)
@settings(deadline=None)
def test_decoding_in_steps_gives_back_the_body(noise, zeros, kind, chunk, step):
    body = noise + bytes(zeros)
    wbits = {"gzip": 31, "deflate": 15, "raw-deflate": -15}.get(kind)
    if wbits is None:
        raw = body
    else:
        packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
        raw = packer.compress(body) + packer.flush()
    decoder = BoundedDecoder("deflate" if kind == "raw-deflate" else kind, step)
    pieces = [p for i in range(0, len(raw), chunk) for p in decoder.decode(raw[i : i + chunk])]
    assert b"".join(pieces) == body
    assert all(len(p) <= step for p in pieces)
