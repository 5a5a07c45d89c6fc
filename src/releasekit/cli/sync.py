"""`releasekit sync`: rewrite every stale reference to the canonical version (the files only; never commits)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import ExitCode

if TYPE_CHECKING:
    from releasekit.bump.sync import SyncResult


def run(args: argparse.Namespace) -> int:
    from releasekit.bump.sync import sync  # noqa: PLC0415 - the check path never loads the rewriter

    write_sync(sync(Path(args.path), dry_run=args.dry_run), sys.stdout)
    return ExitCode.OK


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def write_sync(result: SyncResult, stream: TextIO) -> None:
    """One line per stale reference rewritten, then a summary."""
    verb = "fixed" if result.applied else "would fix"
    for reference in result.fixed:
        stream.write(
            f"{reference.path}:{reference.line}:{reference.column}: {verb} stale version "
            f"{reference.value} \u2192 {result.version} ({reference.kind})\n"
        )
    if not result.fixed:
        stream.write(f"releasekit: every reference agrees on {result.version}; nothing to sync\n")
        return
    counted = f"{_plural(len(result.fixed), 'stale reference')} in {_plural(len(result.changes), 'file')}"
    if result.applied:
        stream.write(f"releasekit: synced {counted} to {result.version}, verified; nothing was committed\n")
    else:
        stream.write(f"releasekit: would sync {counted} to {result.version} (dry run: nothing written)\n")


def add_parser(commands: Subparsers) -> None:
    sync = commands.add_parser(
        "sync",
        help="rewrite every stale reference to the canonical version",
        **command_help(
            "After a hand edit of the version: rewrite every stale reference to the canonical version, each\n"
            "in its own spelling, through the same journal and atomic writes as a bump. Touches nothing\n"
            "else and never commits (the version-sync pre-commit hook runs it at commit time).",
            [
                ("releasekit sync", "rewrite the stale references"),
                ("releasekit sync --dry-run", "say what would be rewritten"),
            ],
        ),
    )
    sync.add_argument("path", nargs="?", default=".", help="project folder (default: the current one)")
    sync.add_argument("--dry-run", action="store_true", help="say what would be rewritten; write nothing")
    sync.set_defaults(handler=run)
