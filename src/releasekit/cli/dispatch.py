"""Parse a command line and run its command: the parser of the chosen command only, errors at the edge."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from releasekit import __version__
from releasekit.cli.commands import COMMANDS
from releasekit.cli.edge import run_handler
from releasekit.cli.parsing import Parser, parse


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


def dispatch(arguments: list[str], command: str | None, started: object | None = None) -> int:
    """Parse ``arguments`` (``command``: the module they name, if known) and run the command.

    ``started`` is the work ``cli.early`` began for it (handed to the command as ``args.started``).
    """
    args = parse(build_parser(command), arguments)
    if isinstance(args, int):
        return args
    if started is not None:
        args.started = started
    handler: Callable[[argparse.Namespace], int] = args.handler
    return run_handler(lambda: handler(args))
