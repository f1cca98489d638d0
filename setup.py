"""Packs Kanal's defaults (mkdocs.yml, content/, theme/) into the wheel as generator/defaults/.

The repository keeps them at its root, where the demo and the tests use them; an installed
Kanal finds the packaged copy (generator.build.project.defaults_dir). An editable install reads the
root files directly, so nothing is copied for it.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DEFAULTS = ("mkdocs.yml", "content", "theme")


class BuildWithDefaults(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "generator" / "defaults"
        if target.exists():
            shutil.rmtree(target)  # a stale copy from an earlier build must not linger
        for name in DEFAULTS:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(
                    source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".*")
                )
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithDefaults})
