"""releasekit: version consistency, transactional bumps and release checks for Python projects."""

from __future__ import annotations

from releasekit._version import __version__
from releasekit.errors import Category, ReleasekitError
from releasekit.findings import Finding
from releasekit.project.canonical import CanonicalVersion, find_canonical
from releasekit.references.check import CheckResult, check_project
from releasekit.references.discovery import VersionReference

__all__ = [
    "CanonicalVersion",
    "Category",
    "CheckResult",
    "Finding",
    "ReleasekitError",
    "VersionReference",
    "__version__",
    "check_project",
    "find_canonical",
]
