"""`releasekit check-metadata`: pyproject.toml against the schema and PyPI's upload rules."""

from __future__ import annotations

import argparse
import os
import sys

from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import ExitCode


def run(args: argparse.Namespace) -> int:
    from releasekit.metadata.check import check_metadata, summary_line  # noqa: PLC0415 - validate-pyproject, docutils
    from releasekit.metadata.codes import is_warning  # noqa: PLC0415
    from releasekit.references.report import write_github  # noqa: PLC0415

    report = check_metadata(args.paths or ["pyproject.toml"])
    for finding in report.findings:
        sys.stdout.write(finding.render() + "\n")
    for file in report.files:
        if not file.has_project:
            sys.stdout.write(f"releasekit: {file.path} has no [project] table; only its schema was checked\n")
    sys.stdout.write(summary_line(report) + "\n")
    write_github(
        report.findings, os.environ, sys.stdout, "releasekit: package metadata", is_warning=lambda f: is_warning(f.code)
    )
    if report.malformed:
        for file in report.files:
            if file.malformed:
                sys.stderr.write(f"releasekit: configuration error: {file.path} is not valid TOML\n")
        sys.stderr.write("releasekit: hint: fix the TOML syntax at that line\n")
        return ExitCode.USAGE
    return ExitCode.FINDINGS if report.errors or (args.strict and report.warnings) else ExitCode.OK


def add_parser(commands: Subparsers) -> None:
    metadata = commands.add_parser(
        "check-metadata",
        help="check pyproject.toml against the schema and PyPI's rules",
        **command_help(
            "Check each pyproject.toml against its schema and the rules PyPI applies at upload time;\n"
            "errors exit 1, warnings only with --strict.",
            [
                ("releasekit check-metadata", "./pyproject.toml"),
                ("releasekit check-metadata --strict a/pyproject.toml", "warnings fail too"),
            ],
        ),
    )
    metadata.add_argument("paths", nargs="*", metavar="PATH", help="pyproject.toml files (default: ./pyproject.toml)")
    metadata.add_argument("--strict", action="store_true", help="warnings (RK150-RK199) fail the check too")
    metadata.set_defaults(handler=run)
