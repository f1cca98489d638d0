"""How heavy each page type is on a cheap phone: first load, DOM size, height, smallest text.

    python benchmarks/pages.py SITE_DIR [PATH ...] [--lighthouse [N]]
    python benchmarks/pages.py --build DIR [--records 0.1] [--reuse] [--lighthouse [N]]

For each page (default: home, Direktori, Cakupan, the complaint ranking, the largest agency
page and the largest kecamatan page) loads it cold at 360 px in headless Chromium
(/usr/bin/chromium, CHROME_PATH overrides), served with gzip on 127.0.0.1, and prints:
the gzip bytes of everything it fetched (first load), the number of DOM elements, the page
height at 360 px, the smallest computed font size of any visible text, and the time of one
tap on a sortable table's column (the complaint ranking). ``--build DIR``
first builds all of Jawa Tengah there (``benchmarks/province.py --keep DIR``) and measures
DIR/site (``--reuse``: keep DIR/data, rebuild only the site with this checkout's code and
theme; to measure a kept build as it is, give DIR/site as SITE_DIR). ``--lighthouse [N]`` adds
each page's Lighthouse mobile performance score, the median of N runs (default 3;
benchmarks/lighthouse.py, needs npm), and prints the machine's load average before and after,
since a loaded machine lowers the score. Targets of issue 18: Lighthouse >= 90, <= 100 KB
gzip, <= 3,000 elements, no text under 12 px; exit 1 when a page misses one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.first_load import first_load  # noqa: E402
from tests.gzip_server import serve  # noqa: E402

PERF_TARGET = 90
GZIP_TARGET = 100 * 1024
ELEMENT_TARGET = 3000
FONT_TARGET = 12.0

# The smallest font size (px) of an element that shows text of its own and is rendered.
SMALLEST_TEXT = """() => {
  let least = Infinity, where = "";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.nodeValue.trim()) continue;
    const el = n.parentElement;
    if (!el || !el.getClientRects().length) continue;  // not rendered (display: none)
    const s = getComputedStyle(el);
    if (s.visibility === "hidden") continue;
    const size = parseFloat(s.fontSize);
    if (size < least) { least = size; where = el.tagName.toLowerCase() + "." + el.className; }
  }
  return [least, where];
}"""


# Milliseconds of one tap on a sortable table's "n" column, layout included (None: no table).
SORT_TIME = """() => {
  const b = [...document.querySelectorAll('table[data-sortable] thead button')][2];
  if (!b) return null;
  const t = performance.now();
  b.click();
  document.body.offsetHeight;  // the reflow the tap causes
  return performance.now() - t;
}"""


def largest(site: Path, pattern: str) -> str | None:
    """The URL path of the biggest page matching ``pattern`` (by HTML size)."""
    found = sorted((p.stat().st_size, p) for p in site.glob(pattern))
    return found[-1][1].parent.relative_to(site).as_posix() + "/" if found else None


def default_pages(site: Path) -> list[str]:
    pages = ["", "direktori/", "cakupan/", "aduan/"]
    agencies = sorted(
        (p.stat().st_size, p.parent.name)
        for p in (site / "instansi").glob("*/index.html")
        if "kecamatan" not in p.parent.name
    )
    if agencies:
        pages.append(f"instansi/{agencies[-1][1]}/")
    district = largest(site, "instansi/kecamatan-*/index.html")
    if district:
        pages.append(district)
    return [p for p in pages if (site / p / "index.html").exists()]


def measure(browser, base: str, path: str) -> dict[str, object]:
    """First-load gzip bytes, DOM elements, height and smallest text of one page at 360 px."""
    rows = first_load(browser, base + path)
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(base + path)
    page.wait_for_load_state("load")
    elements = page.evaluate("() => document.getElementsByTagName('*').length")
    height = page.evaluate("() => document.documentElement.scrollHeight")
    least, where = page.evaluate(SMALLEST_TEXT)
    sort_ms = page.evaluate(SORT_TIME)
    context.close()
    return {
        "gzip": sum(r[2] for r in rows),
        "elements": elements,
        "height": height,
        "font": least,
        "where": where,
        "sort": sort_ms,
    }


def load() -> str:
    """The 1, 5 and 15 minute load averages and the number of cores, for the record."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def performance(base: str, path: str, runs: int) -> tuple[int, list[int]]:
    """The median Lighthouse mobile performance score of ``runs`` runs, and each run's."""
    from benchmarks.lighthouse import lighthouse_cli, run

    cli = lighthouse_cli()
    each = [run(cli, base + path)["performance"] for _ in range(runs)]
    return round(statistics.median(each)), each


def report(site: Path, pages: list[str], lighthouse_runs: int = 0) -> bool:
    """Print one line per page; True when every page meets the targets."""
    from playwright.sync_api import sync_playwright

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    ok = True
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
                args=["--no-sandbox"],
            )
            if lighthouse_runs:
                print(load())
            print(
                f"{'page':44} {'perf':>5} {'gzip KB':>8} {'elements':>9} {'height px':>10}"
                f" {'min font':>9} {'sort ms':>8}"
            )
            for path in pages:
                m = measure(browser, base, path)
                perf, each = (
                    performance(base, path, lighthouse_runs) if lighthouse_runs else (0, [])
                )
                miss = (
                    m["gzip"] > GZIP_TARGET
                    or m["elements"] > ELEMENT_TARGET
                    or m["font"] < FONT_TARGET
                    or bool(each)
                    and perf < PERF_TARGET
                )
                ok &= not miss
                print(
                    f"/{path:43} {perf if each else '':>5} {m['gzip'] / 1024:8.1f}"
                    f" {m['elements']:9,} {m['height']:10,} {m['font']:9.2f}"
                    f" {'' if m['sort'] is None else format(m['sort'], '8.0f'):>8}"
                    f"{' *' if miss else ''}"
                    + (f"  (runs {each})" if len(each) > 1 else "")
                    + (f"  (smallest: {m['where']})" if m["font"] < FONT_TARGET else ""),
                    flush=True,
                )
            if lighthouse_runs:
                print(load())
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    print(
        (
            f"targets: Lighthouse mobile >= {PERF_TARGET} (median of {lighthouse_runs}), "
            if lighthouse_runs
            else "targets: "
        )
        + f"<= {GZIP_TARGET // 1024} KB gzip, <= {ELEMENT_TARGET:,} elements, "
        f"text >= {FONT_TARGET:.0f} px (* = misses one)"
    )
    return ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", help="a built site (or, with --build, the first page)")
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--build", type=Path, help="build Jawa Tengah into this folder first")
    parser.add_argument("--records", default="0", help="share of full records (province.py)")
    parser.add_argument(
        "--reuse", action="store_true", help="with --build: keep DIR/data, rebuild the site"
    )
    parser.add_argument(
        "--lighthouse",
        type=int,
        nargs="?",
        const=3,
        default=0,
        metavar="N",
        help="add the Lighthouse mobile performance score, median of N runs (default 3)",
    )
    args = parser.parse_args(argv)
    if args.build:
        command = [sys.executable, str(ROOT / "benchmarks" / "province.py"), "--keep"]
        command += [str(args.build), "--records", args.records, "--no-bare"]
        if args.reuse and (args.build / "data").is_dir():
            command.append("--reuse")
        subprocess.run(command, check=True)
        site = args.build / "site"
        if args.site:  # with --build every positional is a page: `--build DIR aduan/`
            args.paths = [args.site, *args.paths]
    else:
        site = Path(args.site) if args.site else ROOT / "site"
    if not (site / "index.html").exists():
        print(f"{site} has no built site", file=sys.stderr)
        return 2
    return 0 if report(site, args.paths or default_pages(site), args.lighthouse) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
