"""Where references live, remembered per git blob so a commit re-reads only what changed.

Entries are keyed by git's index record of a file (mode, blob id, path): a file whose
content changes gets a new blob id and is read again, and a file whose working copy
differs from the index is never served from here. The whole cache is dropped when the
fingerprint changes (releasekit's own code, Python, the project's names or settings).
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

CACHE_FOLDER = "releasekit"
CACHE_FILE = "scan-cache"
# Per file: (skip reason or "", ((kind, line, column, text, is_tuple, short_ok), ...)).
Entry = tuple[str, tuple[tuple[str, int, int, str, bool, bool], ...]]


def cache_path(git_dir: Path) -> Path:
    return git_dir / CACHE_FOLDER / CACHE_FILE


def load(git_dir: Path, fingerprint: str) -> dict[str, Entry]:
    """The cached entries, or nothing when absent, unreadable or made for other settings."""
    try:
        data = cache_path(git_dir).read_bytes()
        stored_fingerprint, entries = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if stored_fingerprint != fingerprint or not isinstance(entries, dict):
        return {}
    return entries


def save(git_dir: Path, fingerprint: str, entries: dict[str, Entry]) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not kept."""
    import tempfile  # noqa: PLC0415 - only when the cache changed; keeps the hook's start-up lean

    folder = git_dir / CACHE_FOLDER
    try:
        folder.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".scan-cache-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(marshal.dumps((fingerprint, entries)))
        os.replace(temporary, folder / CACHE_FILE)
    except OSError:
        return


def clear(git_dir: Path) -> None:
    try:
        cache_path(git_dir).unlink()
    except OSError:
        return
