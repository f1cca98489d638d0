"""Time and size the posters add to a build: the demo, and a province (Jawa Tengah, 9,174
agencies, written as benchmarks/province.py does).

    python benchmarks/posters.py [--province 33]

Renders every poster (poster/<id>.html, QR code included) into a throwaway docs folder,
then copies that tree as MkDocs does with static files, and prints CPU seconds and bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.registry.validate import load_directory  # noqa: E402
from generator.safeinput.problems import Problems  # noqa: E402
from generator.site.pages import Renderer  # noqa: E402
from generator.site.posters import render_posters  # noqa: E402
from generator.site.wellknown import write_well_known  # noqa: E402

TODAY = dt.date(2026, 11, 22)


def measure(name: str, data: Path, work: Path) -> None:
    directory = load_directory(data, TODAY, Problems())
    assert directory is not None, f"{data} is not valid"
    docs = work / f"{name}-docs"
    renderer = Renderer(directory, docs)
    cpu = time.process_time()
    count = render_posters(renderer, docs)
    posters = time.process_time() - cpu
    cpu = time.process_time()
    write_well_known(directory, docs)
    well_known = time.process_time() - cpu
    wall = time.perf_counter()
    shutil.copytree(docs / "poster", work / f"{name}-site" / "poster")
    copy = time.perf_counter() - wall
    size = sum(p.stat().st_size for p in (docs / "poster").rglob("*") if p.is_file())
    official = (docs / ".well-known" / "kanal-official.json").stat().st_size
    print(
        f"{name}: {count} posters in {posters:.2f} s CPU ({posters / count * 1000:.2f} ms each), "
        f"{size / 1e6:.1f} MB ({size / count / 1000:.1f} KB each); copying them {copy:.2f} s; "
        f".well-known {well_known:.2f} s CPU, kanal-official.json {official / 1e6:.2f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default="33")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kanal-posters-") as tmp:
        work = Path(tmp)
        measure("demo", ROOT / "data", work)
        from benchmarks.province import write_province

        data = work / "province"
        write_province(args.province, data)
        measure(f"province {args.province}", data, work)


if __name__ == "__main__":
    main()
