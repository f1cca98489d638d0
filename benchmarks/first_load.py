"""What a first visit downloads (gzip bytes): the home page and an agency page of a built site.

    python benchmarks/first_load.py [SITE_DIR] [PATH ...]

Serves SITE_DIR (default site/; build it first, e.g. the full province of
`benchmarks/province.py --records 1 --keep DIR`, then DIR/site) on 127.0.0.1 with gzip
(tests/gzip_server.py), loads each page in headless Chromium (/usr/bin/chromium, CHROME_PATH
overrides) with an empty cache, waits until the network is idle (Material's search worker
fetches its index after load), and prints every response: its body gzip-compressed
(level 6, as the server sends it; images and fonts as they are) and the bytes Chromium
counted on the wire (headers included). Default pages: the home page and the largest agency
page (`instansi/*/`). Budget: 150 KB gzip per page; exit 1 when a page is over it or a
request leaves 127.0.0.1.
"""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.gzip_server import COMPRESSIBLE, serve  # noqa: E402

BUDGET = 150 * 1024


def default_pages(site: Path) -> list[str]:
    """The home page and the agency page with the most HTML."""
    agencies = sorted(
        (p.stat().st_size, p.parent.relative_to(site).as_posix() + "/")
        for p in (site / "instansi").glob("*/index.html")
    )
    return [""] + ([agencies[-1][1]] if agencies else [])


def first_load(browser, url: str) -> list[tuple[str, int, int, int]]:
    """(url, body bytes, body gzip bytes, bytes on the wire) of each response of a cold load."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # the search worker fetches its index after load
    rows = []
    for request in finished:
        response = request.response()
        if response is None:
            continue
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a redirect has no body to count
            body = b""
        ctype = response.headers.get("content-type", "")
        packed = (
            len(gzip.compress(body, 6, mtime=0)) if ctype.startswith(COMPRESSIBLE) else len(body)
        )
        sizes = request.sizes()
        # Chromium reports no body size for a worker's script: take the declared length then.
        wire = max(sizes["responseBodySize"], int(response.headers.get("content-length", 0)))
        rows.append((request.url, len(body), packed, wire + sizes["responseHeadersSize"]))
    context.close()
    return rows


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    site = Path(argv[0]) if argv else ROOT / "site"
    if not (site / "index.html").exists():
        print(f"{site} has no built site: run `kanal build` first", file=sys.stderr)
        return 2
    pages = argv[1:] or default_pages(site)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    ok = True
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
                args=["--no-sandbox"],
            )
            for path in pages:
                rows = first_load(browser, base + path)
                total = sum(r[2] for r in rows)
                wire = sum(r[3] for r in rows)
                print(
                    f"/{path}: {total / 1024:.1f} KB gzip ({wire / 1024:.1f} KB on the wire, "
                    f"{len(rows)} requests; budget {BUDGET / 1024:.0f} KB)"
                )
                for url, raw, packed, _ in sorted(rows, key=lambda r: -r[2]):
                    print(
                        f"  {packed / 1024:7.1f} KB gzip {raw / 1024:8.1f} KB raw  {urlsplit(url).path}"
                    )
                foreign = [r[0] for r in rows if urlsplit(r[0]).hostname != "127.0.0.1"]
                for url in foreign:
                    print(f"  third-party request: {url}")
                ok &= total <= BUDGET and not foreign
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
