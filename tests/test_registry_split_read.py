"""A long list of agency files is read by two processes (generator.registry.load.read_agencies)
and their agencies' own checks are made by two (generator.registry.validate._own_ahead): the
result must be the one a single process gives (agencies, salvaged parts, unreadable files,
the checked directory and every problem in the same order) wherever the list is cut.

The comparison runs in a fresh interpreter: a session-wide fixture's HTTP server thread would
make this process refuse to fork (generator.build.worker.can_fork) and the test would then
compare the one-process path with itself; the child asserts it can fork.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FAULTS = {
    # not YAML at all: the file's name stands for its agency (RawData.unread)
    "opd/zz-rusak.yml": "id: rusak\nname: [tidak ditutup\n",
    # a structural error: salvaged, its well-formed account kept
    "opd/aa-salah.yml": (
        "id: salah\nname: Dinas Salah\nkind: opd\nnmae: x\naccounts:\n"
        "  - platform: instagram\n    handle: dinassalah\n"
    ),
    # a list file whose second item is wrong
    "kecamatan/mm-daftar.yml": (
        "- id: satu-daftar\n  name: Kantor Satu\n  kind: opd\n- id: dua-daftar\n  kind: opd\n"
    ),
    # an empty file and a key given twice
    "desa/kosong.yml": "",
    "desa/dua-kali.yml": "id: dua-kali\nid: dua-kali-lagi\nname: Kantor Dua\nkind: opd\n",
    # own-check problems late in the list: a wrong number, a wrong address, a code not listed
    "opd/zx-salah-isi.yml": (
        "id: salah-isi\nname: Kecamatan Salah Isi\nkind: kecamatan\nregion_code: '99.99.99'\n"
        "accounts:\n  - platform: instagram\n    url: https://example.com/bukan-instagram\n"
        "    status: active\n    reviewed: 2026-10-23\n"
        "channels:\n  - type: whatsapp\n    value: '0812'\n"
    ),
    # an id used before the cut and again after it; an account another agency lists
    "opd/zy-dobel.yml": ("id: bappeda\nname: Bappeda Lagi\nkind: badan\n"),
    "opd/zz-akun-sama.yml": (
        "id: akun-sama\nname: Kantor Akun Sama\nkind: badan\naccounts:\n"
        "  - platform: instagram\n    url: https://www.instagram.com/bapendakab.contoh/\n"
        "    status: active\n    reviewed: 2026-10-23\n"
        # the SMS sender Bapenda states: a claim compared across agencies
        "official:\n  sms_senders:\n    - sender: PAJAKCONTOH\n      status: active\n"
        "      reviewed: 2026-11-03\n"
    ),
}

SCRIPT = r"""
import dataclasses, datetime as dt, json, sys
from pathlib import Path
from generator.build.worker import can_fork
import generator.registry.load as load
import generator.registry.validate as validate
from generator.registry.load import listed_files, read_agencies
from generator.safeinput.problems import DisplayPaths, Problems

assert can_fork(), "this interpreter must be able to fork"
data = Path(sys.argv[1])

def read(split_from, part):
    problems = Problems()
    display = DisplayPaths()
    files = listed_files(data, problems, display)
    agencies, salvaged, unread = read_agencies(files, problems, display, split_from, part)
    return {
        "files": len(files),
        "agencies": [
            [a.model.model_dump(mode="json"), a.prefix, a.lines.file, sorted(map(str, a.lines.positions.items()))]
            for a in agencies
        ],
        "salvaged": [
            [s.prefix, s.lines.file, s.names, [(i, a.model_dump(mode="json")) for i, a in s.accounts],
             [(i, c.model_dump(mode="json")) for i, c in s.channels]]
            for s in salvaged
        ],
        "unread": unread,
        "problems": [str(p) for p in problems.items],
        "severities": [p.severity.value for p in problems.items],
    }

def checked(split_from, part):
    load.SPLIT_FILES = validate.SPLIT_AGENCIES = split_from
    load.WORKER_PART = validate.WORKER_PART = part
    problems = Problems()
    directory = validate.load_directory(data, dt.date(2026, 11, 22), problems, partial=True)
    return {
        "agencies": [repr(dataclasses.asdict(a)) for a in directory.agencies.values()],
        "problems": [str(p) for p in problems.items],
    }

PARTS = (0.001, 0.2, 0.45, 0.5, 0.8, 0.999)
one = read(10**9, 0.5)
cuts = [read(1, part) for part in PARTS]
whole = checked(10**9, 0.5)
split = [checked(1, part) for part in PARTS]
print(json.dumps({
    "one": one, "same": [c == one for c in cuts],
    "whole": whole, "same_checked": [c == whole for c in split],
}))
"""


def test_two_processes_read_what_one_reads(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for name, text in FAULTS.items():
        (data / "agencies" / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(result.stdout)
    one = out["one"]
    # The faults were read as faults (so the comparison covers every kind of result) ...
    assert one["files"] == 307 + len(FAULTS)
    assert one["unread"] == ["kosong", "zz-rusak"]
    assert {"salah", "dua-daftar"} <= {s[2][0] for s in one["salvaged"]}
    assert len(one["problems"]) >= 4
    assert any("kosong.yml" in line for line in one["problems"])
    # ... and every cut, from one file for the worker to all but one, gives the same.
    assert out["same"] == [True] * 6
    whole = out["whole"]
    assert len(whole["agencies"]) >= 300
    for needle in (
        "sudah dipakai di",
        "PAJAKCONTOH",
        "99.99.99",
        "bapendakab.contoh",
        "example.com",
        "'0812'",
    ):
        assert any(needle in line for line in whole["problems"]), needle
    assert out["same_checked"] == [True] * 6
