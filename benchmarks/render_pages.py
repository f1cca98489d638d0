"""CPU time of the generate stage, split by part, on a prepared province (issue #12).

    python benchmarks/render_pages.py /work/bench/full/data --docs /tmp/docs [--profile out.prof]

Loads the data once (``generator.build.pipeline.check``), computes the figures, then times
``generate`` into a throwaway project folder (the docs tree is kept with ``--docs``, for a
``diff -r`` against another version). The complaint open data is timed on its own and
subtracted, so "pages" is the rendering cost this benchmark tracks (target: <= 15 s CPU).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import pipeline as kanal_build  # noqa: E402
from generator.build.project import Project  # noqa: E402
from generator.complaints import render as complaint_render  # noqa: E402

TODAY = dt.date(2026, 11, 22)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--docs", type=Path, help="copy the generated docs folder here")
    parser.add_argument("--profile", type=Path, help="write a cProfile of generate here")
    args = parser.parse_args()
    with kanal_build.loaded_once():
        inputs, problems = kanal_build.check(args.data, TODAY)
    if inputs is None:
        for p in problems.sorted()[:20]:
            print(p, file=sys.stderr)
        raise SystemExit(1)
    figures = kanal_build.compute_figures(inputs)
    open_data = [0.0]
    write_open_data = complaint_render.write_open_data

    def timed_open_data(*a, **k):  # type: ignore[no-untyped-def]
        start = time.process_time()
        try:
            return write_open_data(*a, **k)
        finally:
            open_data[0] += time.process_time() - start

    complaint_render.write_open_data = timed_open_data
    with tempfile.TemporaryDirectory(prefix="kanal-render-") as tmp:
        work = Path(tmp)
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        shutil.copytree(ROOT / "content", work / "content")
        shutil.copytree(ROOT / "theme", work / "theme")
        project = Project(work / "mkdocs.yml")
        profiler = cProfile.Profile() if args.profile else None
        start, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        kanal_build.generate(inputs, project, figures)
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        cpu, wall = time.process_time() - start, time.perf_counter() - wall
        if args.docs:
            if args.docs.exists():
                shutil.rmtree(args.docs)
            shutil.copytree(project.docs, args.docs)
    result = {
        "generate_cpu": round(cpu, 2),
        "generate_wall": round(wall, 2),
        "open_data_cpu": round(open_data[0], 2),
        "pages_cpu": round(cpu - open_data[0], 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
