"""`releasekit init`: set a project up (hooks, tox environments, workflows, settings), idempotently."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import ExitCode


def run(args: argparse.Namespace) -> int:
    from releasekit import __version__  # noqa: PLC0415
    from releasekit.init.plan import apply, make_plan  # noqa: PLC0415
    from releasekit.init.source import detect_source  # noqa: PLC0415
    from releasekit.init.steps import one_time_steps  # noqa: PLC0415

    plan = make_plan(Path(args.path), detect_source(__version__))
    changed = [change for change in plan.changes if change.changed]
    out = sys.stdout
    if args.dry_run:
        for change in changed:
            out.write(change.diff())
    else:
        apply(plan)
    for change in plan.changes:
        out.write(f"{change.path}: {change.note}\n")
    for note in plan.notes:
        out.write(f"{note}\n")
    files = "file" if len(changed) == 1 else "files"
    if args.dry_run:
        out.write(f"releasekit init: {len(changed)} {files} would change (dry run: nothing written)\n")
    else:
        out.write(f"releasekit init: {len(changed)} {files} changed\n")
    out.write("\n" + "\n".join(one_time_steps(plan.detected, plan.source)) + "\n")
    return ExitCode.OK


def add_parser(commands: Subparsers) -> None:
    init = commands.add_parser(
        "init",
        help="set a project up: pre-commit hooks, tox environments, GitHub workflows, [tool.releasekit]",
        **command_help(
            "Add releasekit's hooks to .pre-commit-config.yaml, its tox environments (bump, build, validate,\n"
            "publish, security) to tox.ini or [tool.tox], the folders they write to .gitignore, the GitHub\n"
            "workflows that call releasekit's reusable ones, and a [tool.releasekit] table; then print the\n"
            "one-time steps (PyPI's Trusted Publisher, GitHub Pages). What you already have is never\n"
            "overwritten, and a second run changes nothing.",
            [
                ("releasekit init --dry-run", "the diff of every change; nothing written"),
                ("releasekit init", "write them, then print the one-time steps"),
                ("releasekit init path/to/project", "another folder"),
            ],
        ),
    )
    init.add_argument("path", nargs="?", default=".", help="the project's folder (default: the current one)")
    init.add_argument("--dry-run", action="store_true", help="print the diff of every change and write nothing")
    init.set_defaults(handler=run)
