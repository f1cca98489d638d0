"""The finder/checker index in pieces, for sites too big to fetch it whole (a province).

A small site keeps one ``assets/kanal/indeks.json`` (:func:`generator.site.pages.finder_index`):
one request, every rule at full strength. When that file would weigh more than
:data:`WHOLE_BUDGET` gzip bytes, :func:`write` replaces it with a small ``indeks.json`` that
says ``"sharded"`` (the platform rules, field names, shard counts) and these files under
``assets/kanal/indeks/``:

- ``a/<n>.json``: agency rows ``n * CHUNK`` to ``n * CHUNK + CHUNK - 1`` (the finder's rows).
- ``t/<prefix>.json``: the finder's terms whose folded text starts with ``prefix`` (two
  letters or digits): ``{term: [agency delta, bits, agency delta, bits, ...]}``; agency
  positions delta-coded. A term is a folded word or its stem (generator/finder/index.py
  ``row_terms``): ``bits`` holds the fields where the word occurs as typed (``FIELD_BITS``,
  low byte), the fields where a word with this stem occurs (shifted by ``STEM_SHIFT``), and
  flags 32/64 on a desa/kelurahan or kecamatan agency. A lookup fetches the term files of its
  words, their stems and its thesaurus concepts' words (finder.js ``shardedRank``), then the
  rows of the agencies it shows. Layout version :data:`VERSION` (in ``sharded.version``);
  version 1 had no stems and a phrase bit. The finder's knowledge (kinds, thesaurus, stemming
  roots) is one more file beside the index, ``finder.json``, for whole and sharded sites.
- ``k/<n>.json``: checker rows ``{"accounts": [[..., position]], "numbers": [...]}``. An
  account with a name is in the shards of :func:`name_buckets` (its leading abbreviation with
  the first two letters of its place; the last four letters of its whole folded name); a website
  or number in the shard of its key. A lookup fetches the shards of the pasted name or number only, so
  look-alikes are searched among the names that share those buckets (both languages do the
  same: checker.js ``bucketsOf``).

Bucket numbers are FNV-1a hashes of UTF-16 code units (BMP only, like the handles allowed),
modulo the shard count, identical in theme/assets/kanal/kanal-common.js.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.finder.index import FIELD_BITS, STEM_SHIFT, row_terms
from generator.registry.lookalike import key_name, parse, skeleton

WHOLE_BUDGET = 50_000  # gzip bytes: above this the index is written in shards
CHUNK = 32  # agency rows per file: ten results fetch at most ten small files
KEY_ROWS = 400  # checker rows per key shard, on average
VERSION = 2  # of the shard layout: 2 has stems and place flags in the term files, no phrases
INDEX_FILE = "assets/kanal/indeks.json"  # the whole index, or what says it is sharded
SHARD_FOLDER = "assets/kanal/indeks"  # the shards, beside it in the site


def fold(text: str) -> str:
    """Lower case without accents, as kanal-common.js ``fold``."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not "\u0300" <= c <= "\u036f"
    ).lower()


def words(text: str) -> list[str]:
    return list(_words(text))


# The same kinds and parent names recur on thousands of rows of a province's index.
@lru_cache(maxsize=16_384)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[^a-z0-9]+", fold(text)) if w)


def prefix(term: str) -> str:
    return term[:2]


@lru_cache(maxsize=1 << 17)  # a province's ~40,000 bucket keys, hashed again on every build
def fnv(text: str) -> int:
    """FNV-1a, 32 bits, over UTF-16 code units (kanal-common.js ``hash``)."""
    h = 0x811C9DC5
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | data[i + 1] << 8
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def name_buckets(name: str) -> list[str]:
    """The bucket keys of an account name: its leading abbreviation with the place's first two
    letters, and the last four letters of the whole folded name. A look-alike one typo away
    mostly keeps one of the two (a typo at the start leaves the end, and the other way round)."""
    p = parse(name)
    return ["w:" + p.lead + "|" + p.rest[:2], "e:" + p.whole[-4:]]


def account_buckets(row: list[Any]) -> list[str]:
    """Where a checker row lives: names in their name buckets; addresses by key, and websites
    also by registrable domain (``d:``, the region's sub-domain rule) and registrable label
    folded (``h:``: a look-alike host that contains or folds to it)."""
    return list(_account_buckets(row[0], row[1]))


@lru_cache(maxsize=1 << 17)  # a name is parsed once per process, not once per build
def _account_buckets(platform: str, key: str) -> tuple[str, ...]:
    if platform in ("website", "other", "email"):
        address = key.split(":", 1)[1].lower()
        found = ["k:" + address]
        if platform == "website":
            host = address.split("/")[0].split(":")[0]
            found += [_domain_bucket(host), "h:" + host_label(host)]
        return tuple(found)
    name = key_name(platform, key)
    return tuple(name_buckets(name) if name else ["k:" + key.split(":", 1)[1].lower()])


def host_label(host: str) -> str:
    """The registrable label of ``host`` as a reader sees it (``contоhkab`` → ``contohkab``)."""
    from generator.registry.domains import split_host, unicode_host  # registry: no cycle

    return skeleton(split_host(unicode_host(host))[1] or host)


def _domain_bucket(host: str) -> str:
    # The suffix rules the browser has too (domains.psl_table), so both find the same shard.
    from generator.registry.domains import registrable as browser_registrable

    return "d:" + browser_registrable(host)


def official_buckets(row: list[Any]) -> list[str]:
    """Where an official row lives in a sharded index: web and e-mail domains by their
    registrable domain (``d:contohkab.go.id``, so every subdomain finds it), hotlines with the
    numbers (``n:+62...``), everything else by each of its keys (``o:<key>``)."""
    kind, keys = row[0], row[1]
    if kind in ("web_domain", "email_domain"):
        return sorted({_domain_bucket(k) for k in keys})
    if kind == "hotline":
        return ["n:" + k for k in keys]
    return sorted({"o:" + k.lower() for k in keys})


def impostor_buckets(row: list[Any]) -> list[str]:
    """Where a known impostor lives: numbers with numbers, domains and e-mail addresses by
    their registrable domain, accounts in the name buckets of accounts (so the look-alike search
    of a pasted name meets them), everything else by key (``o:<key>``)."""
    kind, key = row[0], row[1]
    if kind in ("whatsapp", "phone"):
        return ["n:" + key]
    if kind == "domain":
        return [_domain_bucket(key)]
    if kind == "email":
        return [_domain_bucket(key.rsplit("@", 1)[1])]
    if kind == "account":
        platform = key.split(":", 1)[0]
        name = key_name(platform, key)
        return name_buckets(name) if name else ["k:" + key.split(":", 1)[1].lower()]
    return ["o:" + key.lower()]


def _compact(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def save_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def gzip_size(data: Any) -> int:
    """The gzip size of ``data`` as compact JSON (what a phone transfers)."""
    return len(gzip.compress(_compact(data), 9, mtime=0))


def _pieces(index: dict[str, Any], rows: int = 256) -> Iterator[bytes]:
    """``_compact(index)`` in pieces, long lists ``rows`` rows at a time (the same bytes: the
    encoder writes ``{"key":value,...}`` and ``[row,...]`` with these separators)."""
    yield b"{"
    for i, (key, value) in enumerate(index.items()):
        yield (b"," if i else b"") + _compact(key) + b":"
        if not isinstance(value, list) or len(value) <= rows:
            yield _compact(value)
            continue
        yield b"["
        for start in range(0, len(value), rows):
            yield (b"," if start else b"") + _compact(value[start : start + rows])[1:-1]
        yield b"]"
    yield b"}"


def _fits(pieces: Iterable[bytes], budget: int) -> bytes | None:
    """The pieces joined when they gzip to at most ``budget`` bytes, else None; stops
    encoding and compressing once over (a province's whole index is megabytes: encoding and
    compressing all of it only to learn it is too big cost seconds). Same deflate stream as
    gzip_size, whose header and trailer add 18 bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    size = 18
    seen: list[bytes] = []
    for piece in pieces:
        seen.append(piece)
        size += len(compressor.compress(piece))
        if size > budget:
            return None
    return b"".join(seen) if size + len(compressor.flush()) <= budget else None


def write(
    index: dict[str, Any],
    whole: Path,
    budget: int = WHOLE_BUDGET,
    save: Callable[[Path, bytes], None] = save_bytes,
    folder: Path | None = None,
) -> bool:
    """Write ``index`` to ``whole`` (indeks.json), in shards when too big.

    Returns True when sharded. The shards go into ``folder``, by default ``indeks/`` next to
    ``whole`` (the site's layout); it is replaced. Every file goes through ``save``
    (``kanal serve`` keeps the files whose bytes are unchanged).
    """

    def _dump(path: Path, data: Any) -> None:
        save(path, _compact(data))

    if folder is None:
        folder = whole.with_suffix("")
    if folder.exists():
        shutil.rmtree(folder)
    raw = _fits(_pieces(index), budget)
    if raw is not None:
        save(whole, raw)
        return False
    agencies = index["agencies"]
    for n in range(0, len(agencies), CHUNK):
        _dump(folder / "a" / f"{n // CHUNK}.json", agencies[n : n + CHUNK])
    term_files = _term_files(agencies)
    for key, raw_terms in term_files.items():
        save(folder / "t" / f"{key}.json", raw_terms)
    official = index.get("official", [])
    impostors = index.get("impostors", [])
    rows = len(index["accounts"]) * 2 + len(index["numbers"]) + len(official) + len(impostors)
    count = 1 << max(0, (rows // KEY_ROWS).bit_length())
    keys: list[dict[str, list[Any]]] = [
        {"accounts": [], "numbers": [], "official": [], "impostors": []} for _ in range(count)
    ]
    for position, row in enumerate(index["accounts"]):
        for bucket in sorted({fnv(b) % count for b in account_buckets(row)}):
            keys[bucket]["accounts"].append([*row, position])
    for row in index["numbers"]:
        keys[fnv("n:" + row[1]) % count]["numbers"].append(row)
    for name, table, buckets in (
        ("official", official, official_buckets),
        ("impostors", impostors, impostor_buckets),
    ):
        for position, row in enumerate(table):
            for bucket in sorted({fnv(b) % count for b in buckets(row)}):
                keys[bucket][name].append([*row, position])
    for n, shard in enumerate(keys):
        _dump(folder / "k" / f"{n}.json", shard)
    sharded_fields = ("agencies", "accounts", "numbers", "official", "impostors")
    meta = {k: v for k, v in index.items() if k not in sharded_fields}
    meta["sharded"] = {
        "version": VERSION,
        "base": whole.stem + "/",  # where the site has them, whatever ``folder`` is
        "agencies": len(agencies),
        "chunk": CHUNK,
        "keys": count,
        "prefixes": sorted(term_files),
        "fields": FIELD_BITS,
        "stem_shift": STEM_SHIFT,
    }
    _dump(whole, meta)
    return True


# The term files of the last index, by what they are made of: an edit that changes no row's
# words (a handle, a number) leaves them as they were (``kanal serve``).
_last_terms: list[tuple[tuple[Any, ...], dict[str, bytes]]] = []


def _term_files(agencies: list[Any]) -> dict[str, bytes]:
    """Each term file's bytes by its prefix, from the rows' words (what :func:`row_terms`
    reads) and their positions."""
    words_of = tuple((r[0], r[1], r[2], r[4], r[5] or "") for r in agencies)
    if _last_terms and _last_terms[0][0] == words_of:
        return _last_terms[0][1]
    postings: dict[str, list[int]] = {}  # term -> [position, bits, position, bits, ...]
    for position, row in enumerate(agencies):
        for term, bits in row_terms(row).items():
            found = postings.get(term)
            if found is None:
                postings[term] = [position, bits]
            else:
                found += (position, bits)
    terms: dict[str, dict[str, list[int]]] = {}
    for term in sorted(postings):
        terms.setdefault(prefix(term), {})[term] = _delta_coded(postings[term])
    files = {key: _compact(coded) for key, coded in terms.items()}
    _last_terms[:] = [(words_of, files)]
    return files


def _delta_coded(flat: list[int]) -> list[int]:
    """``[position, bits, ...]`` with each position after the first as the step from the one
    before (sliced, not looped: a province's index has ~100,000 postings)."""
    positions = flat[0::2]
    out = flat[:]
    out[2::2] = [b - a for a, b in zip(positions[:-1], positions[1:], strict=True)]
    return out


def lookup_buckets(result: dict[str, Any], text: str) -> list[str]:
    """The bucket keys a lookup needs, from what check() read in ``text`` (checker.js ``bucketsOf``)."""
    from generator.registry.checker import (
        _website_key,  # checker imports lookalike, not this module
    )

    kind = result["kind"]
    if kind == "phone":
        return ["n:" + result["number"]]
    if kind == "website":
        return ["k:" + result["key"].split(":", 1)[1].lower()]
    if kind == "account":
        name = key_name(result["platform"], result["key"])
        return name_buckets(name) if name else ["k:" + result["key"].split(":", 1)[1].lower()]
    if kind != "handle":
        return []
    name = result["handle"].rsplit("/", 1)[-1]
    found = [*name_buckets(name), "k:" + name.lower()]  # "k:": numeric and channel IDs
    value = text.strip()
    site = _website_key(value) if "." in value else None
    if site:
        found.append("k:" + site.split(":", 1)[1].lower())
    return found


def merge_keys(folder: Path, shards: set[int]) -> dict[str, list[Any]]:
    """The checker rows of some key shards as one index part, as checker.js merges them:
    accounts by their position in the whole index (the last element, then dropped)."""
    accounts: dict[int, list[Any]] = {}
    official: dict[int, list[Any]] = {}
    impostors: dict[int, list[Any]] = {}
    numbers: list[Any] = []
    for n in sorted(shards):
        part = json.loads((folder / "k" / f"{n}.json").read_text("utf-8"))
        for row in part["accounts"]:
            accounts[row[-1]] = row[:-1]
        for row in part.get("official", []):
            official[row[-1]] = row[:-1]
        for row in part.get("impostors", []):
            impostors[row[-1]] = row[:-1]
        numbers += part["numbers"]
    return {
        "accounts": [accounts[p] for p in sorted(accounts)],
        "numbers": numbers,
        "official": [official[p] for p in sorted(official)],
        "impostors": [impostors[p] for p in sorted(impostors)],
    }


def any_buckets(meta: dict[str, Any], text: str) -> list[str]:
    """The buckets the one-box checker needs for ``text`` (checker.js ``bucketsAny``): each
    item read on an empty index, then its key, number, domain and name buckets. A payment
    account is looked up by its bank code, which a pasted text does not give: payments and
    the offices a message names (claims) are answered from the whole index only."""
    from generator.registry import vectors

    empty = {"accounts": [], "numbers": [], "platforms": meta["platforms"]}
    items = vectors.scan(empty, text) if re.search(r"\s", text.strip()) else []
    if not items:
        items = [{**vectors.check_any(empty, text), "text": text}]
    found: list[str] = []
    for item in items:
        found += item_buckets(item, item["text"])
    return list(dict.fromkeys(found))


def item_buckets(item: dict[str, Any], text: str) -> list[str]:
    """The buckets of one item of :func:`any_buckets`."""
    kind = item["kind"]
    if kind in ("phone", "account", "handle"):
        found = lookup_buckets(item, text)
        if kind == "handle":
            if len(text.strip()) <= SENDER_MAX:
                found.append("o:" + text.strip().lower())  # an SMS sender: "BAPENDA-CTH"
            if re.fullmatch(r"[0-9]{3,8}", text.strip()):
                found.append("n:" + text.strip())  # a short hotline: "112"
        return found
    if kind == "website":
        host = item.get("host") or item["key"].split(":", 1)[1].split("/")[0]
        labels = [t for t in re.split(r"[^a-z0-9]+", host) if t]
        name = ".".join(labels[:-1]) or host
        return [
            "k:" + host.removeprefix("www."),
            _domain_bucket(host),
            "h:" + host_label(host),
            *("h:" + skeleton(t) for t in _label_words(labels)),
            *name_buckets(name),
        ]
    if kind == "email":
        local, domain = item["address"].lower().rsplit("@", 1)
        return ["k:" + item["address"].lower(), _domain_bucket(domain), "h:" + host_label(domain)]
    if kind == "app":
        labels = item["package"].lower().split(".")
        return [
            "o:play:" + item["package"].lower(),
            *("h:" + skeleton(t) for t in _label_words(labels)),
        ]
    if kind in ("sender", "name"):
        name = item.get("name", text)
        found = ["o:" + re.sub(r"\s+", "", name).lower(), *name_buckets(name.replace(" ", "."))]
        if kind == "sender" and " " not in name:
            found.append("k:" + name.lower())  # an official handle of the same name
        return found
    return []


SENDER_MAX = 11  # characters of an SMS sender ID


def _label_words(labels: list[str]) -> list[str]:
    """The words of a host that may be an official registrable label: 5 letters or more (no
    "go", "id", "www", "cair"), so a look-alike host fetches few shards."""
    return [t for t in labels if len(t) >= 5]


def lookup_any(folder: Path, meta: dict[str, Any], text: str) -> dict[str, Any]:
    """What checker.js ``KanalChecker.lookup`` assembles for the one-box checker."""
    count = meta["sharded"]["keys"]
    ids = {fnv(b) % count for b in any_buckets(meta, text)}
    found = {"platforms": meta["platforms"], "agencies": [], **merge_keys(folder, ids)}
    return {**found, "never": meta["never"]} if "never" in meta else found


def lookup_index(folder: Path, meta: dict[str, Any], text: str) -> dict[str, Any]:
    """What checker.js ``KanalChecker.lookup`` assembles for ``text`` (without agency rows)."""
    from generator.registry.checker import check

    probe = check({"accounts": [], "numbers": [], "platforms": meta["platforms"]}, text)
    count = meta["sharded"]["keys"]
    ids = {fnv(b) % count for b in lookup_buckets(probe, text)}
    return {"platforms": meta["platforms"], "agencies": [], **merge_keys(folder, ids)}
