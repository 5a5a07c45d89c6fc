"""releasekit: version consistency, transactional bumps and release checks for Python projects."""

from __future__ import annotations

__version__ = "0.1.0"

from releasekit.canonical import CanonicalVersion, find_canonical  # noqa: E402
from releasekit.check import CheckResult, check_project  # noqa: E402
from releasekit.discovery import VersionReference  # noqa: E402
from releasekit.errors import Category, ReleasekitError  # noqa: E402
from releasekit.findings import Finding  # noqa: E402

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
