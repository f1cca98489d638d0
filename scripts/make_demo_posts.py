"""Generate the demo region's stored post history (``data/posts/``), deterministically.

Run from the repository root after ``scripts/make_demo.py``::

    python scripts/make_demo_posts.py

It deletes ``data/posts/`` and writes about three months of posts (24 August to 22 November
2026) for the demo accounts that have a ``feed:``, with Kanal's own store writer, so the
format is the real one. Accounts get a profile: most post regularly, some went quiet
(last post 14-29 days ago), some are dormant (30+ days), some have a feed that keeps failing.
Accounts without a feed have no history ("tanpa feed"). Titles are invented and touch the
region's priority themes now and then. ``random.Random(2611)``: two runs give identical files.
It prints the number of posts, the bytes on disk and the bytes per post.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.feeds.parse import Post  # noqa: E402
from generator.feeds.store import Store  # noqa: E402
from generator.registry.models import AccountStatus, Level  # noqa: E402
from generator.registry.validate import load_directory  # noqa: E402
from generator.safeinput.problems import Problems  # noqa: E402

DATA = ROOT / "data"
START = dt.date(2026, 8, 24)  # a Monday, 13 weeks before the last fetch
FETCHED = dt.datetime(2026, 11, 22, 6, 0)  # the last (imaginary) fetch, local time
rng = random.Random(2611)

RATES = {
    Level.DAERAH: (4, 7),
    Level.OPD: (0.8, 3.5),
    Level.KECAMATAN: (0.6, 2.5),
    Level.DESA: (0.3, 1.2),
}
PROFILES = [("active", 70), ("quiet", 10), ("dormant", 12), ("failing", 8)]

TOPICS = [
    "Perbaikan jalan desa {place} rampung dikerjakan",
    "Pembangunan jembatan penghubung {place} dimulai",
    "Normalisasi irigasi untuk petani {place}",
    "Festival budaya {place} digelar akhir pekan ini",
    "Promosi wisata alam {place} bersama pelaku usaha",
    "Pelatihan pemasaran daring bagi UMKM {place}",
    "Pasar murah dan bazar produk lokal di {place}",
    "Panen raya padi di {place} bersama kelompok tani",
    "Penyaluran pupuk bersubsidi untuk petani {place}",
    "Vaksinasi ternak gratis di {place}",
    "Inovasi layanan: antrean daring di kantor {short}",
    "Penguatan zona integritas di lingkungan {short}",
    "Survei kepuasan pelayanan publik {short} tahun 2026",
    "Rapat koordinasi {short} bersama camat se-kabupaten",
    "Upacara peringatan hari besar nasional di {place}",
    "Kerja bakti bersih lingkungan di {place}",
    "Posyandu balita dan lansia di {place}",
    "Sosialisasi pencegahan DBD di {place}",
    "Pengumuman jadwal layanan {short} pekan depan",
    "Penyerahan bantuan sosial kepada warga {place}",
    "Lomba kebersihan antar-RT di {place}",
    "Monitoring program {short} di {place}",
]
PLACES = [
    "Sukamaju",
    "Tegalrejo",
    "Banjarharjo",
    "Sidomulyo",
    "Karanganyar",
    "Wonosari",
    "Margorejo",
    "Sumberagung",
    "Tirtomulyo",
    "Kedungsari",
]
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def token(n: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def link_for(account, when: dt.datetime, title: str) -> tuple[str, str]:
    """(link, guid) as the platform's feed would give them."""
    platform, handle = account.platform.value, account.handle or ""
    if platform == "youtube":
        vid = token(11)
        return f"https://www.youtube.com/watch?v={vid}", f"yt:video:{vid}"
    if platform == "website":
        slug = "-".join(title.lower().split()[:6]).strip(":,.")
        link = f"{account.url.rstrip('/')}/{when.year}/{when.month:02d}/{slug}/"
        return link, link
    digits = str(rng.randint(10**17, 10**18))
    link = {
        "instagram": f"https://www.instagram.com/p/{token(11)}/",
        "facebook": f"https://www.facebook.com/{handle}/posts/{digits[:16]}",
        "x": f"https://x.com/{handle}/status/{digits}",
        "tiktok": f"https://www.tiktok.com/@{handle}/video/{digits[:19]}",
        "threads": f"https://www.threads.net/@{handle}/post/{token(11)}",
    }.get(platform, f"{account.url.rstrip('/')}/{token(8)}")
    return link, link


def posts_for(agency, account, last_day: dt.date, tz: ZoneInfo) -> list[Post]:
    low, high = RATES[agency.level]
    rate = rng.uniform(low, high)
    posts = []
    day = START
    while day <= last_day:
        if rng.random() < rate / 7:
            for _ in range(1 + (rng.random() < 0.15)):
                when = dt.datetime.combine(day, dt.time(rng.randint(7, 20), rng.randint(0, 59)), tz)
                if when.replace(tzinfo=None) > FETCHED:
                    continue
                title = rng.choice(TOPICS).format(
                    place=rng.choice(PLACES), short=agency.short_name or agency.name
                )
                link, guid = link_for(account, when, title)
                posts.append(Post(guid, link, when, title))
        day += dt.timedelta(days=1)
    return posts


def main() -> None:
    problems = Problems()
    directory = load_directory(DATA, FETCHED.date(), problems)
    if directory is None:
        raise SystemExit("\n".join(str(p) for p in problems))
    tz = ZoneInfo(directory.region.timezone)
    root = DATA / "posts"
    if root.exists():
        shutil.rmtree(root)
    store = Store(root)
    status: dict[str, dict] = {}
    fetched = dt.datetime.combine(FETCHED.date(), FETCHED.time(), tz).isoformat()
    total = 0
    for agency in directory.agencies.values():
        for account in agency.accounts:
            if account.status is not AccountStatus.ACTIVE or not account.feed:
                continue
            profile = rng.choices([p for p, _ in PROFILES], [w for _, w in PROFILES])[0]
            last_day = FETCHED.date()
            if profile == "quiet":
                last_day -= dt.timedelta(days=rng.randint(15, 28))
            elif profile == "dormant":
                last_day -= dt.timedelta(days=rng.randint(32, 80))
            elif profile == "failing":
                last_day -= dt.timedelta(days=rng.randint(5, 40))
            total += store.add(account.key, posts_for(agency, account, last_day, tz))
            entry = {"url": account.feed, "ok": fetched, "fails": 0}
            if profile == "failing":
                broke = dt.datetime.combine(last_day, dt.time(6), tz)
                entry.update(
                    ok=broke.isoformat(),
                    fails=(FETCHED.date() - last_day).days,
                    err=rng.choice(
                        ["HTTP 404", "waktu habis (20 detik)", "server menjawab HTTP 502"]
                    ),
                    err_at=fetched,
                )
            status[account.key] = entry
    store.write_status(status)
    posts_bytes = sum(p.stat().st_size for p in root.rglob("*.jsonl"))
    all_bytes = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    print(
        f"{total} unggahan dari {len(status)} feed ke {root.relative_to(ROOT)}/: "
        f"{posts_bytes:,} bait unggahan ({posts_bytes / max(total, 1):.0f} bait per unggahan), "
        f"{all_bytes:,} bait seluruhnya termasuk _status.json"
    )


if __name__ == "__main__":
    main()
