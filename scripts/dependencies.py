"""Dependency drift, made visible: what this virtualenv has against the last versions tested.

    python scripts/dependencies.py report   # print each dependency: tested -> installed
    python scripts/dependencies.py write    # after a green run: record the installed versions

``constraints/tested.txt`` holds the exact versions of the last green full run (every package
in the virtualenv, direct and transitive). CI always installs the newest versions that
``pyproject.toml`` allows, as a new user gets them; this report is printed first, so a red run
names what moved. ``bash scripts/test.sh --locked`` installs the tested versions instead, to
tell a regression in Kanal from one in a dependency.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
TESTED = ROOT / "constraints" / "tested.txt"
SKIP = {"kanal", "pip", "setuptools", "wheel"}


def installed() -> dict[str, str]:
    found = {}
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name not in SKIP:
            found[name] = dist.version
    return dict(sorted(found.items()))


def tested() -> dict[str, str]:
    pins = {}
    if TESTED.is_file():
        for line in TESTED.read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line:
                req = Requirement(line)
                pins[canonicalize_name(req.name)] = str(req.specifier).removeprefix("==")
    return pins


def direct() -> set[str]:
    requires = metadata.distribution("kanal").requires or []
    return {canonicalize_name(Requirement(r).name) for r in requires}


def report() -> int:
    now, then, mine = installed(), tested(), direct()
    moved = [(n, then.get(n, "-"), v) for n, v in now.items() if then.get(n) != v]
    print(
        f"Dependensi: {len(now)} terpasang, {len(moved)} berbeda dari versi yang terakhir lulus uji"
        f" ({TESTED.relative_to(ROOT)})."
    )
    for name, old, new in sorted(moved, key=lambda m: (m[0] not in mine, m[0])):
        mark = "langsung" if name in mine else "tidak langsung"
        print(f"  {name}: {old} -> {new} ({mark})")
    return 0


def write() -> int:
    lines = [
        "# The versions of the last green full run (scripts/dependencies.py write).",
        "# CI installs the newest versions pyproject.toml allows; `scripts/test.sh --locked`",
        "# installs these instead.",
        *(f"{name}=={version}" for name, version in installed().items()),
    ]
    TESTED.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TESTED.relative_to(ROOT)}: {len(lines) - 3} paket")
    return 0


if __name__ == "__main__":
    commands = {"report": report, "write": write}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(commands[sys.argv[1]]())
