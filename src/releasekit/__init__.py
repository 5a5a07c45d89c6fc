"""releasekit: version consistency, transactional bumps and release checks for Python projects."""

from __future__ import annotations

from releasekit._version import __version__

# Not `typing.TYPE_CHECKING`: the package imports nothing before the command line has set up Ctrl-C.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from releasekit.errors import Category, ReleasekitError
    from releasekit.findings import Finding
    from releasekit.project.canonical import CanonicalVersion, find_canonical
    from releasekit.references.check import CheckResult, check_project
    from releasekit.references.discovery import VersionReference

# The public API, imported on first use: every command and hook imports this package first, and
# it must not import the checker before the command line has set up Ctrl-C (see cli/edge.py).
_PUBLIC = {
    "CanonicalVersion": "releasekit.project.canonical",
    "Category": "releasekit.errors",
    "CheckResult": "releasekit.references.check",
    "Finding": "releasekit.findings",
    "ReleasekitError": "releasekit.errors",
    "VersionReference": "releasekit.references.discovery",
    "check_project": "releasekit.references.check",
    "find_canonical": "releasekit.project.canonical",
}


def __getattr__(name: str) -> object:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'releasekit' has no attribute {name!r}")
    import importlib  # noqa: PLC0415

    return getattr(importlib.import_module(module), name)


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
