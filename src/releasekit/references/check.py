"""`check` as a library call: list files, find the canonical version, judge every reference."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from packaging.version import Version

from releasekit.project.canonical import CanonicalVersion, find_canonical
from releasekit.project.files import FileListing, list_files
from releasekit.project.identity import Project, load_project
from releasekit.references.discovery import Discovery, discover
from releasekit.references.judge import Judged, judge
from releasekit.references.scanners.dispatch import Patterns


class CheckResult(NamedTuple):
    """The canonical version, every reference with its verdict, and what was skipped."""

    project: Project
    canonical: CanonicalVersion
    judged: tuple[Judged, ...]
    discovery: Discovery

    @property
    def stale(self) -> tuple[Judged, ...]:
        return tuple(item for item in self.judged if item.stale)


def scan_project(
    root: Path, *, use_cache: bool = True, count_files: bool = False
) -> tuple[Project, Discovery, FileListing]:
    """The project, its references and its file listing, before any canonical version is known."""
    listing = list_files(root)
    project = load_project(root, listing.layout, listing.git_dir)
    config = project.config
    discovery = discover(
        root,
        listing,
        lambda: Patterns(project),
        exclude=config.exclude,
        ignore_kinds=config.ignore_kinds,
        max_size=config.max_file_size,
        fingerprint_source=(project.identity, config),
        use_cache=use_cache,
        count_files=count_files,
    )
    return project, discovery, listing


def check_project(root: Path, *, use_cache: bool = True, count_files: bool = False) -> CheckResult:
    """Judge every reference of the project at ``root`` against its canonical version."""
    project, discovery, listing = scan_project(root, use_cache=use_cache, count_files=count_files)
    canonical = find_canonical(project, listing.layout)
    version = canonical.version

    def previous() -> Version | None:
        # Only when a loose reference is older than the canonical version: most checks never import it.
        from releasekit.project.previous_release import previous_release  # noqa: PLC0415

        # Changelog file names count here, so this needs every path, not only the layout.
        paths = [path for path, _ in listing.records()]
        return previous_release(root, paths, version, project.identity.names)

    def releases() -> frozenset[tuple[int, ...]]:
        from releasekit.project.previous_release import known_releases  # noqa: PLC0415

        paths = [path for path, _ in listing.records()]
        return known_releases(root, paths, version, project.identity.names)

    judged = judge(discovery.references, version, previous, releases)
    return CheckResult(project, canonical, tuple(judged), discovery)
