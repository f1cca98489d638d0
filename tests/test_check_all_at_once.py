"""One ``kanal check`` reports every file's problems at once: the complaint records and post
files are checked even when the registry has errors (against a partial directory), and an
agency whose own file failed is not reported again wherever it is named (its villages'
``parent``, a complaint's ``agency``, an impostor's ``imitates``)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.pipeline import check
from generator.cli import main
from generator.safeinput.problems import Severity
from tests.complaints_util import HEADER, make_data
from tests.conftest import TODAY, without_completeness


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        file = data / path
        text = file.read_text(encoding="utf-8")
        assert old in text
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _append(path: str, text: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        file = data / path
        file.parent.mkdir(parents=True, exist_ok=True)
        before = file.read_text(encoding="utf-8") if file.exists() else ""
        file.write_text(before + text, encoding="utf-8")

    return apply


POSTS_HEADER = "platform,akun,waktu,judul,tautan\n"

# Independent faults, each in a file of its own. The records name agencies whose files fail
# under other faults: that must add no problem of its own.
FAULTS: dict[str, Callable[[Path], None]] = {
    # A structural error: the agency is salvaged, not built (its id is named elsewhere).
    "kind": _replace("agencies/dinkes.yml", "kind: dinas", "kind: dinass"),
    # Not YAML at all: nothing of the file is known but its name (the id is the same).
    "yaml": _replace("agencies/bappeda.yml", "name: Badan", "name: [Badan"),
    # The district fails: its two villages name it as their parent.
    "district": _replace("agencies/laweyan.yml", "kind: kecamatan", "kind: kecamatann"),
    "unknown field": _replace("region.yml", "timezone:", "time_zone:"),
    "complaint time": _append(
        "complaints/a.csv",
        "A-9,kelurahan-pajang,whatsapp,jalan rusak,2026-13-02T08:00+07:00,,,open,,\n",
    ),
    "complaint agency": _append(
        "complaints/b.csv",
        "B-9,dinas-tidak-ada,whatsapp,jalan rusak,2026-03-02T08:00+07:00,,,open,,\n",
    ),
    "post time": _append(
        "posts-csv/p.csv",
        "instagram,dinkes.uji,kemarin sore,Judul,https://www.instagram.com/p/x/\n",
    ),
}

# Records that name each agency a fault may break, all valid: they must never be reported.
VALID = {
    "a.csv": HEADER
    + "A-1,dinas-kesehatan,whatsapp,jalan rusak,2026-03-02T08:00+07:00,,,open,,\n"
    + "A-2,bappeda,whatsapp,jalan rusak,2026-03-02T08:00+07:00,,,open,,\n"
    + "A-3,kecamatan-laweyan,whatsapp,jalan rusak,2026-03-02T08:00+07:00,,,open,,\n"
    + "A-4,Dinkes,whatsapp,jalan rusak,2026-03-02T08:00+07:00,,,open,,\n",
    "b.csv": HEADER + "B-1,kelurahan-bumi,whatsapp,jalan rusak,2026-03-02T08:00+07:00,,,open,,\n",
}
POSTS = (
    POSTS_HEADER + "instagram,dinkes.uji,2026-03-02 08:00,Judul,https://www.instagram.com/p/a/\n"
)


def region_with(root: Path, faults: frozenset[str]) -> Path:
    """The tiny region with the valid records above, then ``faults``."""
    data = make_data(root, VALID)
    (data / "posts-csv").mkdir()
    (data / "posts-csv" / "p.csv").write_text(POSTS, encoding="utf-8")
    for name in sorted(faults):
        FAULTS[name](data)
    return data


def errors(faults: frozenset[str]) -> set[str]:
    """The error lines of one check of the tiny region with ``faults``."""
    with tempfile.TemporaryDirectory() as tmp:
        inputs, problems = check(region_with(Path(tmp), faults), TODAY)
        lines = without_completeness(
            [str(p) for p in problems.sorted() if p.severity is Severity.ERROR]
        )
        assert (inputs is None) == bool(lines)
        return {line.replace(tmp, "") for line in lines}


ALONE = {name: errors(frozenset([name])) for name in FAULTS}


def test_the_valid_region_has_no_error_and_each_fault_alone_has_its_own():
    assert errors(frozenset()) == set()
    for name, found in ALONE.items():
        assert found, name
    # Only the faulty agency's own file: not its villages, its complaints or its posts.
    assert {line.split(":")[0] for line in ALONE["district"]} == {"/data/agencies/laweyan.yml"}
    assert {line.split(":")[0] for line in ALONE["kind"]} == {"/data/agencies/dinkes.yml"}
    assert {line.split(":")[0] for line in ALONE["yaml"]} == {"/data/agencies/bappeda.yml"}


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(sorted(FAULTS)), min_size=2))
def test_one_check_reports_what_each_fault_reports_alone(faults):
    """Any faults together: exactly the union of what each reports alone (the records' errors
    are not held back by the registry's, and no error is added by another file's)."""
    expected = set().union(*(ALONE[name] for name in faults))
    if "unknown field" in faults:
        # Without its time zone the region is not built: the records cannot be checked.
        expected = {line for line in expected if "/complaints/" not in line}
        expected = {line for line in expected if "/posts-csv/" not in line}
    assert errors(frozenset(faults)) == expected


def test_the_cli_prints_registry_and_record_errors_in_one_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    faults = ("kind", "district", "complaint time", "complaint agency", "post time")
    region_with(tmp_path, frozenset(faults))
    assert main(["check", "--data", "data", "--today", TODAY.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for place in ("dinkes.yml:4", "laweyan.yml:4", "a.csv:6", "b.csv:3", "p.csv:3"):
        assert place in err, place
    assert "instansi induk 'kecamatan-laweyan'" not in err
    assert "'dinas-kesehatan' tidak ada" not in err
