"""Where references live, remembered per git blob so a commit re-reads only what changed.

The cache keeps the index listing it was made from (``git ls-files --stage``), the scan
results of the records that had something to say (references or a skip reason), and the
paths it could not scan from the index because their working copies differed. A record
in the listing and not among the unscanned paths was scanned and found empty. A file
whose content changes gets a new blob id, so a new record, and is read again; a file
whose working copy differs from the index is never served from here. The whole cache is
dropped when the fingerprint changes (releasekit's own code, Python, the project's names
or settings).

The same file keeps the listing itself with the index file's signature (``IndexSnapshot``):
while the index file keeps that signature, the next check does not list the index again.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import NamedTuple

from releasekit.project.files import IndexSnapshot

CACHE_FOLDER = "releasekit"
CACHE_FILE = "scan-cache"
_FORMAT = "releasekit-scan-cache-2"
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


class CacheFile:
    """The cache file of one git directory, read once, on first use (and never when absent)."""

    def __init__(self, git_dir: Path) -> None:
        self.git_dir = git_dir
        self._stored: tuple[object, ...] | None = None

    def _read(self) -> tuple[object, ...]:
        if self._stored is None:
            self._stored = ()
            try:
                stored = marshal.loads(cache_path(self.git_dir).read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                return self._stored
            if isinstance(stored, tuple) and len(stored) == 7 and stored[0] == _FORMAT:
                self._stored = stored
        return self._stored

    def snapshot(self, git_dir: Path) -> IndexSnapshot | None:
        """The listing kept here, with the index signature it was taken at (for ``start_listing``)."""
        stored = self._read()
        if git_dir != self.git_dir or not stored:
            return None
        _, signature, index, layout = stored[:4]
        if not (isinstance(signature, tuple) and isinstance(index, bytes) and isinstance(layout, tuple)):
            return None
        return IndexSnapshot(signature, index, layout)

    def scan(self, fingerprint: str) -> ScanCache:
        """What the last scan learned, or an empty cache when absent, unreadable or made for other settings."""
        stored = self._read()
        if not stored:
            return EMPTY
        index, _, stored_fingerprint, found, unscanned = stored[2:]
        if (
            stored_fingerprint != fingerprint
            or not isinstance(index, bytes)
            or not isinstance(found, dict)
            or not isinstance(unscanned, frozenset)
        ):
            return EMPTY
        return ScanCache(index, found, unscanned)


def load(git_dir: Path, fingerprint: str) -> ScanCache:
    """The cache, or an empty one when absent, unreadable or made for other settings."""
    return CacheFile(git_dir).scan(fingerprint)


def save(git_dir: Path, fingerprint: str, cache: ScanCache, snapshot: IndexSnapshot | None = None) -> None:
    """Write the cache (and the listing it was made from) atomically; a cache that cannot be written is not kept.

    The temporary file is named after this process (``tempfile`` would import ``shutil``,
    bz2 and lzma on every commit); ``O_EXCL`` refuses a leftover of a dead process with the
    same id, which is then replaced.
    """
    signature, layout = (None, ()) if snapshot is None else (snapshot.signature, snapshot.layout)
    if snapshot is not None and snapshot.index_bytes != cache.index_bytes:
        signature = None  # the listing kept must be the one the scan was made from
    folder = git_dir / CACHE_FOLDER
    temporary = folder / f".scan-cache-{os.getpid()}"
    try:
        folder.mkdir(exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(marshal.dumps((_FORMAT, signature, cache.index_bytes, layout, fingerprint, *cache[1:])))
        os.replace(temporary, folder / CACHE_FILE)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def clear(git_dir: Path) -> None:
    try:
        cache_path(git_dir).unlink()
    except OSError:
        return
