"""`kanal check --format github|gitlab`: the same problems as CI annotations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.cli import main
from generator.commands.report import github_line, gitlab_code_quality
from generator.safeinput.invisible import shown
from generator.safeinput.problems import Location, Problem, Severity

FIXTURES = Path(__file__).parent / "fixtures"


def _unescape(text: str) -> str:
    # The runner's decoding (actions/runner ActionCommand.cs): each escape maps back once.
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse ``::cmd k=v,k=v::data`` the way the GitHub runner does."""
    assert line.startswith("::")
    head, _, data = line[2:].partition("::")
    command, _, props_text = head.partition(" ")
    props = {}
    for pair in props_text.split(","):
        key, _, value = pair.partition("=")
        props[key] = _unescape(value)
    return command, props, _unescape(data)


def test_github_line_exact() -> None:
    problem = Problem(
        Location("data/agencies/dinkes.yml", 21, 12),
        Severity.ERROR,
        "channels[0].value",
        "nomor WhatsApp '0271-712345' bukan nomor seluler (08...): 100% salah",
    )
    assert github_line(problem) == (
        "::error file=data/agencies/dinkes.yml,line=21,col=12,title=kanal%3A channels[0].value"
        "::nomor WhatsApp '0271-712345' bukan nomor seluler (08...): 100%25 salah"
    )


def test_github_warning_without_line() -> None:
    problem = Problem(Location("data/region.yml"), Severity.WARNING, "", "periksa")
    assert github_line(problem) == "::warning file=data/region.yml,title=kanal::periksa"


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@given(path=text, field=text, message=text, line=st.integers(0, 10_000))
def test_github_line_round_trips(path: str, field: str, message: str, line: int) -> None:
    problem = Problem(Location(path, line, 3), Severity.WARNING, field, message)
    out = github_line(problem)
    assert "\n" not in out and "\r" not in out
    command, props, data = parse_command(out)
    assert command == "warning"
    # The problem holds its text with invisible characters and line feeds escaped
    # (``<U+202E>``); the workflow command carries exactly that text.
    assert props["file"] == shown(path)
    assert props["title"] == (f"kanal: {shown(field)}" if field else "kanal")
    assert data == shown(message)
    if line:
        assert (props["line"], props["col"]) == (str(line), "3")


def test_gitlab_report_fields_and_unique_fingerprints() -> None:
    problems = [
        Problem(Location("data/a.yml", 4, 7), Severity.ERROR, "kind", "nilai 'dinass' salah"),
        Problem(Location("data/a.yml", 9, 1), Severity.WARNING, "reviewed", "lama"),
        Problem(Location("data/a.yml", 9, 1), Severity.WARNING, "reviewed", "lama"),
    ]
    report = json.loads(gitlab_code_quality(problems))
    assert report == [
        {
            "description": "kind: nilai 'dinass' salah",
            "check_name": "kanal-error",
            "fingerprint": report[0]["fingerprint"],
            "severity": "major",
            "location": {"path": "data/a.yml", "lines": {"begin": 4}},
        },
        {
            "description": "reviewed: lama",
            "check_name": "kanal-warning",
            "fingerprint": report[1]["fingerprint"],
            "severity": "minor",
            "location": {"path": "data/a.yml", "lines": {"begin": 9}},
        },
    ]
    assert report[0]["fingerprint"] != report[1]["fingerprint"]
    assert len(report[0]["fingerprint"]) == 64


def _broken(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    path = data / "agencies" / "dinkes.yml"
    path.write_text(path.read_text().replace("kind: dinas", "kind: dinass"), encoding="utf-8")
    return data


def test_check_format_github(tmp_path: Path, monkeypatch, capsys) -> None:
    _broken(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "github", "--today", "2026-11-22"]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith(
        "::error file=data/agencies/dinkes.yml,line=4,col=7,title=kanal%3A kind::nilai 'dinass'"
    )
    assert lines[-1] == "1 galat, 0 peringatan."
    assert err == ""


def test_check_format_gitlab_stdout_is_only_json(tmp_path: Path, monkeypatch, capsys) -> None:
    _broken(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "gitlab", "--today", "2026-11-22"]) == 1
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert [r["location"] for r in report] == [
        {"path": "data/agencies/dinkes.yml", "lines": {"begin": 4}}
    ]
    assert "data/agencies/dinkes.yml:4:7: error: kind: nilai 'dinass'" in err


def test_check_format_gitlab_valid_data(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(FIXTURES / "tiny", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "gitlab", "--today", "2026-11-22"]) == 0
    out, err = capsys.readouterr()
    # The tiny region registers 1 of Surakarta's 5 kecamatan and has no site_url (posters):
    # only those warnings.
    report = json.loads(out)
    assert report and all(
        r["severity"] == "minor"
        and ("belum terdaftar" in r["description"] or r["description"].startswith("site_url:"))
        for r in report
    )
    assert err.splitlines()[-2:] == [
        f"0 galat, {len(report)} peringatan.",
        f"Data valid: 5 instansi, 5 akun, {len(report)} peringatan.",
    ]
