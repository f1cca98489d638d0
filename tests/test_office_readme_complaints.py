"""The region repository's README tells a clerk, in Indonesian, what may be committed and how to
write and import complaints; its complaint example passes ``kanal check`` in a fresh scaffold."""

from __future__ import annotations

from pathlib import Path

from generator.build.pipeline import check
from generator.scaffold.region import scaffold_files
from tests.conftest import TODAY


def _scaffold(tmp_path: Path, code: str) -> tuple[Path, str]:
    _, files = scaffold_files(code)
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path, files["README.md"]


def test_readme_says_what_may_be_committed_and_documents_complaints(tmp_path):
    _, readme = _scaffold(tmp_path, "35.01")
    for heading in (
        "## Repositori ini publik: yang boleh disimpan",
        "## Aduan (`data/complaints/`)",
        "## Mengimpor aduan (`kanal import`)",
        "## Unggahan akun tanpa RSS (`data/posts-csv/`)",
    ):
        assert heading in readme
    for words in ("NIK/KK", "simpan sebagai **CSV UTF-8**", "--format kanal", ".xlsx", "WITA"):
        assert words.lower() in readme.lower(), words


def test_the_readme_complaint_example_passes_check_in_a_new_region(tmp_path, monkeypatch):
    repo, readme = _scaffold(tmp_path, "35.01")
    example = readme.split("```csv\n", 1)[1].split("```", 1)[0]
    (repo / "data" / "complaints").mkdir()
    (repo / "data" / "complaints" / "contoh.csv").write_text(example, encoding="utf-8")
    monkeypatch.chdir(repo)
    inputs, problems = check(Path("data"), TODAY)
    assert not problems.errors, [str(p) for p in problems.errors]
    records = {r.id: r for r in inputs.complaints.records}
    first = records["ADU-2601-001"]
    assert (first.agency, first.channel.value, first.status.value) == (
        "dinas-kesehatan",
        "whatsapp",
        "resolved",
    )
    assert first.received.isoformat() == "2026-01-05T09:15:00+07:00"
    assert records["ADU-2601-002"].category == "jalan rusak"
