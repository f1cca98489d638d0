"""A member's published data is hostile: absurd numbers, even re-hashed, never reach the page."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import build
from generator.province.collect import read_folder
from tests.conftest import TODAY
from tests.province_util import make_regency

CODE = "33.17"


@pytest.fixture(scope="module")
def member_site(tmp_path_factory, project_copy) -> Path:
    root = tmp_path_factory.mktemp("member")
    data = make_regency(root, CODE, 2, 2, 2, complaints=30, answered_every=3)
    out = root / "site"
    build(data, out, project_copy, TODAY)
    return out


def _tampered(site: Path, tmp_path: Path, figures: dict[str, str], manifest: dict) -> Path:
    """A copy of ``site`` with the overall figures row and the manifest changed, re-hashed so
    that only the numbers themselves can give it away."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    data = copy / "data"
    rows = list(csv.DictReader(io.StringIO((data / "figures.csv").read_text(encoding="utf-8"))))
    rows[0].update(figures)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (data / "figures.csv").write_text(buf.getvalue(), encoding="utf-8")
    doc = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    for key, values in manifest.items():
        doc[key] = {**(doc[key] or {}), **values}
    for entry in doc["files"]:
        body = (data / entry["path"]).read_bytes()
        entry["bytes"], entry["sha256"] = len(body), hashlib.sha256(body).hexdigest()
    (data / "kanal.json").write_text(json.dumps(doc), encoding="utf-8")
    return copy


def test_untouched_member_is_read(member_site):
    result = read_folder(member_site, CODE, "Kabupaten Rembang", TODAY)
    assert result.status == "ok" and result.complaints is not None
    assert result.complaints.within == 10 and result.complaints.eligible == 30


@pytest.mark.parametrize(
    ("figures", "manifest", "reason"),
    [
        (
            {"first_response_within_share": "nan"},
            {},
            "figures.csv memuat angka tidak sah 'nan'",
        ),
        (
            {"first_response_median_workdays": "banyak"},
            {},
            "figures.csv memuat angka tidak sah 'banyak'",
        ),
        (
            {"first_response_within_share": "0.9"},
            {},
            "angka aduan di figures.csv tidak cocok satu sama lain (n, persentase)",
        ),
        (
            {"first_response_within_target": "1000000000"},
            {"complaints": {"first_response_within_target": 1_000_000_000}},
            "angka aduan di figures.csv tidak cocok satu sama lain (n, persentase)",
        ),
        (
            {},
            {"activity": {"agencies_monitored": 1, "agencies_posting_30": 1_000_000}},
            "kanal.json: instansi yang mengunggah lebih banyak daripada instansi yang dipantau",
        ),
    ],
)
def test_absurd_numbers_mark_the_member_inconsistent(
    member_site, tmp_path, figures, manifest, reason
):
    site = _tampered(member_site, tmp_path, figures, manifest)
    result = read_folder(site, CODE, "Kabupaten Rembang", TODAY)
    assert (result.status, result.reason) == ("inconsistent", reason)
    assert result.complaints is None and result.posting_share is None


def test_reason_quoting_the_members_manifest_is_bounded_and_printable(member_site, tmp_path):
    name = "\x1b]8;;https://palsu.example/\x07Kab\u202eX\x1b[2J" + "A" * 100_000
    site = _tampered(member_site, tmp_path, {}, {"region": {"code": "33.18", "name": name}})
    result = read_folder(site, CODE, "Kabupaten Rembang", TODAY)
    assert result.status == "inconsistent"
    assert result.reason.startswith(
        "kanal.json milik wilayah 33.18 (\ufffd]8;;https://palsu.example/\ufffdKab\ufffdX\ufffd[2J"
    )
    assert len(result.reason) == 300 and result.reason.endswith("A\u2026")


def test_a_reference_date_in_the_future_is_inconsistent(member_site, tmp_path):
    site = _tampered(member_site, tmp_path, {}, {})
    manifest = site / "data" / "kanal.json"
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    doc["reference_date"] = "2099-01-01"
    manifest.write_text(json.dumps(doc), encoding="utf-8")
    result = read_folder(site, CODE, "Kabupaten Rembang", TODAY)
    assert (result.status, result.reason) == (
        "inconsistent",
        "tanggal acuan kanal.json 2099-01-01 belum terjadi",
    )
