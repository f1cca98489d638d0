"""Problems as CI systems read them: GitHub workflow commands and GitLab Code Quality JSON.

Plain text (``path:line:col: error: field: message``) stays the default; these formats only
change how the same problems are printed, so a pull request shows each one on its line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from generator.safeinput.problems import Problem, Severity

FORMATS = ("text", "github", "gitlab")


def _escape_data(text: str) -> str:
    # GitHub's workflow-command spec: the message escapes %, CR and LF.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # Properties are comma-separated key=value pairs ended by "::", so ":" and "," escape too.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    """One ``::error file=…,line=…,col=…,title=…::message`` workflow command."""
    loc = problem.location
    props = [f"file={_escape_property(loc.path)}"]
    if loc.line:
        props += [f"line={loc.line}", f"col={loc.col or 1}"]
    title = f"kanal: {problem.field}" if problem.field else "kanal"
    props.append(f"title={_escape_property(title)}")
    command = "error" if problem.severity is Severity.ERROR else "warning"
    return f"::{command} {','.join(props)}::{_escape_data(problem.message)}"


def github_annotations(problems: Iterable[Problem]) -> list[str]:
    return [github_line(p) for p in problems]


def _fingerprint(problem: Problem) -> str:
    # Without the line: a problem keeps its identity when lines above it move, so GitLab's
    # merge-request widget shows it as unchanged rather than fixed plus new.
    key = "\0".join((problem.location.path, problem.severity.value, problem.field, problem.message))
    # surrogatepass: a path may hold a file name's undecodable bytes (os.listdir's surrogates)
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def gitlab_code_quality(problems: Iterable[Problem]) -> str:
    """A GitLab Code Quality report (JSON array), deterministic and one entry per problem."""
    entries = []
    seen: set[str] = set()
    for problem in problems:
        fingerprint = _fingerprint(problem)
        if fingerprint in seen:  # GitLab drops reports whose fingerprints repeat
            continue
        seen.add(fingerprint)
        where = f"{problem.field}: " if problem.field else ""
        entries.append(
            {
                "description": f"{where}{problem.message}",
                "check_name": f"kanal-{problem.severity.value}",
                "fingerprint": fingerprint,
                "severity": "major" if problem.severity is Severity.ERROR else "minor",
                "location": {
                    "path": problem.location.path,
                    "lines": {"begin": problem.location.line or 1},
                },
            }
        )
    return json.dumps(entries, ensure_ascii=False, indent=2)
