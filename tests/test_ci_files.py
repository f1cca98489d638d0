"""The CI files a region repository copies: parsed, checked against the real CLI, and run.

The jobs' shell steps run as written against a temporary git repository (with a bare "origin")
and a loopback feed server: the pull-request check with its summary, the build, and the daily
fetch + commit + rebuild. Only the network install step (pip install "$KANAL_SPEC") and the
``uses:`` actions are left to GitHub/GitLab.
"""

from __future__ import annotations

import functools
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from generator.cli import _parser
from generator.scaffold.workflows import DEFAULT_KANAL_SPEC, ci_files, main
from tests import feedserver as fs
from tests.ci_jobs import checkout_wheel, install_env, job_env, run_github_job, run_step

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
FILES = ci_files("33.72")
PERIKSA = ".github/workflows/kanal-periksa.yml"
TERBIT = ".github/workflows/kanal-terbit.yml"
GITLAB = ".gitlab-ci.yml"
EPOCH = "1795305600"  # 2026-11-22
BOT = "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"


def load(path: str) -> dict:
    return yaml.safe_load(FILES[path])


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


# -- static checks ---------------------------------------------------------------------------


def test_paths_and_region() -> None:
    assert sorted(FILES) == [".github/workflows/kanal-periksa.yml", TERBIT, GITLAB]
    assert load(PERIKSA)["name"] == "Kanal 33.72: periksa usulan"
    assert all("@REGION@" not in t and "@KANAL_SPEC@" not in t for t in FILES.values())


def test_kanal_spec_is_one_valid_requirement() -> None:
    specs = [load(PERIKSA)["env"], load(TERBIT)["env"], load(GITLAB)["variables"]]
    assert {s["KANAL_SPEC"] for s in specs} == {DEFAULT_KANAL_SPEC}
    assert Requirement(DEFAULT_KANAL_SPEC).name == "kanal"
    custom = ci_files("33", kanal_spec="kanal==0.2.0")
    assert 'KANAL_SPEC: "kanal==0.2.0"' in custom[GITLAB]


@pytest.mark.parametrize(
    ("code", "spec", "message"),
    [
        ("33.72.01", DEFAULT_KANAL_SPEC, "kode wilayah provinsi atau kabupaten/kota tidak sah"),
        ("33.72", 'kanal" ; rm -rf /', "KANAL_SPEC memuat karakter yang tidak diizinkan"),
    ],
)
def test_ci_files_refuses_bad_input(code: str, spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ci_files(code, kanal_spec=spec)


def test_scaffold_command_writes_and_never_overwrites(tmp_path: Path, capsys) -> None:
    from generator.scaffold.source import installed_source

    assert main(["33.72", str(tmp_path)]) == 0
    source = installed_source()  # the office's own install source, as kanal init writes it
    written = ci_files("33.72", source.spec, source.note)
    assert (tmp_path / PERIKSA).read_text(encoding="utf-8") == written[PERIKSA]
    assert (tmp_path / GITLAB).read_text(encoding="utf-8") == written[GITLAB]
    (tmp_path / GITLAB).write_text("milik kantor\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["33.72", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("galat: berkas sudah ada, tidak ditimpa: ")
    assert (tmp_path / GITLAB).read_text(encoding="utf-8") == "milik kantor\n"


def uses(workflow: dict) -> list[str]:
    return [s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]


def test_github_actions_pinned_and_pages_permissions() -> None:
    periksa, terbit = load(PERIKSA), load(TERBIT)
    setup = {"actions/checkout@v4", "actions/setup-python@v5", "actions/cache@v4"}
    assert set(uses(periksa)) == setup
    assert set(uses(terbit)) == setup | {
        "actions/upload-pages-artifact@v3",
        "actions/deploy-pages@v4",
    }
    for workflow, name in ((periksa, PERIKSA), (terbit, TERBIT)):
        for job in workflow["jobs"].values():
            names = [s.get("uses") or s.get("name") for s in job["steps"]]
            if "Pasang Kanal" not in names:
                continue
            # the caches are restored before the install step, which is the first to run
            assert names.index("actions/cache@v4") < names.index("Pasang Kanal")
            [cache] = [s for s in job["steps"] if s.get("uses") == "actions/cache@v4"]
            assert cache["with"]["path"].split() == ["~/.cache/pip", "~/.cache/uv"]
            assert cache["with"]["key"] == (
                "kanal-${{ runner.os }}-${{ hashFiles('" + name + "') }}"
            )
            assert cache["with"]["restore-keys"] == "kanal-${{ runner.os }}-"
    assert triggers(periksa) == {"pull_request": None}
    assert set(triggers(terbit)) == {"push", "schedule", "workflow_dispatch"}
    assert terbit["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert terbit["permissions"] == {"contents": "read"}
    assert terbit["jobs"]["bangun"]["permissions"] == {"contents": "write"}
    assert terbit["jobs"]["terbit"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert terbit["jobs"]["terbit"]["environment"]["name"] == "github-pages"
    upload = next(
        s for s in terbit["jobs"]["bangun"]["steps"] if "upload-pages" in s.get("uses", "")
    )
    assert upload["with"]["path"] == "site"
    checkout = periksa["jobs"]["periksa"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0  # kanal diff needs the base revision
    build_checkout = terbit["jobs"]["bangun"]["steps"][0]
    assert build_checkout["with"]["fetch-depth"] == 0  # Riwayat perubahan needs the history
    review = periksa["jobs"]["tinjauan-sensitif"]
    assert review["environment"] == "perubahan-sensitif"
    assert review["if"] == "needs.periksa.outputs.sensitive == 'true'"


def test_gitlab_jobs() -> None:
    gl = load(GITLAB)
    assert gl["stages"] == ["check", "fetch", "deploy"]
    assert gl["periksa"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert gl["periksa"]["allow_failure"] == {"exit_codes": [3]}
    assert gl["periksa"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert gl["perbarui-unggahan"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert gl["pages"]["artifacts"]["paths"] == ["public"]
    assert gl["pages"]["variables"]["GIT_DEPTH"] == "0"  # Riwayat perubahan reads the history
    assert gl["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    assert gl["variables"]["UV_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/uv"
    assert gl["default"]["cache"]["paths"] == [".cache/pip", ".cache/uv"]


def scripts() -> list[str]:
    """Every shell script of every job in every file."""
    out = []
    for workflow in (load(PERIKSA), load(TERBIT)):
        for job in workflow["jobs"].values():
            out += [s["run"] for s in job["steps"] if "run" in s]
    gl = load(GITLAB)
    for job in gl.values():
        if isinstance(job, dict) and "script" in job:
            out += job["script"]
    out += gl["default"]["before_script"]
    return out


def kanal_commands(script: str) -> list[list[str]]:
    """The argument lists of every `kanal ...` command in a shell script."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        for i, word in enumerate(words):
            if word == "kanal" and (i == 0 or words[i - 1] in {"|", "||", "&&", ";", "then"}):
                args = []
                for w in words[i + 1 :]:
                    if w in {">", ">>", "|", "||", "&&", ";"} or w.startswith(">"):
                        break
                    args.append(w)
                found.append(args)
    return found


INSTALL = [
    'python -m pip install --no-compile "uv>=0.9,<1"',
    'python -m uv pip install "$KANAL_SPEC"',
]


def test_install_step_is_uv_from_pypi() -> None:
    """benchmarks/ci_run.py --install: pip took 11-20 s from a warm cache (it unpacks and
    records every file of ~50 packages, and byte-compiled them: 8 s more); uv, itself a wheel
    from PyPI installed by pip, takes ~1 s. ``python -m uv`` installs into the Python that runs
    it (setup-python's, the image's, or a virtualenv), with no --system."""
    github = [
        step["run"].splitlines()
        for workflow in (load(PERIKSA), load(TERBIT))
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "pip install" in step.get("run", "")
    ]
    assert github == [INSTALL, INSTALL]
    assert load(GITLAB)["default"]["before_script"] == INSTALL
    assert len([s for s in scripts() if "pip install" in s]) == 4  # nowhere else


def test_install_step_installs_kanal_into_the_python_that_runs_it(tmp_path: Path) -> None:
    """The install step as written (bash -eo pipefail, as GitHub runs it), from PyPI, with
    ``KANAL_SPEC`` a wheel of this checkout and an empty uv cache: into a fresh virtualenv
    first on PATH (as setup-python's Python is), and nowhere else. ``VIRTUAL_ENV`` of the
    outer environment is removed: ``python -m uv`` keeps one it finds set."""
    venv = tmp_path / "venv"
    run = functools.partial(subprocess.run, check=True, capture_output=True, text=True)
    wheel = checkout_wheel(tmp_path / "dist")
    run([sys.executable, "-m", "venv", str(venv)])
    env = install_env(venv, wheel, UV_CACHE_DIR=str(tmp_path / "uv"))
    [step] = [
        s for s in load(PERIKSA)["jobs"]["periksa"]["steps"] if s.get("name") == "Pasang Kanal"
    ]
    result = run_step(step["run"], tmp_path, env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"environment at: {venv.name}" in result.stderr or str(venv) in result.stderr
    version = run([str(venv / "bin" / "kanal"), "--version"], env=env)
    assert version.stdout.startswith("kanal ")
    # the packages Kanal needs at run time are there (a build imports them)
    run([str(venv / "bin" / "python"), "-c", "import mkdocs, material, zxingcpp, isal"])


def test_every_kanal_command_parses_with_the_real_cli() -> None:
    commands = [c for s in scripts() for c in kanal_commands(s)]
    parser = _parser()
    for args in commands:
        parser.parse_args(args)  # argparse exits (fails the test) on an unknown flag or value
    assert sorted({c[0] for c in commands}) == ["build", "check", "diff", "fetch"]
    assert ["check", "--format", "github"] in commands
    assert ["check", "--format", "gitlab"] in commands
    assert ["diff", "--format", "markdown", "$BASE_SHA", "HEAD"] in commands
    assert ["build", "--out", "public"] in commands


# -- running the jobs ------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def write_region_yml(data: Path, feed_base: str) -> None:
    """The test region's region.yml. If `kanal fetch` learns to refuse private addresses unless
    allow-listed, allow ``feed_base`` (the loopback feed server) here."""
    text = (FIXTURES / "tiny" / "region.yml").read_text(encoding="utf-8")
    host = feed_base.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[0]
    text += f'feeds:\n  allow_private: ["{host}"]\n'
    (data / "region.yml").write_text(text, encoding="utf-8")


def region_repo(tmp_path: Path, feed_base: str) -> Path:
    """A region repository pushed to a bare origin: tiny data with one feed, site settings."""
    origin, repo = tmp_path / "origin.git", tmp_path / "repo"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    repo.mkdir()
    shutil.copytree(FIXTURES / "tiny", repo / "data")
    write_region_yml(repo / "data", feed_base)
    dinkes = repo / "data" / "agencies" / "dinkes.yml"
    dinkes.write_text(
        dinkes.read_text(encoding="utf-8").replace(
            "    since: 2019-03-01\n", f"    since: 2019-03-01\n    feed: {feed_base}/dinkes.xml\n"
        ),
        encoding="utf-8",
    )
    # Site settings: until Kanal's wheel carries its defaults, the repository has its own copy.
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(ROOT / "content", repo / "content")
    shutil.copytree(ROOT / "theme", repo / "theme")
    (repo / ".gitignore").write_text("site/\nbuild/\npublic/\n", encoding="utf-8")
    for path, text in FILES.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Staf Diskominfo")
    git(repo, "config", "user.email", "staf@example.go.id")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Data awal")
    git(repo, "remote", "add", "origin", str(origin))
    git(repo, "push", "-q", "origin", "main")
    return repo


@pytest.fixture
def feeds():
    saved = dict(fs.FeedHandler.routes)
    fs.FeedHandler.routes = {
        "/dinkes.xml": fs.good(fs.rss(fs.numbered_items("dinkes", 3), "Dinkes Uji"))
    }
    server = fs.FeedServer().start()
    yield server
    server.stop()
    fs.FeedHandler.routes = saved


def test_pull_request_changing_instagram_url_is_flagged(tmp_path: Path, feeds) -> None:
    repo = region_repo(tmp_path, feeds.base)
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "switch", "-q", "-c", "ganti-instagram")
    dinkes = repo / "data" / "agencies" / "dinkes.yml"
    dinkes.write_text(
        dinkes.read_text(encoding="utf-8")
        .replace('"@Dinkes.Uji"', '"@dinkes.uji.official"')
        .replace("instagram.com/dinkes.uji/", "instagram.com/dinkes.uji.official/"),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "Perbarui akun Instagram Dinkes")
    env = job_env(tmp_path, EPOCH, **{"CTX:github.event.pull_request.base.sha": base})
    job = load(PERIKSA)["jobs"]["periksa"]
    ran = run_github_job(job, repo, env, "pull_request")
    assert [step.name for step in ran] == [
        "Periksa data",
        "Ringkasan perubahan",
        "Coba bangun situs",
    ]
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert (
        "- **Dinas Kesehatan** (dinas-kesehatan): akun instagram berubah dari @Dinkes.Uji "
        "(https://www.instagram.com/Dinkes.Uji/) menjadi @dinkes.uji.official "
        "(https://www.instagram.com/dinkes.uji.official/)"
    ) in summary.splitlines()
    outputs = (tmp_path / "output.txt").read_text(encoding="utf-8").splitlines()
    assert outputs == ["sensitive=true"]  # so the job "tinjauan-sensitif" runs and waits
    assert "::warning title=Perubahan sensitif::" in ran[1].stdout
    assert (repo / "site" / "index.html").is_file()
    # The diff command itself, as the step calls it, exits with the "sensitive" status.
    diff_step = next(s for s in job["steps"] if s.get("id") == "diff")
    [args] = kanal_commands(diff_step["run"])
    args = [base if a == "$BASE_SHA" else a for a in args]
    result = subprocess.run(["kanal", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 3


def test_pull_request_with_invalid_data_fails_with_annotation(tmp_path: Path, feeds) -> None:
    repo = region_repo(tmp_path, feeds.base)
    dinkes = repo / "data" / "agencies" / "dinkes.yml"
    dinkes.write_text(dinkes.read_text().replace("kind: dinas", "kind: dinass"), encoding="utf-8")
    check = next(
        s for s in load(PERIKSA)["jobs"]["periksa"]["steps"] if s.get("name") == "Periksa data"
    )
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", check["run"]],
        cwd=repo,
        env=job_env(tmp_path, EPOCH),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=data/agencies/dinkes.yml,line=4,col=7,title=kanal%3A kind::"
    )


def test_daily_job_fetches_commits_and_rebuilds(tmp_path: Path, feeds) -> None:
    repo = region_repo(tmp_path, feeds.base)
    start = git(repo, "rev-parse", "HEAD")
    env = job_env(tmp_path, EPOCH, GITHUB_REF_NAME="main")
    job = load(TERBIT)["jobs"]["bangun"]

    ran = run_github_job(job, repo, env, "push")  # a push only builds
    assert [step.name for step in ran] == ["Bangun situs"]
    assert not (repo / "data" / "posts").exists()

    ran = run_github_job(job, repo, env, "schedule")
    assert [step.name for step in ran] == [
        "Ambil unggahan terbaru",
        "Simpan riwayat unggahan",
        "Bangun situs",
    ]
    head = git(tmp_path / "origin.git", "rev-parse", "main")
    assert head != start
    assert git(repo, "log", "-1", "--format=%an <%ae>", head) == BOT
    changed = git(repo, "diff", "--name-only", start, head).splitlines()
    assert "data/posts/instagram/dinkes.uji/2026.jsonl" in changed
    assert all(path.startswith("data/posts/") for path in changed)
    page = (repo / "site" / "instansi" / "dinas-kesehatan" / "index.html").read_text()
    assert "dinkes unggahan 0" in page  # the rebuilt site shows the fetched posts

    # Nothing new since: the commit step commits nothing.
    save = next(s for s in job["steps"] if s.get("name") == "Simpan riwayat unggahan")
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", save["run"]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Riwayat unggahan tidak berubah.\n"
    assert git(tmp_path / "origin.git", "rev-parse", "main") == head


def test_gitlab_jobs_run(tmp_path: Path, feeds) -> None:
    """The GitLab scripts: the merge-request check (code quality + summary) and the schedule
    (fetch, commit with the token's remote, build into public/)."""
    repo = region_repo(tmp_path, feeds.base)
    base = git(repo, "rev-parse", "HEAD")
    dinkes = repo / "data" / "agencies" / "dinkes.yml"
    dinkes.write_text(dinkes.read_text().replace('"0812-3456-7890"', '"0813-1111-2222"'), "utf-8")
    git(repo, "commit", "-qam", "Nomor WhatsApp baru")
    gl = load(GITLAB)
    env = job_env(
        tmp_path,
        EPOCH,
        CI_MERGE_REQUEST_DIFF_BASE_SHA=base,
        CI_SERVER_HOST="gitlab.example.go.id",
        CI_PROJECT_PATH="diskominfo/kanal",
        CI_DEFAULT_BRANCH="main",
        KANAL_PUSH_TOKEN="rahasia",
    )
    script = "\n".join(gl["periksa"]["script"])
    result = subprocess.run(
        ["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True
    )
    assert result.returncode == 3  # allowed to fail with 3: a warning on the merge request
    quality = json.loads((repo / "gl-code-quality-report.json").read_text())
    # The tiny region is incomplete (1 of 5 kecamatan) and has no site_url: only warnings
    # (completeness, posters' QR codes without a host), no errors.
    assert all(
        r["severity"] == "minor"
        and ("belum terdaftar" in r["description"] or "kode QR" in r["description"])
        for r in quality
    )
    assert any("belum terdaftar" in r["description"] for r in quality)
    summary = (repo / "perubahan.md").read_text()
    assert "WhatsApp (Layanan pengaduan) berubah dari 0812-3456-7890 menjadi 0813-1111-2222" in (
        summary
    )

    # The schedule: the token remote is replaced by the local bare origin (no network here).
    fetch_script = "\n".join(gl["perbarui-unggahan"]["script"])
    fetch_script = fetch_script.replace(
        'remote="https://kanal-bot:${KANAL_PUSH_TOKEN}@${CI_SERVER_HOST}/${CI_PROJECT_PATH}.git"',
        f'remote="{tmp_path / "origin.git"}"',
    )
    assert str(tmp_path / "origin.git") in fetch_script
    fetch_script = fetch_script.replace("git push --quiet -o ci.skip", "git push --quiet")
    git(repo, "switch", "-q", "--detach", "main")  # GitLab checks out a detached commit
    result = subprocess.run(
        ["bash", "-e", "-c", fetch_script], cwd=repo, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    head = git(tmp_path / "origin.git", "rev-parse", "main")
    assert git(repo, "log", "-1", "--format=%s", head) == "Perbarui riwayat unggahan (kanal fetch)"
    result = subprocess.run(
        ["bash", "-e", "-c", "\n".join(gl["pages"]["script"])],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (repo / "public" / "index.html").is_file()
