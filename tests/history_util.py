"""A real git repository of a region's data, committed change by change at chosen times."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

DISHUB = """\
id: dinas-perhubungan
name: {name}
kind: dinas
accounts:
  - platform: instagram
    handle: {handle}
    status: {status}
    since: 2026-08-01
    reviewed: 2026-09-10{note}
channels:
  - type: whatsapp
    value: "{whatsapp}"
"""


def dishub(
    name: str = "Dinas Perhubungan",
    handle: str = "dishub.uji",
    status: str = "active",
    whatsapp: str = "0812-1111-0001",
    note: str | None = None,
) -> str:
    return DISHUB.format(
        name=name,
        handle=handle,
        status=status,
        whatsapp=whatsapp,
        note=f"\n    note: {note}" if note else "",
    )


class Repo:
    """``root/data`` is a copy of the tiny fixture, committed once; ``commit`` adds more."""

    def __init__(self, root: Path, first: str = "2026-08-03T09:00:00+07:00"):
        self.root = root
        self.data = root / "data"
        root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(FIXTURES / "tiny", self.data)
        self.git("init", "-q", "-b", "main")
        self.commit(first, "Registri awal")

    def git(self, *args: str, when: str | None = None) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        if when:
            env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
        result = subprocess.run(
            ["git", "-c", "user.name=Uji", "-c", "user.email=uji@example.go.id", *args],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    def write(self, name: str, text: str) -> None:
        path = self.data / "agencies" / name
        path.write_text(text, encoding="utf-8")

    def commit(self, when: str, message: str) -> str:
        self.git("add", "-A", "data")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when)
        return self.git("rev-parse", "HEAD")


def lifecycle(root: Path) -> tuple[Repo, dict[str, str]]:
    """Add an account, change its address, archive it, reactivate it, change a WhatsApp number;
    returns the repository and each step's commit."""
    repo = Repo(root)
    steps = {}
    repo.write("dishub.yml", dishub())
    steps["added"] = repo.commit("2026-09-10T09:00:00+07:00", "Tambah Dishub")
    repo.write("dishub.yml", dishub(handle="dishub.uji.baru"))
    steps["url"] = repo.commit("2026-10-05T10:30:00+07:00", "Ganti akun Dishub")
    repo.write("dishub.yml", dishub(handle="dishub.uji.baru", status="archived"))
    steps["archived"] = repo.commit("2026-11-01T08:00:00+07:00", "Arsipkan")
    repo.write("dishub.yml", dishub(handle="dishub.uji.baru"))
    steps["reactivated"] = repo.commit("2026-11-10T08:00:00+07:00", "Aktifkan lagi")
    repo.write("dishub.yml", dishub(handle="dishub.uji.baru", whatsapp="0812-1111-0002"))
    steps["whatsapp"] = repo.commit("2026-11-20T23:30:00+00:00", "Ganti nomor WhatsApp")
    return repo, steps
