"""Reference discovery: every place in a project's files that writes its own version."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from releasekit import file_roles, scan_cache
from releasekit.globs import matches_any
from releasekit.process import CommandError, run
from releasekit.scanners import Patterns, scan_text
from releasekit.tracked_files import FileEntry, FileListing, read_text
from releasekit.versions import parse_tuple, parse_version

# Above this many files to read, git grep finds the few that can hold a reference.
GREP_THRESHOLD = 200


class VersionReference(NamedTuple):
    """The project's version written at ``path:line:column`` in a kind's spelling."""

    path: str
    line: int
    column: int
    kind: str
    text: str
    value: str
    is_tuple: bool = False
    short_ok: bool = False


class Discovery(NamedTuple):
    """What a scan found, and which files it skipped and why."""

    references: tuple[VersionReference, ...]
    skipped: tuple[tuple[str, str], ...]
    files: int


def _fingerprint(patterns_source: tuple[object, ...]) -> str:
    here = Path(__file__).parent
    code_stamp = [
        (name, stat.st_mtime_ns, stat.st_size)
        for name in ("scanners.py", "discovery.py", "file_roles.py", "versions.py", "tracked_files.py")
        for stat in [(here / name).stat()]
    ]
    text = repr((sys.version_info[:2], code_stamp, patterns_source))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _value(text: str, is_tuple: bool) -> str | None:
    version = parse_tuple(text) if is_tuple else parse_version(text)
    return None if version is None else str(version)


def _scan_file(root: Path, path: str, patterns: Patterns, max_size: int) -> scan_cache.Entry:
    result = read_text(root, path, max_size)
    if result.text is None:
        return (result.skipped, ())
    text = result.text
    if patterns.needs_keyword and not file_roles.always_read(path) and patterns.keyword.search(text) is None:
        return ("", ())
    found = []
    line_starts: list[int] | None = None
    for raw in scan_text(path, text, patterns):
        if line_starts is None:
            line_starts = [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]
        line = _line_index(line_starts, raw.start)
        found.append((raw.kind, line + 1, raw.start - line_starts[line] + 1, raw.text, raw.is_tuple, raw.short_ok))
    return ("", tuple(found))


def _line_index(line_starts: list[int], offset: int) -> int:
    from bisect import bisect_right  # noqa: PLC0415 - cheap, and only when a file has references

    return bisect_right(line_starts, offset) - 1


def _grep_candidates(root: Path, patterns: Patterns) -> set[str] | None:
    """Tracked files that contain a keyword any reference needs, found by git in C."""
    try:
        result = run(["git", "grep", "-l", "-z", "-I", "-i", "-E", "-e", patterns.keyword_ere], cwd=root, check=False)
    except CommandError:
        return None
    if result.returncode not in (0, 1):
        return None
    return set(result.stdout.decode("utf-8", "surrogateescape").split("\0"))


def _read_files(
    project_root: Path, to_read: list[FileEntry], patterns: Patterns, max_size: int, in_git: bool
) -> list[scan_cache.Entry]:
    """Scan the files that must be read; in a large git tree, only those git grep names as candidates."""
    candidates = None
    if in_git and len(to_read) > GREP_THRESHOLD and patterns.needs_keyword:
        candidates = _grep_candidates(project_root, patterns)
    return [
        ("", ())
        if candidates is not None and entry.path not in candidates and not file_roles.always_read(entry.path)
        else _scan_file(project_root, entry.path, patterns, max_size)
        for entry in to_read
    ]


def discover(
    project_root: Path,
    listing: FileListing,
    make_patterns: Callable[[], Patterns],
    *,
    exclude: tuple[str, ...],
    ignore_kinds: tuple[str, ...],
    max_size: int,
    fingerprint_source: tuple[object, ...],
    use_cache: bool = True,
) -> Discovery:
    """Scan every listed file for references; unchanged files come from the scan cache."""
    git_dir = listing.git_dir if use_cache else None
    fingerprint = _fingerprint(fingerprint_source) if git_dir is not None else ""
    cached = scan_cache.load(git_dir, fingerprint) if git_dir is not None else {}
    fresh: dict[str, scan_cache.Entry] = {}
    results: list[tuple[FileEntry, scan_cache.Entry]] = []
    to_read: list[FileEntry] = []
    nested = file_roles.nested_project_prefixes(entry.path for entry in listing.entries)
    for entry in listing.entries:
        if file_roles.never_read(entry.path) or (exclude and matches_any(entry.path, exclude)):
            continue
        if nested and entry.path.startswith(nested):
            continue
        hit = cached.get(entry.key) if entry.key else None
        if hit is not None:
            fresh[entry.key] = hit
            results.append((entry, hit))
        else:
            to_read.append(entry)
    # Patterns are compiled only when some file must be read: a warm check compiles none.
    scans = (
        _read_files(project_root, to_read, make_patterns(), max_size, listing.git_dir is not None) if to_read else []
    )
    for entry, scanned in zip(to_read, scans, strict=True):
        if entry.key:
            fresh[entry.key] = scanned
        results.append((entry, scanned))
    # Rewrite the cache only when it learned something or lost entries (files renamed or gone).
    learned = any(entry.key for entry in to_read)
    if git_dir is not None and (learned or len(fresh) != len(cached)):
        scan_cache.save(git_dir, fingerprint, fresh)
    references = []
    skipped = []
    for entry, (reason, found) in results:
        if reason:
            skipped.append((entry.path, reason))
        for kind, line, column, text, is_tuple, short_ok in found:
            if kind in ignore_kinds:
                continue
            value = _value(text, is_tuple)
            if value is not None:
                references.append(VersionReference(entry.path, line, column, kind, text, value, is_tuple, short_ok))
    references.sort(key=lambda reference: (reference.path, reference.line, reference.column))
    return Discovery(tuple(references), tuple(sorted(skipped)), len(results))
