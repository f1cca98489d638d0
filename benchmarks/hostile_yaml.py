"""YAML reader cost: the demo data, and hostile documents that must be refused at once.

    python benchmarks/hostile_yaml.py

Targets: a "billion laughs" document, a self-referencing alias and one million nested
brackets are each refused in under 50 ms with under 5 MB of memory (measured: 5, 3 and
35 ms; 1, 1 and 4 MB, the last being the text itself). Reading the demo data costs what the
former reader (PyYAML's composer, then a conversion pass) cost: 0.08 s CPU for 309 files;
the one-pass reader does not parse twice. PyYAML's composer alone is printed for scale.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from generator.safeinput.problems import Problems  # noqa: E402
from generator.safeinput.yamlio import _Loader, read_yaml  # noqa: E402


def laughs(levels: int, width: int) -> str:
    lines = ['l0: &l0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def hostile(folder: Path) -> None:
    cases = {
        "billion laughs (10^9)": laughs(9, 10),
        "self-referencing alias": "&a [*a]\n",
        "1,000,000 nested brackets": "[" * 1_000_000 + "]" * 1_000_000,
    }
    for name, text in cases.items():
        file = folder / "bom.yml"
        file.write_text(text, encoding="utf-8")
        problems = Problems()
        tracemalloc.start()
        start = time.perf_counter()
        result = read_yaml(file, "bom.yml", problems)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert result is None and problems.errors, name
        print(f"{name:28s} refused in {seconds * 1000:6.1f} ms, peak {peak / 1e6:5.2f} MB")


def demo() -> None:
    files = sorted((ROOT / "data").rglob("*.yml"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    best_kanal = best_pyyaml = float("inf")
    for _ in range(5):
        start = time.process_time()
        for file in files:
            read_yaml(file, "x", Problems())
        best_kanal = min(best_kanal, time.process_time() - start)
        start = time.process_time()
        for text in texts:
            yaml.compose(text, Loader=_Loader)
        best_pyyaml = min(best_pyyaml, time.process_time() - start)
    print(
        f"demo data, {len(files)} files: Kanal reader {best_kanal:.3f} s CPU, "
        f"PyYAML compose alone {best_pyyaml:.3f} s CPU"
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        hostile(Path(tmp))
    demo()
