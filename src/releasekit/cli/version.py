"""`releasekit version`: print the canonical version and where it came from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import ExitCode


def run(args: argparse.Namespace) -> int:
    from releasekit.project.canonical import project_version  # noqa: PLC0415
    from releasekit.project.root import find_project_root  # noqa: PLC0415

    canonical = project_version(find_project_root(Path(args.path)))
    if args.json:
        import json  # noqa: PLC0415

        document = {
            "version": str(canonical.version),
            "text": canonical.text,
            "path": canonical.path,
            "line": canonical.line,
            "method": canonical.method,
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        sys.stdout.write(f"{canonical.version}\n")
    return ExitCode.OK


def add_parser(commands: Subparsers) -> None:
    version = commands.add_parser(
        "version",
        help="print the canonical version",
        **command_help(
            "Print the project's canonical version, the one every reference is judged against.",
            [("releasekit version", "1.2.3"), ("releasekit version --json", "and where it came from")],
        ),
    )
    version.add_argument("path", nargs="?", default=".")
    version.add_argument("--json", action="store_true", help="also say where the version came from")
    version.set_defaults(handler=run)
