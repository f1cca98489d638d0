"""The index in shards (generator/shards.py), as a province site writes it, read by the browser.

The demo site is small enough for one index file; these tests rewrite a copy of it in shards
(budget 0) so the province code path runs on known data, in Python and in Chromium.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page, expect

from generator.registry.checker import check
from generator.registry.validate import load_directory
from generator.registry.vectors import check_any
from generator.safeinput.problems import Problems
from generator.site import shards
from generator.site.pages import finder_index
from tests.conftest import ROOT, TODAY

CORPUS = json.loads((ROOT / "tests" / "cases" / "checker_corpus.json").read_text("utf-8"))


def _demo_index() -> dict[str, Any]:
    directory = load_directory(ROOT / "data", TODAY, Problems())
    assert directory is not None
    return finder_index(directory)


def test_small_index_stays_one_file(tmp_path: Path) -> None:
    index = _demo_index()
    whole = tmp_path / "indeks.json"
    assert shards.write(index, whole) is False
    assert json.loads(whole.read_text("utf-8")) == index
    assert not (tmp_path / "indeks").exists()


def test_sharded_index_holds_every_row_once(tmp_path: Path) -> None:
    index = _demo_index()
    whole = tmp_path / "indeks.json"
    assert shards.write(index, whole, budget=0) is True
    meta = json.loads(whole.read_text("utf-8"))
    assert meta["sharded"]["agencies"] == len(index["agencies"])
    assert "accounts" not in meta and meta["platforms"] == index["platforms"]
    folder = tmp_path / "indeks"
    rows = [
        r
        for f in sorted((folder / "a").iterdir(), key=lambda p: int(p.stem))
        for r in json.loads(f.read_text())
    ]
    assert rows == index["agencies"]
    merged = shards.merge_keys(folder, set(range(meta["sharded"]["keys"])))
    assert merged["accounts"] == index["accounts"]
    assert sorted(map(tuple, merged["numbers"])) == sorted(map(tuple, index["numbers"]))
    # Writing again replaces the pieces; a small index then removes them.
    shards.write(index, whole)
    assert not folder.exists()


def test_every_registered_account_is_found_through_its_shards(tmp_path: Path) -> None:
    index = _demo_index()
    whole = tmp_path / "indeks.json"
    shards.write(index, whole, budget=0)
    meta = json.loads(whole.read_text("utf-8"))
    skip = ("website", "other", "email", "name")  # addresses, and names (never matched)
    texts = [r[1].split(":", 1)[1] for r in index["accounts"] if r[0] not in skip]
    texts += [n[1] for n in index["numbers"]]
    for text in texts:
        part = shards.lookup_index(tmp_path / "indeks", meta, text)
        assert check(part, text)["matches"], text
        probe = check({"accounts": [], "numbers": [], "platforms": meta["platforms"]}, text)
        assert 1 <= len(shards.lookup_buckets(probe, text)) <= 4  # a few shards per lookup


def test_fnv_is_stable() -> None:
    assert shards.fnv("") == 0x811C9DC5
    assert shards.fnv("a") == 0xE40C292C  # the published FNV-1a test vector
    assert shards.fnv("foobar") == 0xBF9CF968


# ---------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def sharded_demo(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo site whose index is written in shards, as a province's would be."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(demo_site, site)
    assert shards.write(_demo_index(), site / "assets" / "kanal" / "indeks.json", budget=0)
    return site


@pytest.fixture(scope="module")
def sharded_url(sharded_demo: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(sharded_demo)


@pytest.mark.browser
def test_fnv_agrees_in_js(page: Page, sharded_url: str) -> None:
    page.goto(sharded_url + "tentang/")
    # The shared script loads on first use of the header search: load it here directly.
    page.add_script_tag(url=sharded_url + "assets/kanal/kanal-common.js")
    words = ["", "a", "foobar", "w:dlnkes|bl", "é€x", "e:ntoh"]
    assert page.evaluate("ws => ws.map(w => Kanal.hash(w))", words) == [
        shards.fnv(w) for w in words
    ]


_LOOKUP_JS = """async a => {
  const meta = await Kanal.loadIndex(a.url);
  const rules = KanalChecker.makeRules(meta.platforms);
  const out = [];
  for (const t of a.texts) {
    const index = await KanalChecker.lookup(Kanal, a.url, rules, meta, t);
    const r = rules.checkAny(index, t);
    const named = r.matches.concat(r.lookalikes || []).every(
      m => m.agency === null || m.agency === undefined || index.agencies[m.agency]);
    out.push([r, named]);
  }
  return out;
}"""


@pytest.mark.browser
def test_sharded_checker_agrees_with_python(
    page: Page, sharded_url: str, sharded_demo: Path
) -> None:
    index = _demo_index()
    rng = random.Random(8)
    texts = []
    named = [r for r in index["accounts"] if r[0] not in ("email", "name")]  # handles, sites
    for _, key, *_ in rng.sample(named, 60):
        name = key.split(":", 1)[1]
        texts += [name, "@" + name + "_", name.replace("a", "4", 1), f"https://x.com/{name[:14]}"]
    texts += [n[1] for n in index["numbers"][:20]] + ["0812-1111-2222", "dіnkes_kabcontoh"]
    page.goto(sharded_url + "cek-akun/")
    got = page.evaluate(
        _LOOKUP_JS, {"url": sharded_url + "assets/kanal/indeks.json", "texts": texts}
    )
    meta = json.loads((sharded_demo / "assets/kanal/indeks.json").read_text("utf-8"))
    folder = sharded_demo / "assets/kanal/indeks"
    for text, (result, named) in zip(texts, got, strict=True):
        assert result == check_any(shards.lookup_any(folder, meta, text), text), text
        assert named, text  # the rows of every agency named were fetched
    assert sum(bool(r["matches"]) for r, _ in got) >= 60
    assert sum(bool(r.get("lookalikes")) for r, _ in got) >= 60


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("dinkes", "Dinas Kesehatan Kabupaten Contoh (Dinkes)"),
        ("Dinas Kesehatan", "Dinas Kesehatan Kabupaten Contoh (Dinkes)"),
        ("jalan rusak", "Dinas Pekerjaan Umum"),
        ("banjardadi", "Desa Banjardadi"),
        ("kesehtan", "Dinas Kesehatan Kabupaten Contoh (Dinkes)"),
        ("ktp hilang", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("jalan berlubang", "Dinas Pekerjaan Umum"),
        ("bansos belum cair", "Dinas Sosial"),
    ],
)
def test_sharded_header_search(page: Page, sharded_url: str, query: str, first: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(sharded_url + "tentang/")
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially(query)
    found = page.locator(".md-search-result .k-search")
    expect(found.locator(".k-search__name").first).to_have_text(re.compile("^" + re.escape(first)))
    assert any("/indeks/t/" in u for u in fetched) and any("/indeks/a/" in u for u in fetched)
    assert not any("/indeks/k/" in u for u in fetched)  # the checker's shards are not needed


@pytest.mark.browser
def test_sharded_checker_and_finder_pages(browser: Browser, sharded_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(sharded_url + "cek-akun/?akun=%40dinkes_kabcontoh")
    expect(page.locator(".k-check-result .k-verdict--official")).to_contain_text("Dinas Kesehatan")
    page.goto(sharded_url + "cek-akun/?akun=dinkes.kabcontoh_")
    warning = page.locator(".k-check-result .k-lookalike")
    link = warning.get_by_role("link", name=re.compile("Dinas Kesehatan")).first
    expect(link).to_have_attribute("href", re.compile(r"instansi/dinas-kesehatan/$"))
    page.goto(sharded_url + "?q=jalan%20rusak")
    expect(page.locator("#k-results ol li a.k-r-agency").first).to_contain_text(
        "Dinas Pekerjaan Umum"
    )
    page.close()


@given(
    raw=st.binary(max_size=3000).map(lambda b: b * 50),
    offset=st.integers(min_value=-3, max_value=3),
    piece=st.integers(min_value=1, max_value=70_000),
)
@settings(max_examples=60, deadline=None)
def test_whole_index_budget_is_the_gzip_size(raw, offset, piece):
    # write() stops compressing once over the budget: the verdict must still be gzip's own.
    size = len(gzip.compress(raw, 9, mtime=0))
    pieces = [raw[i : i + piece] for i in range(0, len(raw), piece)]
    assert shards._fits(pieces, size + offset) == (raw if offset >= 0 else None)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=12,
)


@given(
    index=st.dictionaries(st.text(max_size=6), _JSON, max_size=4),
    rows=st.integers(min_value=1, max_value=3),
)
@settings(max_examples=60, deadline=None)
def test_index_in_pieces_is_the_same_json(index, rows):
    # The budget check encodes the index a piece at a time: the same bytes as in one go.
    assert b"".join(shards._pieces(index, rows)) == shards._compact(index)


def test_whole_index_when_it_fits_exactly(tmp_path):
    index = _demo_index()
    whole = tmp_path / "indeks.json"
    assert shards.write(index, whole, budget=shards.gzip_size(index)) is False
    assert json.loads(whole.read_text("utf-8")) == index
    assert shards.write(index, whole, budget=shards.gzip_size(index) - 1) is True


_ANY_JS = """async a => {
  const meta = await Kanal.loadIndex(a.url);
  const rules = KanalChecker.makeRules(meta.platforms);
  const out = [];
  for (const t of a.texts) {
    const index = await KanalChecker.lookup(Kanal, a.url, rules, meta, t);
    const items = /\\s/.test(t.trim()) ? rules.scan(index, t) : [];
    out.push(items.length ? items : rules.checkAny(index, t));
  }
  return out;
}"""


@pytest.mark.browser
def test_sharded_one_box_agrees_with_python(
    page: Page, sharded_url: str, sharded_demo: Path
) -> None:
    """Every vector and whole messages through the shards: the same answers in both, and the
    official channels and known impostors are found in their shards."""
    from generator.registry import vectors

    corpus = yaml.safe_load((ROOT / "tests" / "corpora" / "scams.yml").read_text("utf-8"))
    rng = random.Random(19)
    texts = [str(i["value"]) for i in rng.sample(corpus["impostors"], 60)]
    texts += [m["text"] for m in corpus["messages"][:4]]
    texts += ["0813-9012-4471", "CONTOHKAB", "(0298) 521112", "https://apa.contohkab.go.id/x"]
    texts += ["BAPENDA-CTH"]
    page.goto(sharded_url + "cek-akun/")
    got = page.evaluate(_ANY_JS, {"url": sharded_url + "assets/kanal/indeks.json", "texts": texts})
    meta = json.loads((sharded_demo / "assets/kanal/indeks.json").read_text("utf-8"))
    folder = sharded_demo / "assets/kanal/indeks"
    for text, result in zip(texts, got, strict=True):
        index = shards.lookup_any(folder, meta, text)
        many = bool(re.search(r"\s", text.strip())) and vectors.scan(index, text)
        assert result == (many or vectors.check_any(index, text)), text[:60]
    verdicts = [(r if isinstance(r, dict) else r[0])["verdict"] for r in got[-5:]]
    assert verdicts == ["fake", "official", "official", "official", "fake"]


def _written(index: dict[str, Any], folder: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    shards.write(
        index,
        folder / "indeks.json",
        budget=0,
        save=lambda p, b: files.__setitem__(p.relative_to(folder).as_posix(), b),
    )
    return files


def test_kept_term_files_follow_the_rows_words(tmp_path: Path) -> None:
    """The term files of the last index are reused while no row's words changed (kanal
    serve); a renamed agency or an edited keyword gives the files a fresh index gives."""
    index = _demo_index()
    first = _written(index, tmp_path)
    edited = json.loads(json.dumps(index))
    edited["accounts"][0][1] = "instagram:akun.lain"  # no row's words: term files kept
    assert {k: v for k, v in _written(edited, tmp_path).items() if "/t/" in k} == {
        k: v for k, v in first.items() if "/t/" in k
    }
    for field, text in ((0, "Dinas Penamaan Ulang"), (5, "kata kunci baru")):
        edited = json.loads(json.dumps(index))
        edited["agencies"][3][field] = text
        kept = _written(edited, tmp_path)  # after a build of other rows
        shards._last_terms.clear()
        assert kept == _written(edited, tmp_path)  # == a fresh index's files
        assert kept != first
