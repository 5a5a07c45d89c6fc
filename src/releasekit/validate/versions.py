"""The version everywhere: the metadata, the package's `__version__`, the canonical version and the git tag at HEAD."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from packaging.version import InvalidVersion, Version

from releasekit._util.process import run
from releasekit.errors import ReleasekitError
from releasekit.findings import Finding
from releasekit.validate.distribution import Distribution
from releasekit.validate.findings import dist_finding

_DUNDER_VERSION = re.compile(r"""^__version__[ \t]*(?::[^=\n]*)?=[ \t]*(['"])(?P<version>[^'"\n]+)\1""", re.MULTILINE)
_VERSION_MODULES = ("__init__.py", "_version.py", "__about__.py", "version.py")
_TAG_VERSION = re.compile(r"\d+(?:\.\d+)*\S*$")


def _parse(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def dunder_version_rules(dist: Distribution, version: Version) -> Iterator[Finding]:
    """A literal ``__version__`` in a top-level package's version modules equals the metadata's version."""
    for member in dist.files:
        path = PurePosixPath(member.name)
        if len(path.parts) != 2 or path.name not in _VERSION_MODULES or member.data is None:
            continue
        if path.parts[0].endswith((".dist-info", ".data")):
            continue
        match = _DUNDER_VERSION.search(member.data.decode("utf-8", "replace"))
        if match is None:
            continue
        found = _parse(match["version"])
        if found is not None and found != version:
            line = member.data[: match.start()].count(b"\n") + 1
            message = f"__version__ is {match['version']!r}, the metadata says {str(version)!r}"
            yield dist_finding(dist.display, "RK240", message, member=member.name, line=line)


def tag_versions(root: Path) -> list[tuple[str, Version]]:
    """The tags at HEAD that name a version (``v1.2.3``, ``1.2.3``, ``release-1.2.3``)."""
    result = run(["git", "tag", "--points-at", "HEAD"], cwd=root, check=False)
    if result.returncode != 0:
        return []
    tags = []
    for tag in result.stdout.decode("utf-8", "replace").split():
        match = _TAG_VERSION.search(tag)
        version = _parse(match.group()) if match else None
        if version is not None:
            tags.append((tag, version))
    return tags


def project_rules(display: str, member: str, version: Version, root: Path) -> Iterator[Finding]:
    """Inside a project: the metadata's version is the canonical version and the version of the tag at HEAD."""
    from releasekit.project.canonical import project_version  # noqa: PLC0415 - only inside a project

    try:
        canonical = project_version(root)
    except ReleasekitError:
        canonical = None
    if canonical is not None and canonical.version != version:
        message = (
            f"the metadata says {str(version)!r}, the project's canonical version is {str(canonical.version)!r} "
            f"({canonical.path}:{canonical.line})"
        )
        yield dist_finding(display, "RK240", message, member=member)
    tags = tag_versions(root)
    if tags and all(tagged != version for _, tagged in tags):
        names = ", ".join(tag for tag, _ in tags)
        yield dist_finding(
            display, "RK240", f"the metadata says {str(version)!r}, HEAD is tagged {names}", member=member
        )
