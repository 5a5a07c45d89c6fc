"""Archive rules: duplicate entries, escaping paths, links and devices, non-UTF-8 names, bombs, the sdist's shape."""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePosixPath

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from releasekit.findings import Finding
from releasekit.validate.distribution import Distribution, is_bomb
from releasekit.validate.findings import dist_finding

# What PyPI's upload accepts in a zip (warehouse `_is_valid_dist_file`).
_ACCEPTED_COMPRESSION = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


def _escapes(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in path.parts


def archive_rules(dist: Distribution) -> Iterator[Finding]:
    file = dist.display
    counts = Counter(member.name for member in dist.members)
    for name, count in counts.items():
        if count > 1:
            yield dist_finding(file, "RK201", f"the archive holds {count} entries named {name!r}", member=name)
    for member in dist.members:
        if _escapes(member.name):
            yield dist_finding(file, "RK202", "the member's path leaves the archive's folder", member=member.name)
        if member.type in ("symlink", "hardlink", "device"):
            yield dist_finding(file, "RK203", f"the member is a {member.type}", member=member.name)
        if not member.utf8:
            yield dist_finding(file, "RK204", "the member's name is not marked or encoded as UTF-8", member=member.name)
        if member.error:
            yield dist_finding(file, "RK200", f"the member cannot be read: {member.error}", member=member.name)
        if dist.kind == "wheel" and member.compression not in _ACCEPTED_COMPRESSION:
            message = f"the member is compressed with method {member.compression}"
            yield dist_finding(file, "RK207", message, member=member.name)
        if member.compressed and is_bomb(member.size, member.compressed):
            ratio = member.size // max(member.compressed, 1)
            message = f"the member expands {ratio}x, to {member.size} bytes"
            yield dist_finding(file, "RK205", message, member=member.name)
    if dist.bomb:
        total = sum(member.size for member in dist.members)
        message = f"the archive expands {total // max(dist.compressed_size, 1)}x, to {total} bytes"
        yield dist_finding(file, "RK205", message)


def sdist_root(dist: Distribution) -> str | None:
    """The sdist's one top-level folder name, or None when its members are not all under one."""
    tops = {PurePosixPath(member.name).parts[0] for member in dist.members if PurePosixPath(member.name).parts}
    return tops.pop() if len(tops) == 1 else None


def _release_of(folder: str) -> tuple[str, Version | str]:
    """``{name}-{version}`` compared normalized: `Tiny-01.0` is the folder of `tiny-1.0`."""
    name, _, version = folder.rpartition("-")
    try:
        return canonicalize_name(name), Version(version)
    except InvalidVersion:
        return canonicalize_name(name), version


def sdist_shape_rules(dist: Distribution, expected_root: str | None) -> Iterator[Finding]:
    """An sdist is one folder, ``{name}-{version}`` as its filename says, with PKG-INFO in it."""
    root = sdist_root(dist)
    if root is None:
        tops = sorted({PurePosixPath(member.name).parts[0] for member in dist.members if member.name})
        yield dist_finding(dist.display, "RK206", f"the sdist has {len(tops)} top-level entries: {', '.join(tops[:5])}")
        return
    if expected_root is not None and _release_of(root) != _release_of(expected_root):
        yield dist_finding(dist.display, "RK206", f"the sdist's folder is {root!r}, not {expected_root!r}")
    if dist.member(f"{root}/PKG-INFO") is None:
        yield dist_finding(dist.display, "RK221", "the sdist has no PKG-INFO", member=f"{root}/PKG-INFO")
