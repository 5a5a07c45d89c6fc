"""GitHub Actions workflow commands releasekit writes: masking a secret before anything can print it."""

from __future__ import annotations

from collections.abc import Mapping


def in_github_actions(environ: Mapping[str, str]) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def add_mask(value: str) -> str:
    """The ``::add-mask::`` line that makes the runner hide ``value`` in every later log line."""
    # A multi-line value must be masked line by line (the command reads a single line).
    return "".join(f"::add-mask::{line}\n" for line in value.splitlines() if line.strip())
