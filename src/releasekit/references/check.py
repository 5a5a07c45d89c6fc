"""`check` as a library call: list files, find the canonical version, judge every reference."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from packaging.version import Version

from releasekit._util.process import CommandError, run
from releasekit.project.canonical import TAG_METHOD, CanonicalVersion, UntaggedCheckoutError, find_canonical
from releasekit.project.files import FileListing, list_files
from releasekit.project.identity import Project, load_project
from releasekit.references.discovery import Discovery, VersionReference, discover
from releasekit.references.judge import Judged, judge
from releasekit.references.scanners.dispatch import Patterns
from releasekit.references.start import StartedCheck


class CheckResult(NamedTuple):
    """The canonical version, every reference with its verdict, and what was skipped.

    ``unchecked`` holds the skipped files (non-UTF-8, too large, unreadable) that contain the
    canonical version's text: a reference may hide there, and the summary says so.
    ``untracked`` counts the untracked, not ignored files read (0 when they were left out).
    """

    project: Project
    canonical: CanonicalVersion
    judged: tuple[Judged, ...]
    discovery: Discovery
    unchecked: tuple[tuple[str, str], ...] = ()
    untracked: int | None = None

    @property
    def stale(self) -> tuple[Judged, ...]:
        return tuple(item for item in self.judged if item.stale)


def untracked_files(root: Path) -> tuple[str, ...]:
    """Files git neither tracks nor ignores (one git call; not made on the hook's path)."""
    try:
        result = run(["git", "ls-files", "--others", "--exclude-standard", "-z"], cwd=root, check=False)
    except CommandError:
        return ()
    if result.returncode != 0:
        return ()
    return tuple(path for path in result.stdout.decode("utf-8", "surrogateescape").split("\0") if path)


def scan_project(
    root: Path,
    *,
    use_cache: bool = True,
    count_files: bool = False,
    include_untracked: bool = False,
    started: StartedCheck | None = None,
) -> tuple[Project, Discovery, FileListing, int | None]:
    """The project, its references, its file listing and how many untracked files were read (None:
    left out), before any canonical version is known.

    Untracked files are read with ``include_untracked``, and whenever git tracks nothing yet
    (``check --list`` before the first ``git add``). ``started`` is the listing ``start_check``
    began for ``root``.
    """
    listing = started.listing.finish() if started is not None else list_files(root)
    cache_file = started.cache_file if started is not None else None
    untracked: tuple[str, ...] = ()
    read_untracked = None
    if listing.git_dir is not None and (include_untracked or not listing.index_bytes):
        untracked = untracked_files(root)
        read_untracked = len(untracked)
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
        untracked=untracked,
        cache_file=cache_file,
    )
    return project, discovery, listing, read_untracked


_UNCHECKABLE = ("non-utf-8", "too-large", "unreadable")


def unchecked_files(
    root: Path, skipped: tuple[tuple[str, str], ...], canonical: CanonicalVersion
) -> list[tuple[str, str]]:
    """Skipped files that contain the canonical version's text: they could hold a reference nobody checked."""
    spellings = {str(canonical.version), canonical.text.strip()}
    needles = [
        re.compile(rb"(?<![\w.])[vV]?" + re.escape(spelling.encode("ascii", "ignore")) + rb"(?![\w]|\.\d)")
        for spelling in spellings
        if spelling and spelling.isascii()
    ]
    found = []
    for path, reason in skipped:
        if reason not in _UNCHECKABLE:
            continue
        try:
            data = (root / path).read_bytes()
        except OSError:
            found.append((path, reason))
            continue
        if any(needle.search(data) for needle in needles):
            found.append((path, reason))
    return found


def check_project(
    root: Path,
    *,
    use_cache: bool = True,
    count_files: bool = False,
    include_untracked: bool = False,
    not_counted: list[tuple[VersionReference, str]] | None = None,
    releasing: Version | None = None,
    started: StartedCheck | None = None,
) -> CheckResult:
    """Judge every reference of the project at ``root`` against its canonical version.

    ``releasing`` is the version a bump in progress is releasing: for a project versioned from git
    tags, its tag comes after the release commit, so the commit's hooks judge against it instead
    (also when no release tag exists yet).
    """
    project, discovery, listing, read_untracked = scan_project(
        root, use_cache=use_cache, count_files=count_files, include_untracked=include_untracked, started=started
    )
    try:
        canonical = find_canonical(project, listing.layout)
    except UntaggedCheckoutError:
        if releasing is None:
            raise
        canonical = CanonicalVersion(releasing, str(releasing), "the release being bumped", 0, TAG_METHOD)
    if releasing is not None and canonical.method == TAG_METHOD:
        canonical = CanonicalVersion(
            releasing, str(releasing), f"the release being bumped from {canonical.text}", 0, TAG_METHOD
        )
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

    judged = judge(discovery.references, version, previous, releases, not_counted)
    unchecked = unchecked_files(root, discovery.skipped, canonical) if discovery.skipped else []
    return CheckResult(project, canonical, tuple(judged), discovery, tuple(unchecked), read_untracked)
