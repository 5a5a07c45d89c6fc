"""`releasekit kinds`: the built-in reference kinds."""

from __future__ import annotations

import argparse
import sys

from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import ExitCode


def run(args: argparse.Namespace) -> int:
    from releasekit.references.kinds import KINDS  # noqa: PLC0415

    for kind in KINDS:
        sys.stdout.write(f"{kind.id}\t{kind.description}\n")
    return ExitCode.OK


def add_parser(commands: Subparsers) -> None:
    kinds = commands.add_parser(
        "kinds",
        help="list the built-in reference kinds",
        **command_help(
            "List the built-in kinds of reference, one per line: its id (for ignore-kinds) and where it is found.",
            [("releasekit kinds", "")],
        ),
    )
    kinds.set_defaults(handler=run)
