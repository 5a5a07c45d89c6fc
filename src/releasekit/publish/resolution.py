"""Is this file on the index, and is it the one we built? The answer to every ambiguous failure."""

from __future__ import annotations

import enum

from releasekit.errors import Category, ReleasekitError, Severity
from releasekit.publish.distributions import Distribution
from releasekit.publish.index import IndexClient, IndexFile, IndexUnreachableError


class Presence(enum.Enum):
    ABSENT = "absent"
    SAME = "same"  # on the index with the sha256 we built
    DIFFERENT = "different"  # on the index with another sha256
    UNKNOWN = "unknown"  # the index could not be asked, or gives no hash


def compare(distribution: Distribution, files: dict[str, IndexFile]) -> Presence:
    found = files.get(distribution.filename)
    if found is None:
        return Presence.ABSENT
    if found.sha256 is None:
        return Presence.UNKNOWN
    return Presence.SAME if found.sha256 == distribution.sha256 else Presence.DIFFERENT


def presence(index: IndexClient, distribution: Distribution) -> tuple[Presence, IndexFile | None]:
    try:
        files = index.files(distribution.name)
    except IndexUnreachableError:
        return Presence.UNKNOWN, None
    return compare(distribution, files), files.get(distribution.filename)


def conflict_error(distribution: Distribution, found: IndexFile | None) -> ReleasekitError:
    """A file of this name is on the index with other content: never retried, never overwritten."""
    on_index = found.sha256 if found and found.sha256 else "another hash"
    return ReleasekitError(
        f"{distribution.filename} is on the index with sha256 {on_index}, "
        f"but the file built here has sha256 {distribution.sha256}",
        category=Category.UPLOAD,
        severity=Severity.CRITICAL,
        hint="an index never lets a file be replaced: if the index's copy is corrupt or wrong, delete or yank "
        f"{distribution.version} on the index, then release a new version (a .post release) built from the "
        "same commit; do not rebuild under the same version",
    )
