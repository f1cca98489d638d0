"""Regencies for the province tests: real Kepmendagri codes and names, made-up accounts."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from generator.registry import regions

HEADER = "id,agency,channel,category,received,first_response,resolved,status,kecamatan,summary\n"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def make_regency(
    root: Path,
    code: str,
    kecamatan: int,
    desa_per_kecamatan: int,
    active_every: int,
    complaints: int = 0,
    answered_every: int = 1,
) -> Path:
    """A regency data folder: ``kecamatan`` of its official kecamatan, ``desa_per_kecamatan``
    villages in each, every ``active_every``-th village with an active Instagram account."""
    codes = regions.reference_codes()
    name = codes[code]
    data = root / "data"
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(
        f'name: "{name}"\ncode: "{code}"\ntimezone: Asia/Jakarta\n'
        "publisher:\n  name: Diskominfo Uji\n  url: https://diskominfo.example.go.id\n"
        "  email: kominfo@example.go.id\n",
        encoding="utf-8",
    )
    tag = code.replace(".", "")
    (data / "agencies" / "dinkes.yml").write_text(
        f"id: dinas-kesehatan\nname: Dinas Kesehatan {name}\nkind: dinas\naccounts:\n"
        f"  - platform: instagram\n    handle: dinkes{tag}\n    status: active\n    reviewed: 2026-10-01\n",
        encoding="utf-8",
    )
    districts = sorted(c for c in codes if c.startswith(code + ".") and regions.depth(c) == 3)
    n = 0
    for k in districts[:kecamatan]:
        kid = f"kecamatan-{slug(codes[k])}"
        lines = [
            f'- id: {kid}\n  name: Kecamatan {codes[k]}\n  kind: kecamatan\n  region_code: "{k}"\n'
            f"  accounts:\n    - platform: instagram\n      handle: kec{tag}{slug(codes[k]).replace('-', '')[:12]}\n"
            "      status: active\n      reviewed: 2026-10-01\n"
        ]
        villages = sorted(c for c in codes if c.startswith(k + ".") and regions.depth(c) == 4)
        for v in villages[:desa_per_kecamatan]:
            kind = "kelurahan" if regions.is_kelurahan_code(v) else "desa"
            vid = f"{kind}-{slug(codes[v])}-{v.replace('.', '')}"
            item = (
                f"- id: {vid}\n  name: {kind.title()} {codes[v]}\n  kind: {kind}\n  parent: {kid}\n"
                f'  region_code: "{v}"\n'
            )
            if n % active_every == 0:
                item += (
                    f"  accounts:\n    - platform: instagram\n      handle: ds{v.replace('.', '')}\n"
                    "      status: active\n      reviewed: 2026-10-01\n"
                )
            n += 1
            lines.append(item)
        (data / "agencies" / f"{kid}.yml").write_text("".join(lines), encoding="utf-8")
    if complaints:
        (data / "complaints").mkdir()
        rows = []
        for i in range(complaints):
            day = 1 + i % 20
            late = 1 if i % answered_every == 0 else 8
            answer = f"2026-09-{min(28, day + late):02d}T10:00+07:00"
            rows.append(
                f"C-{i},dinas-kesehatan,lapor,layanan kesehatan,2026-09-{day:02d}T09:00+07:00,{answer},,open,,\n"
            )
        (data / "complaints" / "a.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return data


def make_province(root: Path, members: str) -> Path:
    data = root / "data"
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(
        'name: "Provinsi Jawa Tengah"\ncode: "33"\ntimezone: Asia/Jakarta\n'
        "publisher:\n  name: Diskominfo Provinsi Uji\n  url: https://diskominfo.example.go.id\n",
        encoding="utf-8",
    )
    (data / "agencies" / "diskominfo.yml").write_text(
        "id: diskominfo\nname: Dinas Komunikasi dan Informatika\nkind: dinas\naccounts:\n"
        "  - platform: instagram\n    handle: diskominfo.prov.uji\n    status: active\n"
        "    reviewed: 2026-10-01\n",
        encoding="utf-8",
    )
    (data / "members.yml").write_text(members, encoding="utf-8")
    return data


def run_province(data: Path, out: Path, config: Path, timeout: str = "5") -> int:
    """The real ``kanal province`` (its CLI entry), as of the tests' reference date."""
    from generator.cli import main
    from tests.conftest import TODAY

    return main(
        [
            "province",
            "--data",
            str(data),
            "--out",
            str(out),
            "--config",
            str(config),
            "--today",
            TODAY.isoformat(),
            "--timeout",
            timeout,
        ]
    )


def rehash(data: Path) -> None:
    """Update every size and hash in a member's kanal.json after a test doctored its files:
    then only the numbers themselves can give a doctoring away."""
    doc = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    for entry in doc["files"]:
        body = (data / entry["path"]).read_bytes()
        entry["bytes"], entry["sha256"] = len(body), hashlib.sha256(body).hexdigest()
    (data / "kanal.json").write_text(json.dumps(doc), encoding="utf-8")
