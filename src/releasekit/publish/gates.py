"""What must hold before anything is uploaded: validation, one tag per version, the index not disagreeing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from releasekit.errors import Category, ReleasekitError, Severity
from releasekit.publish.distributions import Distribution
from releasekit.publish.index import IndexFile
from releasekit.publish.resolution import Presence, compare, conflict_error

# A gate looks at the files about to be published and raises a ReleasekitError to stop the run.
Gate = Callable[[Sequence[Path]], None]


def ci_tag(environ: Mapping[str, str]) -> str | None:
    """The tag a CI run was started for (GitHub Actions), if it was started for one."""
    ref = environ.get("GITHUB_REF", "")
    if environ.get("GITHUB_REF_TYPE") == "tag":
        return environ.get("GITHUB_REF_NAME") or ref.removeprefix("refs/tags/")
    return ref.removeprefix("refs/tags/") if ref.startswith("refs/tags/") else None


def check_tag(environ: Mapping[str, str], distributions: Sequence[Distribution], tag_template: str) -> None:
    """On a CI tag build, the tag must name the version being published (``v1.2.3`` or ``1.2.3``)."""
    tag = ci_tag(environ)
    if tag is None:
        return
    for version in sorted({distribution.version for distribution in distributions}):
        if tag not in (tag_template.format(version=version), version):
            raise ReleasekitError(
                f"this CI run is for tag {tag}, but the distributions are version {version}",
                category=Category.VALIDATION,
                severity=Severity.CRITICAL,
                hint=f"tag the commit whose version is {version} ({tag_template.format(version=version)}), "
                "or bump the version and build again",
            )


def check_index(distribution: Distribution, files: Mapping[str, IndexFile]) -> Presence:
    """Where the index already has this file; a different sha256 stops the run before any upload."""
    found = compare(distribution, dict(files))
    if found is Presence.DIFFERENT:
        raise conflict_error(distribution, files.get(distribution.filename))
    return found
