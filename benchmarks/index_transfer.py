"""What one lookup transfers (gzip bytes) from the finder/checker index, demo and province.

    python benchmarks/index_transfer.py [--province 33]

Builds the index of the demo data and of a whole province (benchmarks/province.py: Jawa
Tengah, every regency, district and village), writes it as the site does
(generator/shards.py: one file when small, shards when big) and sums, per lookup, the files
a phone fetches: the index head, the term files of the typed words and the rows of the ten
agencies shown (finder and header search: the ten *largest* row files, an upper bound), or
the key shards of the pasted name or number and its agencies' rows (checker). Target: at
most 50 KB gzip per lookup at province scale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.province import write_province  # noqa: E402
from generator.finder import knowledge  # noqa: E402
from generator.finder.rank import CLITICS, query_words  # noqa: E402
from generator.finder.stem import root  # noqa: E402
from generator.registry import vectors  # noqa: E402
from generator.registry.checker import check  # noqa: E402
from generator.registry.validate import load_directory  # noqa: E402
from generator.safeinput.problems import Problems  # noqa: E402
from generator.site import shards  # noqa: E402
from generator.site.pages import finder_index, finder_json, write_json  # noqa: E402

TODAY = dt.date(2026, 11, 22)
SHOWN = 10


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9, mtime=0))


def finder_keys(query: str) -> set[str]:
    """The terms finder.js fetches for a query: its words and the words the lexicon reads
    them as, their stems and clitic-less forms (finder.js ``finderKeys``, ``shardedRank``)."""
    lexicon = knowledge.lexicon()
    typed: list[str] = []
    for w in query_words(query):
        typed.append(w)
        for rest in [w] + [w[: -len(c)] for c in CLITICS if w.endswith(c)]:
            typed += lexicon.get(rest, "").split()
    found: set[str] = set()
    for w in typed:
        found |= {w, root(w)} | {w[: -len(c)] for c in CLITICS if w.endswith(c)}
    return found


def finder_bytes(folder: Path, meta: dict, query: str) -> int:
    """finder.json + the term files of the query's terms + the ten largest row files (upper
    bound); the head is added by the caller."""
    keys = {k[:2] for k in finder_keys(query)} & set(meta["sharded"]["prefixes"])
    terms = sum(gz(folder / "t" / f"{k}.json") for k in keys)
    rows = sorted((gz(p) for p in (folder / "a").iterdir()), reverse=True)[:SHOWN]
    return gz(folder.parent / "finder.json") + terms + sum(rows)


def checker_bytes(folder: Path, meta: dict, text: str) -> tuple[int, dict]:
    """The one-box checker (vectors.check_any, or scan for a message): its key shards and the
    row files of the agencies its answers name."""
    index = shards.lookup_any(folder, meta, text)
    ids = {shards.fnv(b) % meta["sharded"]["keys"] for b in shards.any_buckets(meta, text)}
    results = vectors.scan(index, text) if " " in text.strip() else []
    results = results or [vectors.check_any(index, text)]
    named = set()
    for r in results:
        named |= {
            m["agency"] for m in r["matches"] + r.get("lookalikes", []) + r.get("same_name", [])
        }
        named |= set(r.get("claims", [])) | {(r.get("fake") or {}).get("agency")}
    named.discard(None)
    result = {
        "matches": [m for r in results for m in r["matches"]],
        "lookalikes": [m for r in results for m in r.get("lookalikes", [])],
    }
    chunks = {p // meta["sharded"]["chunk"] for p in named}
    size = sum(gz(folder / "k" / f"{n}.json") for n in ids)
    size += sum(gz(folder / "a" / f"{n}.json") for n in chunks)
    return size, result


def samples(index: dict) -> list[str]:
    """Pastes from the index itself: a registered profile, its impostors, a number."""
    rows = [r for r in index["accounts"] if r[0] == "instagram"]
    name = rows[len(rows) // 2][1].split(":", 1)[1]
    cut = len(name) // 3
    return [
        f"https://www.instagram.com/{name}/",
        f"@{name}.id",
        "@" + name[:cut] + name[cut + 1 :],  # a letter left out
        "@" + name.replace("a", "4", 1),
        index["numbers"][len(index["numbers"]) // 2][1],
    ]


def sharded_recall() -> str:
    """Impostor recall of the checker corpus when the index is sharded (look-alikes are then
    searched in the pasted name's shards only)."""
    from benchmarks.checker_precision import CORPUS, index_of

    corpus = json.loads(CORPUS.read_text("utf-8"))
    whole = Path(tempfile.mkdtemp(prefix="kanal-corpus-")) / "indeks.json"
    shards.write(index_of(corpus), whole, budget=0)
    meta = json.loads(whole.read_text("utf-8"))
    hits = 0
    for fake in corpus["impostors"]:
        result = check(shards.lookup_index(whole.with_suffix(""), meta, fake["text"]), fake["text"])
        hits += any(m["agency"] == fake["agency"] for m in result.get("lookalikes", []))
    return f"{hits} / {len(corpus['impostors'])} = {hits / len(corpus['impostors']):.1%}"


def measure(label: str, data: Path, queries: list[str], pastes: list[str]) -> None:
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    assert directory is not None, [str(p) for p in problems.sorted()[:5]]
    index = finder_index(directory)
    pastes = pastes + samples(index)
    whole = Path(tempfile.mkdtemp(prefix="kanal-index-")) / "indeks.json"
    knowledge = finder_json(index)
    write_json(whole.parent / "finder.json", knowledge)
    print(f"  finder.json          {gz(whole.parent / 'finder.json') / 1e3:6.1f} KB gzip")
    raw = len(json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode())
    print(f"{label}: {len(index['agencies'])} agencies, {len(index['accounts'])} accounts")
    print(
        f"  whole index          {raw / 1e3:8.1f} KB raw  {shards.gzip_size(index) / 1e3:6.1f} KB gzip"
    )
    real = shards.write(index, whole)  # what the site writes
    print(f"  the site writes      {'shards' if real else 'one file'}")
    sharded = shards.write(index, whole, budget=0)  # sharded here whatever the size, to compare
    folder, head = whole.with_suffix(""), gz(whole)
    meta = json.loads(whole.read_text("utf-8"))
    files = sum(1 for _ in folder.rglob("*.json"))
    print(
        f"  sharded: head {head / 1e3:.1f} KB gzip, {files} files, {meta['sharded']['keys']} key shards"
    )
    worst = 0
    for q in queries:
        size = head + finder_bytes(folder, meta, q) if sharded else 0
        worst = max(worst, size)
        print(f"  finder  {q!r:34} {size / 1e3:6.1f} KB gzip (at most)")
    for text in pastes:
        size, result = checker_bytes(folder, meta, text)
        size += head
        worst = max(worst, size)
        print(
            f"  checker {text!r:34} {size / 1e3:6.1f} KB gzip"
            f"  ({len(result['matches'])} match, {len(result.get('lookalikes', []))} look-alike)"
        )
    print(f"  largest lookup       {worst / 1e3:6.1f} KB gzip (target <= 50 KB at province scale)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default="33")
    args = parser.parse_args()
    measure(
        "demo",
        ROOT / "data",
        [
            "dinkes",
            "Dinas Kesehatan",
            "jalan rusak",
            "banjardadi",
            "kesehtan",
            "ktp hilang",
            "lampu jalan mati",
            "bansos belum cair",
        ],
        [
            "@dinkes_kabcontoh",
            "dinkes.kabcontoh_",
            "0812-1111-2222",
            "instagram.com/dpuprkab.contoh",
            "https://contohkab.go.id.verifikasi-data.com/login",
            "dinkes.contoh@gmail.com",
            "BAPENDA-CTH",
            "Info resmi: www.contohkab.go.id. Ikuti IG @pemkabcontoh.resmi. "
            "Unduh Formulir Bantuan Bupati Contoh.apk",
        ],
    )
    work = Path(tempfile.mkdtemp(prefix="kanal-province-"))
    write_province(args.province, work / "data")
    measure(
        f"province {args.province}",
        work / "data",
        [
            "dinkes",
            "kecamatan cilacap",
            "surat keterangan",
            "desa sukamaju",
            "kesehtan",
            "sukamju",
            "ktp hilang",
            "jalan berlubang",
            "lampu jalan mati",
            "bansos belum cair",
            "pengaduan",
        ],
        [
            "@pemkab.cilacap.3301",
            "@pemkab.ci1acap.3301",
            "https://cilacapkab.go.id.bansos-cair.com/",
            "Saya Bupati Cilacap, hubungi 0812-0000-4892 atau IG @pemkab.cilacap.3301.resmi "
            "dan unduh Surat Undangan.apk",
        ],
    )
    print(f"checker corpus, impostor recall with the index sharded: {sharded_recall()}")


if __name__ == "__main__":
    main()
