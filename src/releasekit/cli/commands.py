"""The sub-commands: one module of this package each, with ``add_parser`` and ``run``."""

from __future__ import annotations

from collections.abc import Sequence

COMMANDS = (
    "check",
    "version",
    "check_metadata",
    "kinds",
    "bump",
    "sync",
    "build",
    "validate",
    "publish",
    "security",
    "init",
)


def chosen_command(arguments: Sequence[str]) -> str | None:
    """The module of the sub-command ``arguments`` name, when their first word is one; else None (all are built)."""
    if not arguments:
        return None
    name = arguments[0].replace("-", "_")
    return name if name in COMMANDS else None
