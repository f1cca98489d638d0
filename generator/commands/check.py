"""``kanal check``: validate everything and print every problem at once (text, GitHub
annotations or a GitLab Code Quality report); exit 0 valid, 1 not."""

from __future__ import annotations

import argparse
import sys

from generator.build.pipeline import check, publishing_warnings
from generator.build.project import require_data
from generator.commands.report import github_annotations, gitlab_code_quality
from generator.safeinput.problems import report


def run(args: argparse.Namespace) -> int:
    require_data(args.data)
    # today None: today in the region's time zone, decided once region.yml is read.
    inputs, problems = check(args.data, args.today, args.strict)
    if inputs is not None:
        publishing_warnings(args.data, inputs.directory, problems)
        if problems.failed(args.strict):
            inputs = None
    summary = sys.stdout
    if args.format == "github":
        # GitHub turns these lines into annotations on the files of the pull request.
        for line in github_annotations(problems.sorted()):
            print(line)
        if problems.items:
            print(f"{len(problems.errors)} galat, {len(problems.warnings)} peringatan.")
    elif args.format == "gitlab":
        # stdout is the JSON report only (redirected to an artifact); people read stderr.
        print(gitlab_code_quality(problems.sorted()))
        report(problems, sys.stderr)
        summary = sys.stderr
    else:
        report(problems)
    if inputs is None:
        return 1
    directory = inputs.directory
    accounts = sum(len(a.accounts) for a in directory.agencies.values())
    print(
        f"Data valid: {len(directory.agencies)} instansi, {accounts} akun, {len(problems.warnings)} peringatan.",
        file=summary,
    )
    complaints = inputs.complaints
    if complaints is not None and len(complaints):
        if complaints.config.publish_summaries:
            print(f"Data pribadi disamarkan: {complaints.redactions.describe()}.", file=summary)
        else:
            print(
                "Ringkasan aduan tidak diterbitkan (complaints.publish_summaries: false).",
                file=summary,
            )
    return 0
