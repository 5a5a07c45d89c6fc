"""Atomic file replacement: a synced sibling temporary file renamed over the target, then the folder synced."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a platform that cannot open folders (Windows)
        return
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def temporary_name(path: Path) -> Path:
    # One fixed name per file, so recovery can remove a temporary file a crash left behind.
    return path.with_name(f".{path.name}.releasekit-tmp")


def write_atomically(path: Path, data: bytes, mode: int) -> None:
    """Write a sibling temporary file, flush and fsync it, give it ``mode``, rename it over ``path``."""
    temporary = temporary_name(path)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
