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

import contextlib
import marshal
import os
from pathlib import Path
from typing import NamedTuple

CACHE_FOLDER = "releasekit"
CACHE_FILE = "scan-cache"
# Per file: (skip reason or "", ((kind, line, column, text, is_tuple, short_ok, in_development, file_name), ...)).
Entry = tuple[str, tuple[tuple[str, int, int, str, bool, bool, bool, str], ...]]


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
    """Write the cache atomically; a cache that cannot be written is simply not kept.

    The temporary file is named after this process (``tempfile`` would import ``shutil``,
    bz2 and lzma on every commit); ``O_EXCL`` refuses a leftover of a dead process with the
    same id, which is then replaced.
    """
    folder = git_dir / CACHE_FOLDER
    temporary = folder / f".scan-cache-{os.getpid()}"
    try:
        folder.mkdir(exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(marshal.dumps((fingerprint, *cache)))
        os.replace(temporary, folder / CACHE_FILE)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def clear(git_dir: Path) -> None:
    try:
        cache_path(git_dir).unlink()
    except OSError:
        return
