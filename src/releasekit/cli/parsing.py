"""The argument parser every command shares, sized without ``shutil``; parse errors as exit codes."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from typing import Any

from releasekit.errors import ExitCode


class Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized without ``shutil``: argparse builds one for every argument
    added, and ``shutil`` pulls in bz2 and lzma, a few milliseconds on every commit."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS") else os.get_terminal_size().columns
        except (OSError, ValueError):
            columns = 80
        super().__init__(prog, width=max(columns - 2, 20))


class ExamplesFormatter(Formatter):
    """A command's description and examples kept as written (argparse would reflow them into one paragraph)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "".join(indent + line for line in text.splitlines(keepends=True))


def command_help(description: str, examples: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The keyword arguments of ``add_parser`` for a command: its description, and examples as its epilog."""
    width = max(len(command) for command, _ in examples)
    lines = [f"  {command.ljust(width)}  # {meaning}" if meaning else f"  {command}" for command, meaning in examples]
    return {
        "description": description,
        "epilog": "examples:\n" + "\n".join(lines),
        "formatter_class": ExamplesFormatter,
    }


class Parser(argparse.ArgumentParser):
    """An argument parser (and, through ``add_subparsers``, every sub-parser) using ``Formatter``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(**kwargs)


# What ``add_subparsers`` returns; each command module adds its parser to it.
Subparsers = Any


def parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace | int:
    """Parsed arguments, or the exit code argparse wanted (0 for --help, 2 for usage)."""
    try:
        return parser.parse_args(argv)
    except SystemExit as exit_request:
        code = exit_request.code
        return code if isinstance(code, int) else ExitCode.USAGE
