"""Reference discovery: every place in a project's files that writes its own version."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from releasekit._util.code_stamp import code_stamp
from releasekit._util.globs import matches_any
from releasekit.git.plumbing import grep_files
from releasekit.project.files import FileListing, is_regular_or_gone, parse_records, read_text
from releasekit.project.versions import parse_tuple, parse_version
from releasekit.references import cache as scan_cache
from releasekit.references import roles as file_roles
from releasekit.references.scanners.dispatch import Patterns, scan_text

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
    in_development: bool = False


class Discovery(NamedTuple):
    """What a scan found, and which files it skipped and why."""

    references: tuple[VersionReference, ...]
    skipped: tuple[tuple[str, str], ...]
    files: int


def _fingerprint(patterns_source: tuple[object, ...]) -> str:
    # Compared as text: a hash would import OpenSSL's bindings on every check for nothing.
    return repr((sys.version_info[:2], code_stamp(), patterns_source))


def _value(text: str, is_tuple: bool) -> str | None:
    version = parse_tuple(text) if is_tuple else parse_version(text)
    return None if version is None else str(version)


def _scan_file(root: Path, path: str, patterns: Patterns, max_size: int) -> scan_cache.Entry:
    result = read_text(root, path, max_size)
    if result.text is None:
        return (result.skipped, ())
    text = result.text
    if patterns.needs_keyword and not patterns.always_read(path) and patterns.keyword.search(text) is None:
        return ("", ())
    found = []
    line_starts: list[int] | None = None
    for raw in scan_text(path, text, patterns):
        if line_starts is None:
            line_starts = [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]
        line = _line_index(line_starts, raw.start)
        column = raw.start - line_starts[line] + 1
        found.append(
            (raw.kind, line + 1, column, raw.text, raw.is_tuple, raw.short_ok, raw.in_development, raw.file_name)
        )
    return ("", tuple(found))


def names_a_file(root: Path, path: str, file_name: str, listing: FileListing) -> bool:
    """Whether ``file_name`` (as written in ``path``) names a file of the repository.

    Relative to the root or to the file's folder, or, when only a base name is written, any
    tracked file of that name (``open(FIXTURES / "pkg-1.2.0-py3-none-any.whl")``).
    """
    folder = path.rpartition("/")[0]
    for candidate in (file_name, f"{folder}/{file_name}" if folder else file_name):
        if os.path.lexists(root / candidate):
            return True
    name = file_name.rpartition("/")[2].encode("utf-8", "surrogateescape")
    if listing.git_dir is not None:
        return (b"/" + name + b"\0") in listing.index_bytes or (b"\t" + name + b"\0") in listing.index_bytes
    return any(walked.rpartition("/")[2] == file_name.rpartition("/")[2] for walked in listing.walked)


def _line_index(line_starts: list[int], offset: int) -> int:
    from bisect import bisect_right  # noqa: PLC0415 - cheap, and only when a file has references

    return bisect_right(line_starts, offset) - 1


def _grep_candidates(root: Path, patterns: Patterns) -> set[str] | None:
    """Tracked files with a line that could hold a reference, found by git in C."""
    return grep_files(root, patterns.keyword.pattern, patterns.keyword_ere)


def _read_files(
    project_root: Path, to_read: list[str], patterns: Patterns, max_size: int, in_git: bool
) -> list[scan_cache.Entry]:
    """Scan the files that must be read; in a large git tree, only those git grep names as candidates."""
    candidates = None
    if in_git and len(to_read) > GREP_THRESHOLD and patterns.needs_keyword:
        candidates = _grep_candidates(project_root, patterns)
    return [
        ("", ())
        if candidates is not None and path not in candidates and not patterns.always_read(path)
        else _scan_file(project_root, path, patterns, max_size)
        for path in to_read
    ]


class _Selection:
    """Which paths discovery reads: not history, vendored, binary, excluded or another project's."""

    def __init__(self, listing: FileListing, exclude: tuple[str, ...]) -> None:
        self.exclude = exclude
        self.nested = file_roles.nested_project_prefixes(listing.layout)

    def wanted(self, path: str) -> bool:
        return not (
            file_roles.never_read(path)
            or (self.exclude and matches_any(path, self.exclude))
            or (self.nested and path.startswith(self.nested))
        )


def _path_of(record: str) -> str:
    return record.partition("\t")[2]


class _Plan(NamedTuple):
    """Cached results still valid, records to scan from the index, paths to read as they are."""

    kept: dict[str, scan_cache.Entry]
    to_scan: list[tuple[str, str]]
    to_read: list[str]
    unscanned: frozenset[str]


def _plan(listing: FileListing, cache: scan_cache.ScanCache, selection: _Selection) -> _Plan:
    """Compare the listing with what the cache learned; only new records and changed files are read.

    A warm check of an unchanged index does no work per tracked file at all.
    """
    modified = listing.modified
    unscanned = cache.unscanned
    if listing.index_bytes == cache.index_bytes:
        kept = cache.found
        fresh_records: list[tuple[str, str]] = []
        # Not scanned last time (their working copies differed), and now equal to the index: scanned by
        # blob this time, so they go back into the cache instead of being read on every later check.
        recheck = unscanned - modified
        if recheck:
            again = [
                record
                for record in listing.index_bytes.split(b"\0")
                if _path_of(record.decode("utf-8", "surrogateescape")) in recheck
            ]
            fresh_records = parse_records(b"", only=again)
            recheck = frozenset()
    else:
        raw = listing.index_bytes.split(b"\0")
        old = set(cache.index_bytes.split(b"\0"))
        new = [record for record in raw if record not in old]
        current = {record.decode("utf-8", "surrogateescape") for record in raw}
        kept = {record: entry for record, entry in cache.found.items() if record in current}
        if unscanned:
            again = [
                record
                for record in raw
                if record in old and _path_of(record.decode("utf-8", "surrogateescape")) in unscanned
            ]
            new.extend(again)
        fresh_records = parse_records(b"", only=new)
        recheck = frozenset()
    to_scan = [(path, record) for path, record in fresh_records if path not in modified and selection.wanted(path)]
    to_read = sorted(path for path in modified | recheck if selection.wanted(path))
    return _Plan(kept, to_scan, to_read, modified | recheck)


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
    count_files: bool = False,
    untracked: tuple[str, ...] = (),
    cache_file: scan_cache.CacheFile | None = None,
) -> Discovery:
    """Scan every listed file for references; unchanged files come from the scan cache.

    ``Discovery.files`` (the number of files considered) is counted only with ``count_files``:
    a warm check never looks at every path. ``untracked`` files (not ignored, not yet added)
    are read too, uncached. ``cache_file`` is the scan cache already opened for the listing.
    """
    selection = _Selection(listing, exclude)
    git_dir = listing.git_dir if use_cache else None
    in_git = listing.git_dir is not None
    if git_dir is None:
        cache = scan_cache.EMPTY
        plan = _Plan({}, [], [path for path, _ in listing.records() if selection.wanted(path)], frozenset())
    else:
        # Which folders are other projects changes what was never scanned: part of the key.
        fingerprint = _fingerprint((*fingerprint_source, selection.nested))
        if cache_file is None or cache_file.git_dir != git_dir:
            cache_file = scan_cache.CacheFile(git_dir)
        cache = cache_file.scan(fingerprint)
        kept = cache_file.snapshot(git_dir)
        kept_signature = kept.signature if kept is not None else None
        plan = _plan(listing, cache, selection)
    paths = [path for path, _ in plan.to_scan]
    paths += [path for path in plan.to_read if is_regular_or_gone(project_root, path)]
    # Untracked files are read as they are and never cached: they have no blob to key them by.
    paths += [path for path in untracked if selection.wanted(path) and is_regular_or_gone(project_root, path)]
    # Patterns are compiled only when some file must be read: a warm check compiles none.
    scans = _read_files(project_root, paths, make_patterns(), max_size, in_git) if paths else []
    scanned = dict(zip(paths, scans, strict=True))
    if git_dir is not None:
        found = dict(plan.kept)
        found.update((record, scanned[path]) for path, record in plan.to_scan if scanned[path] != ("", ()))
        if (
            listing.index_bytes != cache.index_bytes
            or plan.to_scan
            or plan.unscanned != cache.unscanned
            or (listing.signature is not None and listing.signature != kept_signature)
        ):
            scan_cache.save(
                git_dir,
                fingerprint,
                scan_cache.ScanCache(listing.index_bytes, found, plan.unscanned),
                listing.snapshot,
            )
    results = {_path_of(record): entry for record, entry in plan.kept.items()}
    for path in listing.modified:
        results.pop(path, None)  # the working copy differs from what was cached
    results.update(scanned)
    results = {path: entry for path, entry in results.items() if entry != ("", ()) and selection.wanted(path)}
    references = []
    skipped = []
    for path, (reason, found_here) in results.items():
        if reason:
            skipped.append((path, reason))
        for kind, line, column, text, is_tuple, short_ok, in_development, file_name in found_here:
            if kind in ignore_kinds:
                continue
            if file_name and names_a_file(project_root, path, file_name, listing):
                continue  # a string naming a file of the repository (a fixture's wheel) is a file name
            value = _value(text, is_tuple)
            if value is not None:
                references.append(
                    VersionReference(path, line, column, kind, text, value, is_tuple, short_ok, in_development)
                )
    references.sort(key=lambda reference: (reference.path, reference.line, reference.column))
    files = sum(1 for path, _ in listing.records() if selection.wanted(path)) if count_files else 0
    return Discovery(tuple(references), tuple(sorted(skipped)), files)
