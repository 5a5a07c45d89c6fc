"""The `check-metadata` pre-commit hook: block a commit whose pyproject.toml PyPI would reject."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from releasekit.cli import check_metadata
from releasekit.cli.edge import entry, run_handler
from releasekit.cli.parsing import Parser, parse


def main(argv: Sequence[str] | None = None) -> int:
    """Check each pyproject.toml pre-commit passes (``files: ^pyproject\\.toml$``); none means ./pyproject.toml."""
    return entry(lambda: _run(argv if argv is not None else sys.argv[1:]))


def _run(argv: Sequence[str]) -> int:
    parser = Parser(prog="releasekit-check-metadata")
    parser.add_argument("filenames", nargs="*", help="pyproject.toml files (default: ./pyproject.toml)")
    parser.add_argument("--strict", action="store_true", help="warnings (RK150-RK199) fail the hook too")
    args = parse(parser, argv)
    if isinstance(args, int):
        return args
    options = argparse.Namespace(paths=args.filenames, strict=args.strict)
    return run_handler(lambda: check_metadata.run(options))


if __name__ == "__main__":
    raise SystemExit(main())
