"""Where references live, remembered per git blob so a commit re-reads only what changed.

The cache keeps the index listing it was made from (``git ls-files --stage``), the scan
results of the records that had something to say (references or a skip reason), and the
paths it could not scan from the index because their working copies differed. A record
in the listing and not among the unscanned paths was scanned and found empty. A file
whose content changes gets a new blob id, so a new record, and is read again; a file
whose working copy differs from the index is never served from here. The whole cache is
dropped when the fingerprint changes (releasekit's own code, Python, the project's names
or settings).
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import NamedTuple

CACHE_FOLDER = "releasekit"
CACHE_FILE = "scan-cache"
# Per file: (skip reason or "", ((kind, line, column, text, is_tuple, short_ok), ...)).
Entry = tuple[str, tuple[tuple[str, int, int, str, bool, bool], ...]]


class ScanCache(NamedTuple):
    """What a previous scan learned from an index listing."""

    index_bytes: bytes
    found: dict[str, Entry]
    unscanned: frozenset[str]


EMPTY = ScanCache(b"", {}, frozenset())


def cache_path(git_dir: Path) -> Path:
    return git_dir / CACHE_FOLDER / CACHE_FILE


def load(git_dir: Path, fingerprint: str) -> ScanCache:
    """The cache, or an empty one when absent, unreadable or made for other settings."""
    try:
        data = cache_path(git_dir).read_bytes()
        stored_fingerprint, index, found, unscanned = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return EMPTY
    if (
        stored_fingerprint != fingerprint
        or not isinstance(index, bytes)
        or not isinstance(found, dict)
        or not isinstance(unscanned, frozenset)
    ):
        return EMPTY
    return ScanCache(index, found, unscanned)


def save(git_dir: Path, fingerprint: str, cache: ScanCache) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not kept."""
    import tempfile  # noqa: PLC0415 - only when the cache changed; keeps the hook's start-up lean

    folder = git_dir / CACHE_FOLDER
    try:
        folder.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".scan-cache-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(marshal.dumps((fingerprint, *cache)))
        os.replace(temporary, folder / CACHE_FILE)
    except OSError:
        return


def clear(git_dir: Path) -> None:
    try:
        cache_path(git_dir).unlink()
    except OSError:
        return
