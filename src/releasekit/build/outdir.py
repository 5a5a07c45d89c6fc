"""The output folder: one version of one project at a time; older files of that version are replaced."""

from __future__ import annotations

from pathlib import Path

from packaging.utils import InvalidSdistFilename, InvalidWheelFilename, parse_sdist_filename, parse_wheel_filename
from packaging.version import Version

from releasekit.errors import Category, ReleasekitError

DISTRIBUTION_SUFFIXES = (".whl", ".tar.gz", ".zip")


def is_distribution(path: Path) -> bool:
    return path.is_file() and path.name.endswith(DISTRIBUTION_SUFFIXES)


def name_and_version(filename: str) -> tuple[str, Version] | None:
    """The normalized name and the version a wheel or sdist filename says; None when it says neither."""
    try:
        if filename.endswith(".whl"):
            name, version, _, _ = parse_wheel_filename(filename)
            return str(name), version
        name, version = parse_sdist_filename(filename)
        return str(name), version
    except (InvalidWheelFilename, InvalidSdistFilename):
        return None


def clear_for(outdir: Path, name: str, version: Version) -> list[Path]:
    """Remove ``outdir``'s distributions of ``name`` ``version``; refuse when any is of another project or version.

    Returns the files removed. Nothing is removed when anything is refused.
    """
    present = sorted(path for path in outdir.iterdir() if is_distribution(path)) if outdir.is_dir() else []
    others = [path.name for path in present if name_and_version(path.name) != (name, version)]
    if others:
        raise ReleasekitError(
            f"{outdir} already holds distributions of another version or project: {', '.join(others)}",
            category=Category.USAGE,
            hint=f"remove them, or build into another folder with --outdir (this build is {name} {version})",
        )
    for path in present:
        path.unlink()
    return present
