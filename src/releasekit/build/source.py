"""What git says about the source being built: the commit, whether it is dirty, and its timestamp."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from releasekit._util.process import run


class SourceState(NamedTuple):
    """The commit a build comes from (None outside git), whether the tree differs from it, and its time."""

    commit: str | None
    dirty: bool | None
    commit_time: int | None


def source_state(root: Path) -> SourceState:
    """The last commit of ``root``'s repository and whether its working tree is dirty; all None outside git."""
    head = run(["git", "log", "-1", "--format=%H %ct"], cwd=root, check=False)
    fields = head.stdout.decode("ascii", "replace").split()
    if head.returncode != 0 or len(fields) != 2:
        return SourceState(None, None, None)
    status = run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, check=False)
    return SourceState(fields[0], bool(status.stdout.strip()), int(fields[1]))


def source_date_epoch(state: SourceState, environ: Mapping[str, str]) -> str | None:
    """SOURCE_DATE_EPOCH for the backend: the caller's own if set, else the last commit's time.

    https://reproducible-builds.org/specs/source-date-epoch/ - backends stamp archive members with it.
    """
    given = environ.get("SOURCE_DATE_EPOCH")
    if given:
        return given
    return str(state.commit_time) if state.commit_time is not None else None
