"""`releasekit check`: every reference to the project's own version against the canonical one."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import ExitCode

if TYPE_CHECKING:
    from releasekit.references.start import StartedCheck


def run(args: argparse.Namespace) -> int:
    from releasekit.project.root import find_project_root  # noqa: PLC0415 - keep `--help` fast
    from releasekit.references.start import start_check  # noqa: PLC0415

    root = find_project_root(Path(args.path))
    # git stats the work tree while the rest of the check is imported (not when --fix writes files first).
    started: StartedCheck | None = args.started
    if started is not None and (args.fix or args.no_cache or started.listing.root != root):
        started.listing.cancel()  # begun for another folder, or for a plain check
        started = None
    if started is None and not args.fix:
        started = start_check(root, use_cache=not args.no_cache)
    try:
        return _check(args, root, started)
    finally:
        if started is not None:
            started.listing.cancel()


def _check(args: argparse.Namespace, root: Path, started: StartedCheck | None) -> int:
    from releasekit.bump.journal import interrupted, pending_error  # noqa: PLC0415
    from releasekit.bump.tag_release import releasing  # noqa: PLC0415 - the journal only, no git
    from releasekit.project.canonical import UntaggedCheckoutError  # noqa: PLC0415
    from releasekit.references.check import check_project  # noqa: PLC0415
    from releasekit.references.discovery import VersionReference  # noqa: PLC0415
    from releasekit.references.judge import stale_finding  # noqa: PLC0415
    from releasekit.references.report import as_json, summary, write_github, write_text  # noqa: PLC0415

    if root != Path(args.path).resolve():
        sys.stderr.write(f"releasekit: project root: {root}\n")
    args.path = str(root)
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
    untracked = args.list or args.verbose or args.explain
    not_counted: list[tuple[VersionReference, str]] = []
    try:
        result = check_project(
            Path(args.path),
            use_cache=not args.no_cache,
            count_files=counted,
            include_untracked=untracked,
            not_counted=not_counted,
            releasing=releasing(Path(args.path), os.environ),
            started=started,
        )
    except UntaggedCheckoutError as error:
        # A shallow CI clone of a tag-versioned project: nothing to check against, and no reason to block.
        if args.format == "json":
            import json  # noqa: PLC0415 - only for --format json

            document = {"version": None, "consistent": True, "nothing_to_check": str(error), "hint": error.hint}
            sys.stdout.write(json.dumps(document, indent=2) + "\n")
        else:
            sys.stdout.write(f"releasekit: nothing to check: {error}\nreleasekit: hint: {error.hint}\n")
        return ExitCode.OK
    if args.explain:
        from releasekit.references.explain import explain  # noqa: PLC0415 - only for --explain

        for line in explain(Path(args.path), result, not_counted, include_untracked=untracked):
            sys.stdout.write(line + "\n")
        sys.stdout.write(summary(result) + "\n")
    elif args.format == "json":
        sys.stdout.write(as_json(result) + "\n")
    else:
        write_text(result, sys.stdout, list_all=args.list, verbose=args.verbose)
    findings = [stale_finding(item.reference, result.canonical.version) for item in result.stale]
    write_github(findings, os.environ, sys.stdout, "releasekit: stale version references")
    # --strict: a file that contains the version but could not be read fails the check too.
    return ExitCode.FINDINGS if findings or (args.strict and result.unchecked) else ExitCode.OK


def add_parser(commands: Subparsers) -> None:
    check = commands.add_parser(
        "check",
        help="block stale references to the project's own version",
        **command_help(
            "Find every place the project writes its own version and report each one that disagrees with the\n"
            "canonical version, as path:line:col: RK001; exit 1 if any. Zero configuration; never writes a file.",
            [
                ("releasekit check", "the current project"),
                ("releasekit check --list", "every reference, stale or not"),
                ("releasekit check path/to/project --format json", "for machines"),
            ],
        ),
    )
    check.add_argument("path", nargs="?", default=".", help="project folder (default: the current one)")
    check.add_argument("--list", action="store_true", help="print every reference found, not only stale ones")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--verbose", "-v", action="store_true", help="also count and list skipped files")
    check.add_argument(
        "--explain",
        action="store_true",
        help="for each candidate line (a keyword near a number), say why it is or is not a reference",
    )
    check.add_argument(
        "--strict", action="store_true", help="also fail when a file containing the version could not be checked"
    )
    check.add_argument("--no-cache", action="store_true", help="read every file, ignoring the scan cache")
    check.add_argument("--fix", action="store_true", help="first rewrite stale references (`releasekit sync`)")
    check.set_defaults(handler=run, started=None)  # started: the listing `cli.early` began
