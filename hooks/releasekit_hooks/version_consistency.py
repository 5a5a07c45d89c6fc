"""The `version-consistency` pre-commit hook: block a commit whose version references disagree."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from releasekit.cli.main import main as releasekit_main


def main(argv: Sequence[str] | None = None) -> int:
    """Check the whole repository; file names pre-commit passes are accepted and not needed.

    The check is repo-wide on purpose: a stale reference in a file this commit does not
    touch still makes the commit inconsistent.
    """
    parser = argparse.ArgumentParser(prog="releasekit-version-consistency")
    parser.add_argument("filenames", nargs="*", help="ignored: every tracked file is checked")
    parser.add_argument("--root", default=".", help="project folder (default: the current one)")
    parser.add_argument("--verbose", "-v", action="store_true")
    try:
        args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    except SystemExit as exit_request:
        return exit_request.code if isinstance(exit_request.code, int) else 2
    return releasekit_main(["check", args.root, *(["--verbose"] if args.verbose else [])])


if __name__ == "__main__":
    raise SystemExit(main())
