"""What the bench scripts share: finding the releasekit under test, and PEP 440 versions (packaging)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

# (release, pre, post, dev, local), as packaging.version.Version names them.
VersionParts = tuple[tuple[int, ...], tuple[str, int] | None, int | None, int | None, str | None]


def resolve_releasekit(option: str | None, error: type[Exception]) -> Path | None:
    """``--releasekit`` if given (else ``error``), else ``releasekit`` beside this python, else on PATH, else None."""
    if option:
        found = option if Path(option).is_file() else shutil.which(option)
        if found is None:
            raise error(f"--releasekit {option}: no such executable")
        return Path(found).absolute()
    beside = Path(sys.executable).parent / ("releasekit.exe" if os.name == "nt" else "releasekit")
    if beside.is_file():
        return beside
    found = shutil.which("releasekit")
    return Path(found) if found else None


def require_releasekit(option: str | None, error: type[Exception]) -> Path:
    """``resolve_releasekit``, raising ``error`` when there is none at all."""
    found = resolve_releasekit(option, error)
    if found is None:
        raise error("releasekit executable not found: install it into this python or pass --releasekit PATH")
    return found


def version_parts(text: str) -> VersionParts | None:
    """``text`` read as PEP 440 (``v`` prefix and ``-rc.1`` style separators allowed); None if it is not one.

    A version with an epoch is refused too: release tags do not carry one. packaging is imported
    here, so that bench_check.py, which never parses versions, runs on the standard library alone.
    """
    from packaging.version import InvalidVersion, Version  # noqa: PLC0415

    try:
        version = Version(text)
    except InvalidVersion:
        return None
    if version.epoch:
        return None
    return version.release, version.pre, version.post, version.dev, version.local
