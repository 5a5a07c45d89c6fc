"""Work a command begins before its arguments are even parsed: git lists a check's files while releasekit loads.

Only a plain ``check`` (flags, at most a path) starts early; the check itself compares the root it
finds after parsing with the one started here, and starts again when they differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from releasekit.errors import ReleasekitError
from releasekit.project.root import find_project_root
from releasekit.references.start import StartedCheck, start_check

# Options that take a value (the next word is not a path), and those that change what is listed or when.
_WITH_VALUE = ("--format",)
_NOT_EARLY = ("--fix", "--no-cache", "--help", "-h", "--")


def checked_path(arguments: Sequence[str]) -> str | None:
    """The folder ``check`` arguments name ("." by default), or None when they are not a plain check."""
    if not arguments or arguments[0] != "check":
        return None
    path = None
    words = iter(arguments[1:])
    for word in words:
        if word in _NOT_EARLY:
            return None
        if word in _WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            if path is not None:
                return None
            path = word
    return path or "."


def start(arguments: Sequence[str]) -> StartedCheck | None:
    """Start listing the files of the project a plain ``check`` will check; None for anything else."""
    path = checked_path(arguments)
    if path is None:
        return None
    try:
        return start_check(find_project_root(Path(path)))
    except (OSError, ReleasekitError):  # the check itself reports what is wrong here
        return None
