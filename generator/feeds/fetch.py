"""Fetching feeds over HTTP: bounded, time-limited, size-limited, conditional, retried.

Every feed gets a hard deadline (``timeout``): connect, redirects, retries, headers and body
all have to fit, so a server that drips one byte a second, or stalls its headers, costs one
worker at most ``timeout`` seconds. Inside it each attempt has its own connect and read
timeouts, and timeouts, connection errors and 5xx answers are retried with exponential
backoff while the deadline allows. Redirects are followed up to ``max_redirects``. ETag and
Last-Modified from the last success are sent back; a 304 costs no body and no parsing.

Only public addresses are connected to, on every hop, unless ``allow_private`` lists them
(``generator.feeds.guard``). The body is read raw and decoded here in bounded steps
(``generator.feeds.decoding``): both the bytes received and the bytes decoded are cut at
``max_bytes``, and the loop gets control back between steps, so a compressed bomb neither
fills memory nor holds up the other feeds.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

from generator import __version__
from generator.feeds.decoding import BoundedDecoder, EncodingRefused, encoding_of
from generator.feeds.guard import Refused, check_request, guarded_transport
from generator.safeinput.addresses import AllowList

USER_AGENT = f"Kanal/{__version__} (+https://github.com/; pemantauan akun resmi pemerintah daerah)"
ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


@dataclass(frozen=True)
class FetchConfig:
    timeout: float = 20.0  # hard deadline per feed, retries included (seconds)
    connect_timeout: float = 5.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 0.5  # first pause before a retry; doubles each time, with jitter
    workers: int = 16
    max_items: int = 500  # posts taken from one fetch of one feed, newest first
    # Non-public addresses, networks or host names that may be fetched (region.yml
    # feeds.allow_private); empty: public addresses only.
    allow_private: tuple[str, ...] = ()

    @property
    def connect(self) -> float:
        return min(self.connect_timeout, self.timeout / 2)

    @property
    def read_timeout(self) -> float:
        # Half the deadline: a stalled first attempt still leaves time for one retry.
        return max(0.1, self.timeout / 2)


@dataclass
class Fetched:
    """The outcome of one feed: ``outcome`` is 'ok', 'unchanged' or 'failed'."""

    url: str
    outcome: str
    body: bytes = b""
    content_type: str | None = None
    final_url: str | None = None
    etag: str | None = None
    modified: str | None = None
    error: str | None = None
    status_code: int | None = None
    attempts: int = 0
    seconds: float = 0.0


class _TooLarge(Exception):
    pass


class _Retryable(Exception):
    pass


async def _attempt(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], cfg: FetchConfig
) -> Fetched:
    async with client.stream("GET", url, headers=headers) as response:
        code = response.status_code
        if code == 304:
            return Fetched(
                url,
                "unchanged",
                status_code=304,
                final_url=str(response.url),
                etag=response.headers.get("etag"),
                modified=response.headers.get("last-modified"),
            )
        if code >= 500:
            raise _Retryable(f"server menjawab HTTP {code}")
        if code >= 300:
            return Fetched(
                url, "failed", status_code=code, error=f"HTTP {code}", final_url=str(response.url)
            )
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > cfg.max_bytes:
            raise _TooLarge
        decoder = BoundedDecoder(encoding_of(response.headers.get("content-encoding")))
        chunks: list[bytes] = []
        received = size = 0
        async for raw in response.aiter_raw():
            received += len(raw)
            if received > cfg.max_bytes:
                raise _TooLarge
            for piece in decoder.decode(raw):
                size += len(piece)
                if size > cfg.max_bytes:
                    raise _TooLarge
                chunks.append(piece)
                await asyncio.sleep(0)  # one step at a time: the other feeds keep running
        return Fetched(
            url,
            "ok",
            body=b"".join(chunks),
            content_type=response.headers.get("content-type"),
            final_url=str(response.url),
            etag=response.headers.get("etag"),
            modified=response.headers.get("last-modified"),
            status_code=code,
        )


async def _fetch_with_retries(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    cfg: FetchConfig,
    deadline: float,
    result: Fetched,
) -> Fetched:
    last_error = "tidak diketahui"
    for attempt in range(cfg.retries + 1):
        result.attempts = attempt + 1
        try:
            got = await _attempt(client, url, headers, cfg)
            got.attempts = result.attempts
            return got
        except (Refused, EncodingRefused) as exc:
            return Fetched(url, "failed", error=str(exc), attempts=result.attempts)
        except _TooLarge:
            return Fetched(
                url,
                "failed",
                error=f"isi lebih dari {cfg.max_bytes:,} bait".replace(",", "."),
                attempts=result.attempts,
            )
        except httpx.TooManyRedirects:
            return Fetched(
                url,
                "failed",
                error=f"terlalu banyak pengalihan (lebih dari {cfg.max_redirects})",
                attempts=result.attempts,
            )
        except httpx.UnsupportedProtocol:
            return Fetched(
                url,
                "failed",
                error="dialihkan ke alamat yang bukan http/https",
                attempts=result.attempts,
            )
        except _Retryable as exc:
            last_error = str(exc)
        except httpx.TimeoutException:
            last_error = "waktu habis"
        except (httpx.TransportError, httpx.DecodingError) as exc:
            last_error = f"koneksi gagal ({type(exc).__name__})"
        except (httpx.InvalidURL, UnicodeError):
            # UnicodeError: a host name IDNA refuses (xn--a...), raised while the request is
            # built, also on a redirect hop; it must fail this URL, not the whole run.
            return Fetched(url, "failed", error="alamat feed tidak valid", attempts=result.attempts)
        pause = cfg.backoff * (2**attempt) * (0.75 + random.random() / 2)
        if attempt == cfg.retries or time.monotonic() + pause + 0.05 > deadline:
            break
        await asyncio.sleep(pause)
    return Fetched(url, "failed", error=last_error, attempts=result.attempts)


async def fetch_one(
    client: httpx.AsyncClient,
    url: str,
    cfg: FetchConfig,
    etag: str | None = None,
    modified: str | None = None,
) -> Fetched:
    """Fetch one feed within its deadline; never raises for network trouble."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    start = time.monotonic()
    deadline = start + cfg.timeout
    progress = Fetched(url, "failed")
    try:
        async with asyncio.timeout(cfg.timeout):
            result = await _fetch_with_retries(client, url, headers, cfg, deadline, progress)
    except TimeoutError:
        result = Fetched(
            url, "failed", error=f"waktu habis ({cfg.timeout:g} detik)", attempts=progress.attempts
        )
    result.seconds = time.monotonic() - start
    return result


def make_client(cfg: FetchConfig) -> httpx.AsyncClient:
    """A client that refuses non-public addresses (except ``cfg.allow_private``) on every hop."""
    limits = httpx.Limits(max_connections=cfg.workers, max_keepalive_connections=cfg.workers)
    return httpx.AsyncClient(
        transport=guarded_transport(AllowList.parse(cfg.allow_private), limits),
        timeout=httpx.Timeout(cfg.read_timeout, connect=cfg.connect, pool=cfg.timeout),
        follow_redirects=True,
        max_redirects=cfg.max_redirects,
        trust_env=False,
        event_hooks={"request": [check_request]},
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
    )


def run_sync(coro: Any) -> Any:
    """``asyncio.run(coro)``, also when the caller already runs an event loop (a test
    driving a browser, a notebook): then in a thread of its own. Returns the result."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    result: list[Any] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coro))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=target, name="kanal-async")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]
