"""`releasekit bump`: move every reference to a new version, all or nothing, then commit, tag and push."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

# The kinds are listed once, beside their type; the module is light (packaging.version, errors).
from releasekit.bump.next_version import BUMP_KINDS
from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import Category, ExitCode, ReleasekitError

if TYPE_CHECKING:
    from packaging.version import Version

    from releasekit.bump.engine import BumpOptions


def run(args: argparse.Namespace) -> int:
    from releasekit.bump.engine import BumpOptions, PushInterrupted, bump  # noqa: PLC0415 - the check path never loads the bump
    from releasekit.cli.bump_output import write_recovery, write_result  # noqa: PLC0415

    root = Path.cwd()
    if args.recover:
        from releasekit.bump.recovery import recover_bump  # noqa: PLC0415

        write_recovery(recover_bump(root, push=not args.no_push), sys.stdout)
        return ExitCode.OK
    if args.kind is not None and args.new_version is not None:
        raise ReleasekitError(
            "give either a bump kind or --new-version, not both",
            category=Category.USAGE,
            hint=f"for example `releasekit bump {args.kind}` or `releasekit bump --new-version {args.new_version}`",
        )
    options = BumpOptions(
        kind=args.kind,
        new_version=args.new_version,
        allow_downgrade=args.allow_downgrade,
        dry_run=args.dry_run,
        comment=args.comment,
        commit=not args.no_commit,
        tag=not (args.no_commit or args.no_tag),
        push=not (args.no_commit or args.no_push),
        allow_dirty=args.allow_dirty,
        fix_stale=args.fix_stale,
    )
    if args.kind is None and args.new_version is None:
        from releasekit.cli.bump_prompt import is_interactive  # noqa: PLC0415

        if args.yes or not is_interactive(sys.stdin, os.environ):
            raise ReleasekitError(
                "no version to bump to, and no terminal to ask at",
                category=Category.USAGE,
                hint=f"pass a kind ({', '.join(BUMP_KINDS)}) or --new-version X",
            )
        answered = _ask(root, options)
        if answered is None:
            sys.stderr.write("releasekit: bump cancelled; nothing changed\n")
            return ExitCode.OK
        options = answered
    try:
        result = bump(root, options, today=lambda: release_day(os.environ))
    except PushInterrupted as interruption:  # the commit and tag are kept: say so, and how to push them
        write_result(interruption.result, sys.stdout)
        sys.stderr.write(f"releasekit: {interruption.message}\nreleasekit: hint: {interruption.hint}\n")
        raise
    write_result(result, sys.stdout)
    if result.push_error is not None:
        raise result.push_error
    if result.refusal is not None:  # a dry run: the diff is shown, and the exit status says a real run would refuse
        raise result.refusal
    return ExitCode.OK


def release_day(environ: Mapping[str, str]) -> datetime.date:
    """The changelog's release date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds' clock), else today (UTC)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch.isdigit() else None
    return (moment or datetime.datetime.now(datetime.UTC)).date()


def _ask(root: Path, options: BumpOptions) -> BumpOptions | None:
    """Ask at the terminal for the new version and a comment, showing the planned diff first.

    Returns the options to bump with, or None when the person declines.
    """
    from releasekit.bump.engine import bump  # noqa: PLC0415
    from releasekit.bump.next_version import candidates  # noqa: PLC0415
    from releasekit.cli.bump_prompt import ask  # noqa: PLC0415
    from releasekit.project.canonical import project_version  # noqa: PLC0415
    from releasekit.project.identity import load_config, load_pyproject  # noqa: PLC0415

    current = project_version(root).version
    pre_start = load_config(load_pyproject(root)).pre_release_start
    choices: dict[str, Version] = {
        item.kind: item.version for item in candidates(current, pre_start=pre_start) if item.version
    }

    def describe_plan(new: Version) -> str:
        # A dry run also runs git's preflight: a refusal (dirty tree, existing tag) comes before the confirmation.
        planned = bump(root, options._replace(kind=None, new_version=str(new), dry_run=True))
        if planned.refusal is not None:
            raise planned.refusal
        return planned.plan.diff()

    answer = ask(
        current,
        choices,
        describe_plan=describe_plan,
        stdin=sys.stdin,
        stdout=sys.stdout,
        ask_comment=options.commit,  # --no-commit makes no commit to comment on
    )
    if answer is None:
        return None
    return options._replace(kind=None, new_version=str(answer.new_version), comment=answer.comment)


def add_parser(commands: Subparsers) -> None:
    bump = commands.add_parser(
        "bump",
        help="move every reference to a new version, all or nothing",
        **command_help(
            "Move every reference to the project's own version (the ones `releasekit check --list` shows) to a\n"
            "new version, all or nothing: plan in memory, journal, write, verify, run the verify-command, then\n"
            "commit, tag and push. Pushing is the default (--no-push, or push = false in [tool.releasekit], to\n"
            "keep the release local). A project versioned from git tags gets its files moved and committed,\n"
            "and the tag is the release; with no file holding the version, the tag alone.",
            [
                ("releasekit bump patch", "1.2.3 -> 1.2.4: write, verify, commit, tag v1.2.4, push"),
                ("releasekit bump minor --dry-run", "show the diff and what a real run would refuse"),
                ("releasekit bump --new-version 2.0.0rc1 --no-push", "commit and tag, push later"),
                ("releasekit bump patch --no-commit", "write the files only"),
                ("releasekit bump --recover", "after an interrupted bump"),
            ],
        ),
    )
    bump.add_argument("kind", nargs="?", choices=BUMP_KINDS, help="what to bump")
    bump.add_argument("--new-version", metavar="X", help="bump to this PEP 440 version instead of a kind")
    bump.add_argument("--allow-downgrade", action="store_true", help="accept a --new-version lower than the current")
    bump.add_argument(
        "--dry-run",
        action="store_true",
        help="print the diff of every file it would change, then what a real run would refuse (exit: a real run's)",
    )
    bump.add_argument("--yes", "-y", action="store_true", help="never prompt")
    bump.add_argument("--comment", default="", metavar="TEXT", help="body of the release commit")
    bump.add_argument("--no-commit", action="store_true", help="write the files only (implies --no-tag --no-push)")
    bump.add_argument("--no-tag", action="store_true", help="commit without tagging")
    bump.add_argument(
        "--no-push",
        action="store_true",
        help="commit and tag locally (pushing is the default; with --recover: do not push)",
    )
    bump.add_argument("--allow-dirty", action="store_true", help="bump with unrelated local changes present")
    bump.add_argument("--fix-stale", action="store_true", help="also rewrite references that are already stale")
    bump.add_argument("--recover", action="store_true", help="restore (or finish, tag and push) an interrupted bump")
    bump.set_defaults(handler=run)
