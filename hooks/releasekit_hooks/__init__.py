"""pre-commit hook entry points for releasekit, shipped in the wheel beside the library."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from releasekit_hooks import check_metadata, version_consistency, version_sync

# Hook id (as in .pre-commit-hooks.yaml) -> entry point.
HOOKS: dict[str, Callable[[Sequence[str] | None], int]] = {
    "version-consistency": version_consistency.main,
    "check-metadata": check_metadata.main,
    "version-sync": version_sync.main,
}
