"""Which addresses a feed may come from: public ones, plus what the region explicitly allows.

A feed URL is written by a clerk but may point anywhere; fetched blindly it turns the build
machine into a proxy into the office network or the cloud metadata service (SSRF). So a feed
may only be fetched from a *public* address. An office that hosts its own feed on its
intranet lists that server in ``region.yml`` (``feeds: {allow_private: [...]}``): an address,
a network or a host name, nothing broader.

``kanal check`` is offline, so it only judges what the URL itself says (scheme, credentials,
a literal address, a name that exists only on a local network); ``kanal fetch`` resolves the
name and checks every address it would connect to (``generator.feeds.guard``).

Every URL an editor writes (the publisher's, a website channel, a website account, a feed,
``site_url``) is also held to :func:`url_characters_problem`: the characters a URL never holds
unencoded, which end an HTML attribute or a ``Contact:`` line of ``security.txt``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Names that only mean something on a local network (RFC 6761, RFC 6762, ICANN's .internal,
# and suffixes common in office networks).
LOCAL_SUFFIXES = (
    "localhost",
    "local",
    "internal",
    "intranet",
    "lan",
    "home",
    "home.arpa",
    "corp",
    "localdomain",
    "private",
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # embeds an IPv4 address a NAT64 gateway reaches
# Special-purpose ranges (IANA registries), listed here too: ``is_global`` misses some of them
# in older Python versions (192.0.0.0/24 in 3.11, for one).
_SPECIAL = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/3",
        "::/127",
        "100::/64",
        "2001::/23",
        "2001:db8::/32",
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "ff00::/8",
    )
)
_HOST_NAME = re.compile(
    r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"
)
_LEGACY_IPV4 = re.compile(r"^(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}$")
_WIDEST = {4: 8, 6: 7}  # 10.0.0.0/8 and fc00::/7 are the widest private ranges


def is_public(ip: IPAddress) -> bool:
    """True for a globally routable unicast address; False for loopback, private, link-local,
    CGNAT, multicast, reserved, unspecified, and IPv6 forms that embed such an IPv4 address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public(embedded)
        if ip.is_site_local:
            return False
    if any(ip.version == net.version and ip in net for net in _SPECIAL):
        return False
    return ip.is_global and not (
        ip.is_multicast
        or ip.is_private
        or ip.is_reserved
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_unspecified
    )


def literal_address(host: str) -> IPAddress | None:
    """The address a host written as a literal stands for, also in the legacy IPv4 forms
    resolvers accept ("127.1", "0x7f.0.0.1", "2130706433"); None for a name."""
    host = host.strip("[]").lower()
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if _LEGACY_IPV4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def is_local_name(host: str) -> bool:
    """A name that only resolves on a local network (``localhost``, ``*.local``, ...)."""
    host = host.lower().rstrip(".")
    return "." not in host or any(host == s or host.endswith("." + s) for s in LOCAL_SUFFIXES)


def unmapped(ip: IPAddress) -> IPAddress:
    """An IPv4-mapped IPv6 address as the IPv4 address it stands for."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


@dataclass(frozen=True)
class AllowList:
    """Non-public destinations a region explicitly allows: addresses/networks and host names.

    A listed name may resolve to any address; a listed address or network is allowed under
    any name. Nothing else that is not public is."""

    networks: tuple[IPNetwork, ...] = ()
    names: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        """Raises ValueError (message in Indonesian) on the first entry that is not valid."""
        networks: list[IPNetwork] = []
        names: set[str] = set()
        for entry in entries:
            value = parse_entry(entry)
            if isinstance(value, str):
                names.add(value)
            else:
                networks.append(value)
        return cls(tuple(networks), frozenset(names))

    def permits_name(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.names

    def permits_address(self, ip: IPAddress) -> bool:
        ip = unmapped(ip)
        return any(ip.version == net.version and ip in net for net in self.networks)


def parse_entry(text: str) -> IPNetwork | str:
    """One ``allow_private`` entry: an address, a network (CIDR) or a host name."""
    value = text.strip().lower().rstrip(".")
    address = None
    try:
        address = ipaddress.ip_network(value.strip("[]"), strict=True)
    except ValueError as exc:
        if "host bits set" in str(exc):
            net = ipaddress.ip_network(value, strict=False)
            raise ValueError(
                f"jaringan '{text}' tidak diawali alamat jaringannya; maksud Anda '{net}'?"
            ) from None
    if address is not None:
        if address.prefixlen < _WIDEST[address.version]:
            raise ValueError(
                f"jaringan '{text}' terlalu luas; daftarkan hanya server atau jaringan intranet kantor"
            )
        if is_public(address.network_address) or is_public(address.broadcast_address):
            raise ValueError(
                f"'{text}' memuat alamat publik; alamat publik boleh diambil tanpa didaftarkan"
            )
        return address
    if not _HOST_NAME.match(value) or _LEGACY_IPV4.match(value):
        raise ValueError(
            f"'{text}' bukan alamat IP, jaringan (misalnya 10.20.0.0/16) atau nama host"
        )
    return value


# Never valid unencoded in a URL (RFC 3986): they end an attribute or a line where the URL is
# written, and browsers and Python read backslashes and blanks differently.
_URL_FORBIDDEN = frozenset('"<>\\`')
# Printable ASCII but the blank and _URL_FORBIDDEN: a URL of only these has nothing to report
# (one C scan; the per-character test below cost a national directory's 127,000 URLs ~1 s).
_URL_PLAIN = re.compile(r"[!#-;=?-\[\]-_a-~]*")


def url_characters_problem(url: str) -> str | None:
    """Why ``url`` holds characters a URL never holds unencoded (quote, angle brackets,
    backslash, backtick, blanks, control characters), in Indonesian; None when it holds none.
    Blanks around the URL do not count (they are stripped)."""
    value = url.strip()
    if _URL_PLAIN.fullmatch(value):
        return None
    bad = sorted({c for c in value if c in _URL_FORBIDDEN or c.isspace() or not c.isprintable()})
    if not bad:
        return None
    named = " ".join("spasi" if c == " " else repr(c) for c in bad)
    return (
        f"URL memuat karakter {named} yang tidak boleh ada di alamat web; hapus, atau tulis "
        f"sebagai kode persen (misalnya %22 untuk \", %20 untuk spasi): '{value}'"
    )


def feed_url_problem(url: str, allow: AllowList) -> str | None:
    """Why a feed URL may not be fetched, judged offline (no DNS); None when it may."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return "alamat feed tidak valid"
    if parts.scheme.lower() not in ("http", "https"):
        return f"feed harus beralamat http:// atau https://, bukan '{parts.scheme}:'"
    if parts.username is not None or parts.password is not None:
        return "alamat feed tidak boleh memuat nama pengguna atau sandi"
    ip = literal_address(host)
    if ip is not None:
        if not is_public(ip) and not allow.permits_address(ip):
            return (
                f"alamat tidak publik ({unmapped(ip)}) tidak boleh dipakai untuk feed; bila ini "
                "server intranet kantor sendiri, daftarkan di region.yml: feeds.allow_private"
            )
        return None
    if is_local_name(host) and not allow.permits_name(host):
        return (
            f"nama host '{host}' hanya dikenal di jaringan lokal; bila ini server intranet "
            "kantor sendiri, daftarkan di region.yml: feeds.allow_private"
        )
    return None
