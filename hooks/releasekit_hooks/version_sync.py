"""The `version-sync` pre-commit hook: rewrite stale references to the canonical version, then fail to re-stage."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from releasekit.cli.edge import entry, run_handler
from releasekit.cli.parsing import Parser, parse
from releasekit.errors import ExitCode


def main(argv: Sequence[str] | None = None) -> int:
    """Sync the whole repository; pre-commit's convention for a fixer: files changed, exit 1, the person re-stages."""
    return entry(lambda: _run(argv if argv is not None else sys.argv[1:]))


def _run(argv: Sequence[str]) -> int:
    parser = Parser(prog="releasekit-version-sync")
    parser.add_argument("filenames", nargs="*", help="ignored: every tracked file is checked")
    parser.add_argument("--root", default=".", help="project folder (default: the current one)")
    args = parse(parser, argv)
    if isinstance(args, int):
        return args
    return run_handler(lambda: _sync(Path(args.root)))


def _sync(root: Path) -> int:
    from releasekit.bump.sync import sync  # noqa: PLC0415
    from releasekit.cli.sync import write_sync  # noqa: PLC0415

    result = sync(root)
    if not result.applied:
        return ExitCode.OK
    write_sync(result, sys.stdout)
    sys.stdout.write("releasekit: review the rewritten files and stage them (`git add`), then commit again\n")
    return ExitCode.FINDINGS


if __name__ == "__main__":
    raise SystemExit(main())
