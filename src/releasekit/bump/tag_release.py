"""The version a bump in progress releases, as the commands its gate and git hooks run see it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from packaging.version import InvalidVersion, Version

from releasekit.bump.journal import IN_PROGRESS_VARIABLE, pending


def releasing(root: Path, environ: Mapping[str, str]) -> Version | None:
    """The new version of the bump this process runs inside (its gate, its commit's hooks), else None."""
    inside = environ.get(IN_PROGRESS_VARIABLE)
    if not inside:
        return None
    journal = pending(root)
    if journal is None or str(journal.folder) != inside:
        return None
    try:
        return Version(journal.new)
    except InvalidVersion:
        return None
