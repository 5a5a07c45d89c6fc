"""The files to publish: found in dist/, read with twine's PackageFile, hashed as built."""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import canonicalize_name
from twine.exceptions import InvalidDistribution
from twine.package import PackageFile

from releasekit.errors import Category, ReleasekitError

# What an index accepts (PEP 527): wheels and .tar.gz sdists.
SUFFIXES = (".whl", ".tar.gz")


@dataclass(frozen=True)
class Distribution:
    """One built file: where it is, its project and version, and the sha256 it was built with."""

    path: Path
    name: str  # canonical project name
    version: str
    sha256: str

    @property
    def filename(self) -> str:
        return self.path.name


def find_distributions(paths: Sequence[str | Path], default_folder: Path) -> list[Path]:
    """The files named, folders expanded; without any, every distribution in ``default_folder``."""
    if not paths:
        if not default_folder.is_dir():
            raise ReleasekitError(
                f"{default_folder} does not exist",
                category=Category.USAGE,
                hint="build first (python -m build), or name the files: releasekit publish dist/*.whl",
            )
        paths = [default_folder]
    found: list[Path] = []
    for entry in map(Path, paths):
        if entry.is_dir():
            found.extend(sorted(path for path in entry.iterdir() if path.name.endswith(SUFFIXES)))
        elif entry.is_file():
            found.append(entry)
        else:
            raise ReleasekitError(f"{entry} does not exist", category=Category.USAGE, hint="name built files")
    if not found:
        raise ReleasekitError(
            f"no distributions (.whl, .tar.gz) in {', '.join(map(str, paths))}",
            category=Category.USAGE,
            hint="build first: python -m build",
        )
    return found


def read_distribution(path: Path) -> tuple[Distribution, PackageFile]:
    """The distribution's identity and twine's view of it (metadata and digests, as twine uploads it)."""
    if not path.name.endswith(SUFFIXES):
        raise ReleasekitError(
            f"{path.name} is not a distribution an index accepts (a wheel or a .tar.gz sdist)",
            category=Category.VALIDATION,
            hint="publish only the files python -m build writes",
        )
    try:
        package = PackageFile.from_filename(str(path), comment=None)
    except (InvalidDistribution, tarfile.TarError, zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ReleasekitError(
            f"{path.name}: {error}", category=Category.VALIDATION, hint="rebuild it: python -m build"
        ) from error
    if package.sha2_digest is None:
        raise ReleasekitError(f"{path.name}: no sha256 digest", category=Category.VALIDATION)
    name = canonicalize_name(package.metadata["name"])
    return Distribution(path, str(name), package.version, package.sha2_digest), package
