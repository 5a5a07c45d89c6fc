"""`releasekit kinds`: the built-in reference kinds."""

from __future__ import annotations

import argparse
import sys

from releasekit.cli.parsing import Subparsers
from releasekit.errors import ExitCode


def run(args: argparse.Namespace) -> int:
    from releasekit.references.kinds import KINDS  # noqa: PLC0415

    for kind in KINDS:
        sys.stdout.write(f"{kind.id}\t{kind.description}\n")
    return ExitCode.OK


def add_parser(commands: Subparsers) -> None:
    kinds = commands.add_parser("kinds", help="list the built-in reference kinds")
    kinds.set_defaults(handler=run)
