"""The `releasekit` command line: one sub-command per module of this package, dispatched here."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from releasekit import __version__
from releasekit.cli.edge import entry, run_handler
from releasekit.cli.parsing import Parser, parse

# One module of this package per sub-command, each with ``add_parser`` and ``run``; only argparse at import.
COMMANDS = (
    "check",
    "version",
    "check_metadata",
    "kinds",
    "bump",
    "sync",
    "build",
    "validate",
    "publish",
    "security",
    "init",
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``only`` (a module name from ``COMMANDS``) when it is known.

    Building one sub-parser instead of all of them keeps ``releasekit check`` on every commit from
    importing and configuring the other commands' modules.
    """
    parser = Parser(prog="releasekit", description="Release engineering for Python projects.")
    parser.add_argument("--version", action="version", version=f"releasekit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS if only is None else (only,):
        importlib.import_module(f"releasekit.cli.{name}").add_parser(commands)
    return parser


def chosen_command(arguments: Sequence[str]) -> str | None:
    """The module of the sub-command ``arguments`` name, when their first word is one; else None (all are built)."""
    if not arguments:
        return None
    name = arguments[0].replace("-", "_")
    return name if name in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    return entry(lambda: _dispatch(list(argv if argv is not None else sys.argv[1:])))


def _dispatch(arguments: list[str]) -> int:
    args = parse(build_parser(chosen_command(arguments)), arguments)
    if isinstance(args, int):
        return args
    handler: Callable[[argparse.Namespace], int] = args.handler
    return run_handler(lambda: handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
