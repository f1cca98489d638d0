"""A regency's repository as an office runs it: ``kanal init``, then its registry and records.

Used by benchmarks/ci_run.py (``--region 11.08``) and benchmarks/feeds.py (``--daily``):

1. ``kanal init CODE`` (the real CLI: scaffold, CI files, git repository on ``main``);
2. ``region.yml`` completed as a clerk does before publishing (site address, e-mail, complaint
   targets);
3. the office's spreadsheet "daftar akun media sosial OPD/kecamatan/desa" (CSV) imported with
   ``kanal import-registry``: every OPD with Instagram and Facebook (some YouTube or TikTok),
   WhatsApp, e-mail and website; every kecamatan with Instagram and WhatsApp; three desa in
   four with Instagram, every second one with Facebook, every third with WhatsApp;
4. ``feed:`` addresses for the first ``feeds`` accounts (the accounts the daily job fetches);
5. complaint records (CSV, as agencies export them) and a year of post history for the
   accounts with a feed (``benchmarks/province.py``'s generators);
6. one commit on ``main``.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.province import COMPLAINT_SETTINGS, TODAY, write_complaints, write_posts  # noqa: E402
from generator.registry import regions  # noqa: E402
from generator.scaffold.region import REGENCY_OPD  # noqa: E402

GIT_ID = {
    "GIT_AUTHOR_NAME": "Staf Diskominfo",
    "GIT_AUTHOR_EMAIL": "staf@example.go.id",
    "GIT_COMMITTER_NAME": "Staf Diskominfo",
    "GIT_COMMITTER_EMAIL": "staf@example.go.id",
}
# Complaints land mostly on OPD, some on kecamatan, few on one desa.
COMPLAINT_WEIGHTS = {"dinas": 60.0, "badan": 40.0, "rsud": 60.0, "kecamatan": 6.0, "desa": 0.3}
DOMAIN = "acehutarakab.go.id"


def kanal(*args: str, cwd: Path, env: dict[str, str]) -> str:
    """Run the real CLI (``python -m generator``); raise with its output when it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"kanal {' '.join(args)}: {result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return result.stdout


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip()


def _handle(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def registry_sheet(code: str, path: Path) -> int:
    """The office's spreadsheet as CSV (one row per unit, a column per platform); returns the
    number of accounts it lists."""
    codes = regions.reference_codes()
    under = sorted(c for c in codes if c.startswith(code + "."))
    header = ["No", "ID", "Kode Wilayah", "Nama Unit", "Instagram", "Facebook", "YouTube"]
    header += ["TikTok", "No WA", "Email", "Website"]
    rows: list[list[str]] = []
    accounts = 0

    def add(
        uid: str, ucode: str, name: str, platforms: dict[str, str], wa: str, email: str, web: str
    ) -> None:
        nonlocal accounts
        accounts += sum(1 for v in platforms.values() if v)
        rows.append(
            [str(len(rows) + 1), uid, ucode, name]
            + [platforms.get(p, "") for p in ("instagram", "facebook", "youtube", "tiktok")]
            + [wa, email, web]
        )

    for i, unit in enumerate(REGENCY_OPD):
        h = f"{_handle(unit.short_name)}.acehutara"
        platforms = {"instagram": f"@{h}", "facebook": f"https://www.facebook.com/{h}"}
        if i % 3 == 0:
            platforms["youtube"] = f"https://www.youtube.com/@{h.replace('.', '')}"
        if i % 4 == 1:
            platforms["tiktok"] = f"https://www.tiktok.com/@{h}"
        add(
            unit.id,
            "",
            unit.name,
            platforms,
            f"0811-6800-{i:04d}",
            f"{_handle(unit.short_name)}@{DOMAIN}",
            f"https://{_handle(unit.short_name)}.{DOMAIN}",
        )
    for j, c in enumerate(c for c in under if regions.depth(c) == 3):
        h = f"kec.{_handle(codes[c])}"
        add("", c, f"Kecamatan {codes[c]}", {"instagram": f"@{h}"}, f"0812-6900-{j:04d}", "", "")
    for k, c in enumerate(c for c in under if regions.depth(c) == 4):
        if k % 4 == 3:
            continue  # a quarter of the desa have no account yet
        h = f"desa.{_handle(codes[c])[:14]}.{c.replace('.', '')[-6:]}"
        platforms = {"instagram": f"@{h}"}
        if k % 2 == 0:
            platforms["facebook"] = f"https://www.facebook.com/{h}"
        wa = f"0813-7000-{k:04d}" if k % 3 == 0 else ""
        add("", c, f"Desa {codes[c]}", platforms, wa, "", "")
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return accounts


_URL_LINE = re.compile(r'^(\s*)url: "?https://www\.(instagram|youtube)\.com/[^"\s]+"?$')


def add_feeds(data: Path, base: str, limit: int) -> int:
    """``feed:`` under the first ``limit`` Instagram/YouTube accounts, as an office writes the
    address of its feed service (``BASE/many/<n>.xml``: see tests/feedserver.py)."""
    count = 0
    for path in sorted((data / "agencies").rglob("*.yml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        out = []
        for line in lines:
            out.append(line)
            found = _URL_LINE.match(line.rstrip("\n"))
            if found and count < limit:
                out.append(f"{found[1]}feed: {base}/many/{count}.xml\n")
                count += 1
        path.write_text("".join(out), encoding="utf-8")
    return count


def complete_region(data: Path, feed_host: str | None) -> None:
    """What a clerk fills in region.yml before publishing, plus complaint targets."""
    path = data / "region.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  # url: https://diskominfo.NAMADAERAH.go.id", f"  url: https://diskominfo.{DOMAIN}"
    )
    text = text.replace("  # email: diskominfo@NAMADAERAH.go.id", f"  email: diskominfo@{DOMAIN}")
    text = text.replace(
        "# site_url: https://kanal.NAMADAERAH.go.id", f"site_url: https://kanal.{DOMAIN}"
    )
    text += COMPLAINT_SETTINGS
    if feed_host:  # the loopback feed server: kanal fetch refuses private addresses otherwise
        text += f'feeds:\n  allow_private: ["{feed_host}"]\n'
    path.write_text(text, encoding="utf-8")


def make_regency(
    repo: Path,
    env: dict[str, str],
    code: str = "11.08",
    feed_base: str = "https://rss.example.id",
    feeds: int = 500,
    complaints: int = 20_000,
    posts: int = 50_000,
) -> dict[str, int]:
    """Make the repository ``repo`` (must not exist) and commit it on ``main``; returns counts."""
    env = {**env, **GIT_ID}
    kanal("init", code, str(repo), cwd=repo.parent, env=env)
    data = repo / "data"
    host = feed_base.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[0]
    complete_region(data, host if host.startswith("127.") else None)
    sheet = repo.parent / "daftar-akun.csv"
    listed = registry_sheet(code, sheet)
    kanal("import-registry", str(sheet), "--today", TODAY.isoformat(), cwd=repo, env=env)
    with_feed = add_feeds(data, feed_base, feeds)
    records = write_complaints(data, complaints, weights=COMPLAINT_WEIGHTS) if complaints else 0
    stored = write_posts(data, posts) if posts else 0
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-qm", "Akun, aduan dan riwayat unggahan", env=env)
    return {"accounts": listed, "feeds": with_feed, "complaints": records, "posts": stored}
