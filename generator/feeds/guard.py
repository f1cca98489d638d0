"""An httpx transport that only connects to public addresses (or explicitly allowed ones).

The check sits in the httpcore network backend, where every new connection starts: on the
first request and on every redirect hop. It resolves the name itself, checks every address
the name resolves to, and connects to the address it checked, so DNS cannot answer
differently between the check and the connection (DNS rebinding). TLS still verifies the
certificate for the host name, and the Host header still carries the name: httpcore takes
both from the URL, not from the address connected to.

A request hook refuses other schemes and URLs with credentials on every hop, before any
connection. Proxies from the environment are not used: behind a proxy the destination would
be resolved by the proxy, out of this check's sight.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable

import httpcore
import httpx

from generator.safeinput.addresses import AllowList, IPAddress, is_public, literal_address, unmapped


class Refused(Exception):
    """A destination the feed may not be fetched from; the message is for the user.

    Not an httpx/httpcore exception on purpose: httpx passes it through unchanged, and it is
    never retried."""


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks and connects to the checked address."""

    def __init__(self, allow: AllowList, inner: httpcore.AsyncNetworkBackend | None = None):
        self.allow = allow
        self.inner = inner or httpcore.AnyIOBackend()

    async def addresses(self, host: str, port: int) -> list[IPAddress]:
        """Every address of ``host``, each checked; raises Refused on the first not allowed."""
        literal = literal_address(host)
        if literal is not None:
            found: list[IPAddress] = [literal]
        else:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, port, type=socket.SOCK_STREAM
                )
            except (socket.gaierror, UnicodeError) as exc:
                raise httpcore.ConnectError(f"nama host tidak ditemukan: {host}") from exc
            found = []
            for info in infos:
                ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
                if ip not in found:
                    found.append(ip)
        if not self.allow.permits_name(host):
            for ip in found:
                if not is_public(ip) and not self.allow.permits_address(ip):
                    raise Refused(f"alamat tidak publik ({unmapped(ip)}) ditolak")
        return found

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                found = await self.addresses(host, port)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"nama host {host} tidak terjawab") from exc
        failure: Exception = httpcore.ConnectError(f"nama host tanpa alamat: {host}")
        for ip in found:
            try:
                return await self.inner.connect_tcp(
                    str(ip),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise Refused("soket lokal ditolak")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


async def check_request(request: httpx.Request) -> None:
    """Request hook, run on the first request and on every redirect hop."""
    if request.url.scheme not in ("http", "https"):
        raise Refused(f"skema '{request.url.scheme}:' ditolak; hanya http/https")
    if request.url.userinfo:
        raise Refused("alamat dengan nama pengguna atau sandi ditolak")


def guarded_transport(allow: AllowList, limits: httpx.Limits) -> httpx.AsyncHTTPTransport:
    """httpx's transport with its connection pool built on GuardedBackend."""
    transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
    # httpx exposes no network_backend option; its transport only wraps this pool.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=GuardedBackend(allow),
    )
    return transport
