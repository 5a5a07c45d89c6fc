"""A stamp of releasekit's own code, for caches that must not outlive it: its version and every module's stat."""

from __future__ import annotations

import os

from releasekit._version import __version__

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def code_stamp(package_dir: str = PACKAGE_DIR) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """releasekit's version and the path, size and mtime of each ``.py`` file under ``package_dir``.

    The files are found by walking the package, so a module added, moved or removed changes the
    stamp instead of breaking it; stat only, no file is read.
    """
    stamps: list[tuple[str, int, int]] = []
    skip = len(package_dir) + 1
    folders = [package_dir]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    stat = entry.stat()
                    stamps.append((entry.path[skip:], stat.st_mtime_ns, stat.st_size))
    return __version__, tuple(sorted(stamps))
