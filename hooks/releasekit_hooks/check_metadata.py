"""The `check-metadata` pre-commit hook: block a commit whose pyproject.toml PyPI would reject."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from releasekit.cli.main import main as releasekit_main


def main(argv: Sequence[str] | None = None) -> int:
    """Check each pyproject.toml pre-commit passes (``files: ^pyproject\\.toml$``); none means ./pyproject.toml."""
    parser = argparse.ArgumentParser(prog="releasekit-check-metadata")
    parser.add_argument("filenames", nargs="*", help="pyproject.toml files (default: ./pyproject.toml)")
    parser.add_argument("--strict", action="store_true", help="warnings (RK150-RK199) fail the hook too")
    try:
        args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    except SystemExit as exit_request:
        return exit_request.code if isinstance(exit_request.code, int) else 2
    return releasekit_main(["check-metadata", *args.filenames, *(["--strict"] if args.strict else [])])


if __name__ == "__main__":
    raise SystemExit(main())
