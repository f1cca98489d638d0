"""Lighthouse (mobile profile) scores of the built demo site: home and an agency page.

    python benchmarks/lighthouse.py [--runs N] [SITE_DIR] [PATH ...]

Not part of the test suite (it needs npm): installs the `lighthouse` npm package once into
~/.cache/kanal-lighthouse (outside the repository; KANAL_LIGHTHOUSE_DIR overrides), serves
SITE_DIR (default site/, build it first with `kanal build`) with gzip on 127.0.0.1, runs
Lighthouse with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium), and prints the four
category scores per page: the median of N runs (default 3), as Lighthouse's own docs advise,
since performance varies from run to run with the machine's load. Targets: performance >= 95, accessibility 100, best practices >= 95,
SEO >= 95; the exit status is 1 when a page misses one.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.gzip_server import serve  # noqa: E402

LIGHTHOUSE_VERSION = "12"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
DEFAULT_PAGES = ["", "instansi/dinas-pupr/"]


def lighthouse_cli() -> Path:
    cache = Path(
        os.environ.get("KANAL_LIGHTHOUSE_DIR", Path.home() / ".cache" / "kanal-lighthouse")
    )
    cli = cache / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        cache.mkdir(parents=True, exist_ok=True)
        print(f"npm install lighthouse@{LIGHTHOUSE_VERSION} into {cache} ...", file=sys.stderr)
        subprocess.run(["npm", "init", "-y"], cwd=cache, check=True, capture_output=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"],
            cwd=cache,
            check=True,
        )
    return cli


def run(cli: Path, url: str) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                "node",
                str(cli),
                url,
                "--form-factor=mobile",  # the default mobile profile: Moto G, slow 4G, 4x CPU
                "--only-categories=performance,accessibility,best-practices,seo",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env=env,
            check=True,
        )
        data = json.loads(report.read_text("utf-8"))
    scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
    failed = [
        f"{a['id']} ({a['score']})"
        for a in data["audits"].values()
        if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"
    ]
    if failed:
        print(f"  failing audits: {', '.join(sorted(failed))}", file=sys.stderr)
    metrics = data["audits"]
    print(
        "  FCP {} · LCP {} · TBT {} · CLS {}".format(
            *(
                metrics[m]["displayValue"]
                for m in (
                    "first-contentful-paint",
                    "largest-contentful-paint",
                    "total-blocking-time",
                    "cumulative-layout-shift",
                )
            )
        ),
        file=sys.stderr,
    )
    return scores


def main(argv: list[str]) -> int:
    runs = 3
    if argv[:1] == ["--runs"]:
        runs, argv = int(argv[1]), argv[2:]
    site = Path(argv[0]) if argv else ROOT / "site"
    pages = argv[1:] or DEFAULT_PAGES
    if not (site / "index.html").exists():
        print(f"{site} has no built site: run `kanal build` first", file=sys.stderr)
        return 2
    cli = lighthouse_cli()
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    ok = True
    try:
        print(f"{'page':28} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
        for path in pages:
            print(f"{path or '/':28} ...", file=sys.stderr)
            each = [run(cli, base + path) for _ in range(runs)]
            scores = {k: round(statistics.median(s[k] for s in each)) for k in each[0]}
            if runs > 1:
                print(f"  performance per run: {[s['performance'] for s in each]}", file=sys.stderr)
            print(
                f"{path or '/':28} {scores['performance']:5} {scores['accessibility']:5} "
                f"{scores['best-practices']:5} {scores['seo']:5}",
                flush=True,
            )
            ok &= all(scores[k] >= target for k, target in TARGETS.items())
    finally:
        server.shutdown()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
