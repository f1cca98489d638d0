"""constraints/tested.txt (the last green run's versions) stays consistent with pyproject.toml."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pins() -> dict[str, str]:
    """What scripts/dependencies.py reads back: the one parser of the file."""
    spec = importlib.util.spec_from_file_location(
        "dependencies", ROOT / "scripts" / "dependencies.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.tested()


def requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = project["dependencies"] + [
        r for rs in project["optional-dependencies"].values() for r in rs
    ]
    return [Requirement(r) for r in listed]


def test_every_dependency_is_pinned_within_what_pyproject_allows():
    pinned = pins()
    for req in requirements():
        name = canonicalize_name(req.name)
        assert name in pinned, (
            f"{name} is not in constraints/tested.txt: run scripts/dependencies.py write"
        )
        assert req.specifier.contains(pinned[name], prereleases=True), (
            name,
            pinned[name],
            str(req.specifier),
        )


def test_pins_are_exact():
    for name, version in pins().items():
        assert version and not any(c in version for c in "<>=!~*,"), name
