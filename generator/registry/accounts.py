"""Official social-media accounts: normalize (platform, handle, url) into one identity.

All platform knowledge lives in the ``PLATFORMS`` table as plain data (host lists, regexes,
URL templates) so the browser "official account checker" can port it verbatim. The regexes
use only syntax shared by Python ``re`` and JavaScript ``RegExp``: anchors, classes,
``(?:...)`` and quantifiers; no lookbehind, named groups or inline flags. They are applied
with full-match semantics (``re.fullmatch`` here, ``^...$`` without the ``m`` flag in JS),
are case-sensitive as written, and group 1 is always the account id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.safeinput.addresses import url_characters_problem


@dataclass(frozen=True)
class ProfileForm:
    """One way an account is addressed on a platform.

    ``paths`` match a URL path plus ``?query`` (when there is one); ``handle`` matches a bare
    handle with any leading ``@`` removed. ``display`` and ``url`` are templates where
    ``{}`` stands for the id: the stored handle and the canonical profile URL.
    """

    paths: tuple[str, ...]
    handle: str
    url: str
    display: str = "{}"
    case_sensitive: bool = False  # only YouTube channel ids: their key is not lowercased


@dataclass(frozen=True)
class PlatformRule:
    """How one platform's accounts are written; no ``forms`` means the platform has no handle."""

    label: str
    hosts: tuple[str, ...] = ()
    forms: tuple[ProfileForm, ...] = ()  # tried in order; the first match wins
    hint: str = ""  # what a valid handle looks like, shown in error messages
    example: str = ""  # a valid profile URL, shown in error messages
    reserved: tuple[str, ...] = ()  # site pages whose path looks like a handle (lowercase)
    # The platform's own short-link domains: a post's link may be on them (see
    # generator.feeds.postlinks), a profile URL not. No open redirector (t.co leads anywhere).
    link_hosts: tuple[str, ...] = ()


# Optional trailing slash, then an ignored query (?igshid=, ?hl=id, ?s=20, ?lang=id, ...).
_TAIL = r"/?(?:\?.*)?$"
# YouTube channel tabs after the handle (/videos, /featured, /shorts) are ignored.
_TABS = r"(?:/[^?]*)?"
# Instagram and Threads: no leading dot, which also keeps "." and ".." out of URL paths.
_IG = r"[A-Za-z0-9_][A-Za-z0-9._]{0,29}"
_IG_HINT = (
    "hanya boleh berisi huruf, angka, titik dan garis bawah "
    "(maks. 30 karakter, tidak diawali titik)"
)
_YT_NAME = r"[A-Za-z0-9._-]{1,100}"

PLATFORMS: dict[str, PlatformRule] = {
    "instagram": PlatformRule(
        label="Instagram",
        hosts=(
            "instagram.com",
            "www.instagram.com",
            "m.instagram.com",
            "instagr.am",
            "www.instagr.am",
        ),
        forms=(
            ProfileForm(
                (r"^/(" + _IG + ")" + _TAIL,), r"^(" + _IG + ")$", "https://www.instagram.com/{}/"
            ),
        ),
        hint=_IG_HINT,
        example="https://www.instagram.com/namaakun/",
        reserved=("explore", "accounts", "direct", "reels", "stories", "about", "legal"),
    ),
    "x": PlatformRule(
        label="X (Twitter)",
        hosts=(
            "x.com",
            "www.x.com",
            "mobile.x.com",
            "twitter.com",
            "www.twitter.com",
            "mobile.twitter.com",
        ),
        forms=(
            ProfileForm(
                (r"^/([A-Za-z0-9_]{1,15})" + _TAIL,), r"^([A-Za-z0-9_]{1,15})$", "https://x.com/{}"
            ),
        ),
        hint="hanya boleh berisi huruf, angka dan garis bawah (maks. 15 karakter)",
        example="https://x.com/namaakun",
        reserved=(
            "home",
            "explore",
            "search",
            "notifications",
            "messages",
            "settings",
            "login",
            "logout",
            "signup",
            "tos",
            "privacy",
            "i",
            "intent",
            "share",
            "hashtag",
            "compose",
        ),
    ),
    "facebook": PlatformRule(
        label="Facebook",
        hosts=(
            "facebook.com",
            "www.facebook.com",
            "m.facebook.com",
            "web.facebook.com",
            "mbasic.facebook.com",
            "id-id.facebook.com",
            "fb.com",
            "www.fb.com",
        ),
        forms=(
            # Numeric profile id; the stored handle is the bare id (digits only), which
            # cannot clash with a username because those are matched only after this form.
            ProfileForm(
                # Lazy "??" and "*?": the first id= wins, as with JS URLSearchParams.get().
                (
                    r"^/profile\.php/?\?(?:.*?&)??id=([0-9]+)(?:&.*)?$",
                    r"^/(?:people|pages)/[^/?]+/([0-9]+)" + _TAIL,
                    r"^/(?:[^/?]*-)?([0-9]+)" + _TAIL,
                ),  # /123..., /Nama-Halaman-123...
                r"^(?:profile\.php\?id=)?([0-9]+)$",
                "https://www.facebook.com/profile.php?id={}",
            ),
            ProfileForm(
                (r"^/([A-Za-z0-9.]{5,50})" + _TAIL,),
                r"^([A-Za-z0-9.]{5,50})$",
                "https://www.facebook.com/{}",
            ),
        ),
        hint="harus berupa nama pengguna 5–50 karakter (huruf, angka, titik) "
        "atau ID angka dari profile.php?id=…",
        example="https://www.facebook.com/namaakun",
        link_hosts=("fb.watch",),
        reserved=(
            "profile.php",
            "people",
            "pages",
            "groups",
            "watch",
            "events",
            "gaming",
            "marketplace",
            "login",
            "login.php",
            "home.php",
            "photo.php",
            "story.php",
            "sharer.php",
            "permalink.php",
        ),
    ),
    "youtube": PlatformRule(
        label="YouTube",
        hosts=("youtube.com", "www.youtube.com", "m.youtube.com"),
        forms=(
            # A bare 'UC' + 22 characters is taken as a channel id, not an @handle.
            ProfileForm(
                (r"^/channel/(UC[A-Za-z0-9_-]{22})" + _TABS + _TAIL,),
                r"^(?:channel/)?(UC[A-Za-z0-9_-]{22})$",
                "https://www.youtube.com/channel/{}",
                case_sensitive=True,
            ),
            # Legacy names live in their own namespaces, hence the prefix in the handle.
            ProfileForm(
                (r"^/c/(" + _YT_NAME + ")" + _TABS + _TAIL,),
                r"^c/(" + _YT_NAME + ")$",
                "https://www.youtube.com/c/{}",
                display="c/{}",
            ),
            ProfileForm(
                (r"^/user/(" + _YT_NAME + ")" + _TABS + _TAIL,),
                r"^user/(" + _YT_NAME + ")$",
                "https://www.youtube.com/user/{}",
                display="user/{}",
            ),
            ProfileForm(
                (r"^/@([A-Za-z0-9._-]{3,30})" + _TABS + _TAIL,),
                r"^([A-Za-z0-9._-]{3,30})$",
                "https://www.youtube.com/@{}",
            ),
        ),
        hint="harus berupa @handle 3–30 karakter (huruf, angka, titik, garis bawah, tanda "
        "hubung) atau ID kanal yang diawali UC",
        example="https://www.youtube.com/@namaakun",
        link_hosts=("youtu.be",),
    ),
    "tiktok": PlatformRule(
        label="TikTok",
        hosts=("tiktok.com", "www.tiktok.com", "m.tiktok.com"),
        forms=(
            ProfileForm(
                (r"^/@([A-Za-z0-9._]{2,24})" + _TAIL,),
                r"^([A-Za-z0-9._]{2,24})$",
                "https://www.tiktok.com/@{}",
            ),
        ),
        hint="hanya boleh berisi huruf, angka, titik dan garis bawah (2–24 karakter)",
        example="https://www.tiktok.com/@namaakun",
    ),
    "threads": PlatformRule(
        label="Threads",
        hosts=("threads.net", "www.threads.net", "threads.com", "www.threads.com"),
        forms=(
            ProfileForm(
                (r"^/@(" + _IG + ")" + _TAIL,), r"^(" + _IG + ")$", "https://www.threads.com/@{}"
            ),
        ),
        hint=_IG_HINT,
        example="https://www.threads.com/@namaakun",
    ),
    "website": PlatformRule(label="Situs web"),
    "other": PlatformRule(label="Lainnya"),
}

PLATFORM_LABELS: dict[str, str] = {name: rule.label for name, rule in PLATFORMS.items()}

_HOST_PLATFORM = {host: name for name, rule in PLATFORMS.items() for host in rule.hosts}
_SCHEME = r"^([A-Za-z][A-Za-z0-9+.-]*):"
_PORT = r"^[0-9]*(?:[/?#]|$)"  # "instagram.com:443/x" has a port, not a scheme
_HOSTNAME = r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"
_DEFAULT_PORT = {"http": 80, "https": 443}


class AccountError(ValueError):
    """Unusable account data; ``field`` ("handle", "url", "platform") says what to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class NormalizedAccount:
    """Canonical form of an account; ``key`` is equal for every spelling of one account."""

    platform: str
    handle: str | None  # without '@', case as written; None for website/other
    url: str
    key: str


def _rule(platform: str) -> PlatformRule:
    rule = PLATFORMS.get(platform)
    if rule is None:
        choices = ", ".join(PLATFORMS)
        raise AccountError("platform", f"platform tidak dikenal: '{platform}' (pilihan: {choices})")
    return rule


def _split_url(text: str) -> tuple[str, str, int | None, str, str]:
    """Scheme, host, port (None if default), path, query of a URL whose scheme is optional."""
    s = text.strip()
    # Python and browsers disagree on backslashes and embedded whitespace; refuse both.
    if re.search(r"[\s\\]", s):
        raise AccountError("url", f"URL tidak boleh berisi spasi atau garis miring terbalik: '{s}'")
    m = re.match(_SCHEME, s)
    scheme, rest = (m.group(1).lower(), s[m.end() :]) if m else ("", s)
    if m and scheme not in _DEFAULT_PORT and not rest.startswith("//") and re.match(_PORT, rest):
        m = None  # "instagram.com:443/x": a host and port, not the scheme "instagram.com"
    if m is None:
        s = "https://" + s.lstrip("/")
    elif scheme not in _DEFAULT_PORT or not rest.startswith("//"):  # javascript:, ftp://, https:x
        raise AccountError("url", "URL harus diawali https:// atau http://")
    try:
        parts = urlsplit(s)
        port = parts.port
    except ValueError:
        raise AccountError("url", f"URL tidak dapat dibaca: '{text.strip()}'") from None
    if "@" in parts.netloc:  # "instagram.com@evil.example" really points at evil.example
        raise AccountError("url", "URL tidak boleh memuat '@' sebelum nama host")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise AccountError("url", "URL tidak memuat nama host (contoh: https://situs.go.id)")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise AccountError("url", f"nama host tidak sah: '{host}'") from None
    scheme = parts.scheme.lower()
    if port == _DEFAULT_PORT[scheme]:
        port = None
    return scheme, host, port, parts.path or "/", parts.query


def _build(
    platform: str, rule: PlatformRule, form: ProfileForm, ident: str, field: str
) -> NormalizedAccount:
    if ident.lower() in rule.reserved:
        raise AccountError(field, f"'{ident}' adalah halaman {rule.label}, bukan nama akun")
    handle = form.display.format(ident)
    key = handle if form.case_sensitive else handle.lower()
    return NormalizedAccount(platform, handle, form.url.format(ident), f"{platform}:{key}")


def _from_url(platform: str, text: str) -> NormalizedAccount:
    rule = _rule(platform)
    if not rule.forms:
        raise AccountError("platform", f"platform {rule.label} tidak memakai handle")
    _, host, _, path, query = _split_url(text)
    if host not in rule.hosts:
        raise AccountError("url", f"URL ini bukan alamat profil {rule.label} (host '{host}')")
    subject = path + ("?" + query if query else "")
    for form in rule.forms:
        for pattern in form.paths:
            m = re.fullmatch(pattern, subject)
            if m:
                return _build(platform, rule, form, m.group(1), "url")
    raise AccountError(
        "url", f"URL ini bukan alamat profil {rule.label} ('{path}'); contoh: {rule.example}"
    )


def _from_handle(platform: str, handle: str) -> NormalizedAccount:
    rule = _rule(platform)
    if not rule.forms:
        raise AccountError("handle", f"platform {rule.label} tidak memakai handle; isi url saja")
    text = handle.strip().removeprefix("@")
    if not text:
        raise AccountError("handle", f"handle {rule.label} kosong")
    for form in rule.forms:
        m = re.fullmatch(form.handle, text)
        if m:
            return _build(platform, rule, form, m.group(1), "handle")
    # "Dinas Kesehatan Kab. Wonosobo": a page's display name, which anyone can also give theirs
    shown = (
        "; itu tampaknya nama tampilan akun, bukan nama penggunanya: buka akunnya lalu "
        f"salin alamatnya dari peramban, misalnya {rule.example}"
        if " " in text.strip() and not handle.strip().startswith("@")
        else ""
    )
    raise AccountError("handle", f"handle {rule.label} {rule.hint}: '{text}'{shown}")


def _looks_like_url(text: str) -> bool:
    """Whether a value typed as a handle is really a URL ("instagram.com/nama", "https://...").

    Only text with a scheme or a domain-like first part counts, so "dinkes/contoh" still gets
    the handle message and YouTube's "c/nama" stays a handle.
    """
    head = re.split(r"[/?#:]", text.removeprefix("@"), maxsplit=1)[0].lower()
    return ":" in text or head in _HOST_PLATFORM or ("/" in text and "." in head)


def handle_from_url(platform: str, url: str) -> str:
    """The handle in a profile URL of ``platform``; AccountError("url") if it is not one."""
    return _from_url(platform, url).handle or ""


def clean_handle(platform: str, handle: str) -> str:
    """``handle`` without '@' and surrounding spaces, validated; AccountError("handle") if bad."""
    return _from_handle(platform, handle).handle or ""


def _normalize_site(platform: str, text: str) -> NormalizedAccount:
    scheme, host, port, path, query = _split_url(text)
    if not re.fullmatch(_HOSTNAME, host):
        raise AccountError("url", f"nama host tidak sah: '{host}' (contoh: https://situs.go.id)")
    found = identify(text)
    if found is not None:
        raise AccountError(
            "platform",
            f"URL ini adalah akun {PLATFORM_LABELS[found.platform]}; "
            f"gunakan platform '{found.platform}'",
        )
    rest = (f":{port}" if port else "") + path.rstrip("/") + (f"?{query}" if query else "")
    # The URL keeps scheme and "www." as written (some sites work only that way); the key
    # drops both so http/https and www/non-www spellings are one site.
    return NormalizedAccount(
        platform, None, f"{scheme}://{host}{rest}", f"{platform}:{host.removeprefix('www.')}{rest}"
    )


def normalize_account(platform: str, handle: str | None, url: str | None) -> NormalizedAccount:
    """Validate one account entry and return its canonical form.

    A handle that looks like a URL is read as one (errors then point at "handle"). When both
    are given they must name the same account; the result keeps the handle's spelling.
    """
    rule = _rule(platform)
    handle = (handle or "").strip() or None
    url = (url or "").strip() or None
    if url is not None and (problem := url_characters_problem(url)):
        raise AccountError("url", problem)  # a website account's URL is published as written
    if not rule.forms:
        if handle is not None:
            return _from_handle(platform, handle)  # raises: this platform has no handle
        if url is None:
            raise AccountError("url", f"isi url untuk platform {rule.label}")
        return _normalize_site(platform, url)
    by_handle = _from_handle_field(platform, handle) if handle else None
    by_url = _from_url(platform, url) if url else None
    if by_handle and by_url and by_handle.key != by_url.key:
        raise AccountError(
            "url",
            f"URL menunjuk ke akun '@{by_url.handle}', "
            f"tidak cocok dengan handle '@{by_handle.handle}'",
        )
    result = by_handle or by_url
    if result is None:
        raise AccountError("handle", "isi handle atau url")
    return result


def _from_handle_field(platform: str, handle: str) -> NormalizedAccount:
    if not _looks_like_url(handle):
        return _from_handle(platform, handle)
    try:
        return _from_url(platform, handle)
    except AccountError as exc:  # the text to fix is in the handle field
        raise AccountError("handle", exc.message) from None


def identify(text: str) -> NormalizedAccount | None:
    """The account a pasted profile URL points to, platform taken from the host; else None."""
    try:
        host = _split_url(text)[1]
        platform = _HOST_PLATFORM.get(host)
        return _from_url(platform, text) if platform else None
    except AccountError:
        return None


_CHANNEL_ID = re.compile(r"UC[A-Za-z0-9_-]{22}")


def shown_name(account: NormalizedAccount) -> str:
    """How an account is named to people: ``@handle`` only where the platform has handles.

    Channel ids, numeric Facebook ids, legacy YouTube names and websites are shown as their
    address without the scheme, since an ``@`` in front of them would name no real account.
    """
    handle = account.handle
    is_id = handle is not None and (
        "/" in handle
        or (account.platform == "youtube" and _CHANNEL_ID.fullmatch(handle) is not None)
        or (account.platform == "facebook" and handle.isdigit())
    )
    if handle and not is_id:
        return "@" + handle
    return re.sub(r"^https?://(?:www\.)?", "", account.url).rstrip("/")
