"""The `version-consistency` pre-commit hook: block a commit whose version references disagree."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from releasekit.cli import check
from releasekit.cli.edge import entry, run_handler
from releasekit.cli.parsing import Parser, parse
from releasekit.errors import ExitCode

FIX_HINT = (
    "run `releasekit sync` (or `releasekit check --fix`) to rewrite them to the canonical version; "
    "the `version-sync` pre-commit hook does it at commit time"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Check the whole repository; file names pre-commit passes are accepted and not needed.

    The check is repo-wide on purpose: a stale reference in a file this commit does not
    touch still makes the commit inconsistent.
    """
    return entry(lambda: _run(argv if argv is not None else sys.argv[1:]))


def _run(argv: Sequence[str]) -> int:
    parser = Parser(prog="releasekit-version-consistency")
    parser.add_argument("filenames", nargs="*", help="ignored: every tracked file is checked")
    parser.add_argument("--root", default=".", help="project folder (default: the current one)")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument(
        "--strict", action="store_true", help="also fail when a file containing the version could not be checked"
    )
    args = parse(parser, argv)
    if isinstance(args, int):
        return args
    options = argparse.Namespace(
        path=args.root,
        list=False,
        format="text",
        verbose=args.verbose,
        no_cache=False,
        explain=False,
        strict=args.strict,
        fix=False,
        started=None,
    )
    return run_handler(lambda: _check(options))


def _check(options: argparse.Namespace) -> int:
    code = check.run(options)
    if code == ExitCode.FINDINGS:
        sys.stdout.flush()  # the findings first: pre-commit shows both streams as one
        sys.stderr.write(f"releasekit: hint: {FIX_HINT}\n")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
