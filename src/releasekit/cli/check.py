"""`releasekit check`: every reference to the project's own version against the canonical one."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from releasekit.cli.parsing import Subparsers
from releasekit.errors import ExitCode


def run(args: argparse.Namespace) -> int:
    from releasekit.bump.journal import interrupted, pending_error  # noqa: PLC0415
    from releasekit.references.check import check_project  # noqa: PLC0415 - keep `--help` fast
    from releasekit.references.judge import stale_finding  # noqa: PLC0415
    from releasekit.references.report import as_json, write_github, write_text  # noqa: PLC0415

    journal = interrupted(Path(args.path), os.environ)
    if journal is not None:
        from releasekit.bump.recovery import clear_finished  # noqa: PLC0415 - only when a bump left a journal

        cleared = clear_finished(Path(args.path), journal)
        if cleared is None:
            raise pending_error(journal)
        sys.stderr.write(f"releasekit: warning: {cleared}\n")
    if args.fix:
        from releasekit.bump.sync import sync  # noqa: PLC0415 - only with --fix
        from releasekit.cli.sync import write_sync  # noqa: PLC0415

        fixed = sync(Path(args.path))
        if fixed.fixed:
            write_sync(fixed, sys.stderr if args.format == "json" else sys.stdout)
    counted = args.verbose or args.format == "json"
    result = check_project(Path(args.path), use_cache=not args.no_cache, count_files=counted)
    if args.format == "json":
        sys.stdout.write(as_json(result) + "\n")
    else:
        write_text(result, sys.stdout, list_all=args.list, verbose=args.verbose)
    findings = [stale_finding(item.reference, result.canonical.version) for item in result.stale]
    write_github(findings, os.environ, sys.stdout, "releasekit: stale version references")
    return ExitCode.FINDINGS if findings else ExitCode.OK


def add_parser(commands: Subparsers) -> None:
    check = commands.add_parser("check", help="block stale references to the project's own version")
    check.add_argument("path", nargs="?", default=".", help="project folder (default: the current one)")
    check.add_argument("--list", action="store_true", help="print every reference found, not only stale ones")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--verbose", "-v", action="store_true", help="also count and list skipped files")
    check.add_argument("--no-cache", action="store_true", help="read every file, ignoring the scan cache")
    check.add_argument("--fix", action="store_true", help="first rewrite stale references (`releasekit sync`)")
    check.set_defaults(handler=run)
