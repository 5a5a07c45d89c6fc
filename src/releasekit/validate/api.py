"""The public entry points of validation, for `publish` and other callers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from releasekit.build.outdir import is_distribution
from releasekit.validate.engine import ValidationResult, run_validation

__all__ = ["ValidationResult", "default_distributions", "validate"]


def default_distributions(dist: Path) -> list[Path]:
    """Every sdist and wheel in the folder ``dist`` (nothing when it does not exist), sorted by name."""
    if not dist.is_dir():
        return []
    return sorted(path for path in dist.iterdir() if is_distribution(path))


def validate(paths: Sequence[Path], *, root: Path | None = None, strict: bool = False) -> ValidationResult:
    """Validate ``paths`` as one release; inside a project (``root``) also against its version and git tag."""
    return run_validation(list(paths), root=root, strict=strict)
