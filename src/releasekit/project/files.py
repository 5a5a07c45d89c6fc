"""Which files a project has (git's tracked files, or a walk), and reading them safely."""

from __future__ import annotations

import codecs
import os
import re
import stat
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from releasekit._util.process import CommandError, Running
from releasekit.git.plumbing import (
    INDEX_LISTING,
    WORK_TREE_CHANGES,
    changed_paths,
    find_git_dir,
    index_signature,
)

_SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".eggs",
        "build",
        "dist",
        # An interrupted bump's journal outside git (see transaction.py): originals, never the project's files.
        ".releasekit-journal",
        ".releasekit-journal.retired",  # a journal being deleted (transaction.retire_journal)
    }
)
_CODING_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)
BINARY_SNIFF = 8000


_REGULAR = ("100644", "100755")
# What tells a project's layout: packages' ``__init__.py`` up to three levels deep
# (``src/pkg/__init__.py``) and project files at any depth (nested example projects).
_LAYOUT_NAMES = ((b"__init__.py", 2), (b"pyproject.toml", -1), (b"setup.py", -1), (b"setup.cfg", -1))


class FileListing(NamedTuple):
    """The files of a project: git's index and working-tree changes, or a walk outside git.

    ``index`` is the raw output of ``git ls-files --stage -z``: records ``mode blob stage\tpath``.
    A record is the content key of a tracked file whose working copy matches the index.
    ``layout`` holds the paths that tell the layout: packages' ``__init__.py`` files and
    project files, found without splitting the whole listing.
    """

    git_dir: Path | None
    index_bytes: bytes
    modified: frozenset[str]
    layout: tuple[str, ...]
    walked: tuple[str, ...] = ()
    # The index file's stat signature this listing is known to match (None: not to be trusted later).
    signature: tuple[int, ...] | None = None

    @property
    def snapshot(self) -> IndexSnapshot:
        """What a later listing may reuse while the index file keeps this signature."""
        return IndexSnapshot(self.signature, self.index_bytes, self.layout)

    def records(self) -> list[tuple[str, str]]:
        """``(path, key)`` for every regular file: key is the index record, or empty when
        the working copy must be read (modified, or outside git)."""
        if self.git_dir is None:
            return [(path, "") for path in self.walked]
        return [(path, "" if path in self.modified else record) for path, record in parse_records(self.index_bytes)]


def parse_records(index: bytes, only: list[bytes] | None = None) -> list[tuple[str, str]]:
    """``(path, record)`` of regular files in a ``ls-files --stage -z`` output, each path once.

    Symlinks (120000) and submodules (160000) are not the project's files to read.
    """
    parsed = []
    seen: set[str] = set()
    for raw in index.split(b"\0") if only is None else only:
        record = raw.decode("utf-8", "surrogateescape")
        meta, tab, path = record.partition("\t")
        if not tab or meta[:6] not in _REGULAR:
            continue
        if meta[-1] != "0":  # a merge conflict lists stages 1-3 of one path
            if path in seen:
                continue
            seen.add(path)
        parsed.append((path, record))
    return parsed


class ReadResult(NamedTuple):
    """A file's text, or why it was skipped (binary, non-utf-8, too-large, unreadable)."""

    text: str | None
    skipped: str = ""


class IndexSnapshot(NamedTuple):
    """An earlier listing of the index (``git ls-files --stage -z``), its layout, and the signature
    of the index file it was taken from (see ``git.plumbing.index_signature``)."""

    signature: tuple[int, ...] | None
    index_bytes: bytes
    layout: tuple[str, ...]


def _no_snapshot(git_dir: Path) -> IndexSnapshot | None:
    return None


class PendingListing:
    """A listing under way: git stats the work tree (and lists the index) while the caller goes on.

    ``start_listing`` starts it; ``finish`` waits for git and gives the ``FileListing``. A remembered
    snapshot whose signature the index file still has stands for ``git ls-files``: an unchanged
    index is not listed again. Outside git, or where git cannot answer, the folder is walked.
    """

    def __init__(
        self,
        root: Path,
        remembered: Callable[[Path], IndexSnapshot | None],
        environ: Mapping[str, str],
        now_ns: Callable[[], int],
    ) -> None:
        self.root = root
        self.git_dir = find_git_dir(root)
        self._changes: Running | None = None
        self._index: Running | None = None
        self._snapshot: IndexSnapshot | None = None
        self._signature: tuple[int, ...] | None = None
        if self.git_dir is None:
            return
        try:
            # The work tree's stat (all of it) takes longest: first.
            self._changes = Running(WORK_TREE_CHANGES, cwd=root)
            self._signature = index_signature(self.git_dir, environ, now_ns())
            snapshot = remembered(self.git_dir) if self._signature is not None else None
            if snapshot is not None and snapshot.signature == self._signature:
                self._snapshot = snapshot
            else:
                self._index = Running(INDEX_LISTING, cwd=root)
        except CommandError:
            self.cancel()

    def finish(self) -> FileListing:
        """The listing: git's when it answered, else a walk of the folder."""
        if self._changes is not None:
            try:
                changes = changed_paths(self._changes.finish().stdout)
                if self._snapshot is not None:
                    snapshot = self._snapshot
                    return FileListing(
                        self.git_dir, snapshot.index_bytes, changes, snapshot.layout, signature=self._signature
                    )
                if self._index is not None:
                    index = self._index.finish().stdout
                    return FileListing(self.git_dir, index, changes, _index_layout(index), signature=self._signature)
            except CommandError:
                pass  # git is missing or unusable here: walk
            finally:
                self.cancel()
        return _walked_listing(self.root)

    def cancel(self) -> None:
        """Stop what git still runs (a listing not needed after all)."""
        for running in (self._changes, self._index):
            if running is not None:
                running.stop()
        self._changes = self._index = None


def start_listing(
    root: Path,
    remembered: Callable[[Path], IndexSnapshot | None] = _no_snapshot,
    environ: Mapping[str, str] | None = None,
    now_ns: Callable[[], int] = time.time_ns,
) -> PendingListing:
    """Start listing the files of ``root`` (see ``PendingListing``); ``remembered`` gives the last
    snapshot kept for a git directory, if any."""
    return PendingListing(root, remembered, os.environ if environ is None else environ, now_ns)


def list_files(root: Path) -> FileListing:
    """Tracked files when ``root`` is in a git work tree, else every file below it."""
    return start_listing(root).finish()


def _walked_listing(root: Path) -> FileListing:
    walked = tuple(_walk(root))
    layout = tuple(
        path
        for path in walked
        for name, depth in _LAYOUT_NAMES
        if (path == name.decode() or path.endswith("/" + name.decode())) and (depth < 0 or path.count("/") <= depth)
    )
    return FileListing(None, b"", frozenset(), layout, walked)


def _index_layout(index: bytes) -> tuple[str, ...]:
    """The layout paths among regular files of an index listing, found by byte search in C.

    A warm check must not split a 50,000-file listing in Python only to find a few names.
    """
    found = []
    for name, depth in _LAYOUT_NAMES:
        needle = name + b"\0"
        position = index.find(needle)
        while position >= 0:
            end = position + len(name)
            start = index.rfind(b"\t", 0, position) + 1
            record_start = index.rfind(b"\0", 0, start) + 1
            path = index[start:end]
            if (
                (start == position or index[position - 1 : position] == b"/")
                and index[record_start : record_start + 6] in (b"100644", b"100755")
                and (depth < 0 or path.count(b"/") <= depth)
            ):
                found.append(path.decode("utf-8", "surrogateescape"))
            position = index.find(needle, end + 1)
    return tuple(sorted(set(found)))


def is_regular_or_gone(root: Path, path: str) -> bool:
    """A regular file, or nothing at all; never a symlink, folder or submodule to follow."""
    try:
        return stat.S_ISREG(os.lstat(os.path.join(root, path)).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _walk(root: Path) -> list[str]:
    paths = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(name for name in dirs if name not in _SKIPPED_DIRS and not name.endswith(".egg-info"))
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for name in sorted(files):
            if not os.path.islink(os.path.join(folder, name)):
                paths.append(prefix + name)
    return paths


class Decoded(NamedTuple):
    """A file's text, the codec that decoded it and how many bytes of BOM came before it."""

    text: str
    codec: str
    bom_length: int


def decode_with_encoding(data: bytes, path: str) -> Decoded | None:
    """UTF-8 text (a BOM dropped), or a Python file's PEP 263 encoding; None otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(text, "utf-8", len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
    if path.endswith((".py", ".pyi")):
        cookie = _CODING_COOKIE.search(data, 0, data.find(b"\n", data.find(b"\n") + 1) if b"\n" in data else len(data))
        if cookie:
            try:
                codec = codecs.lookup(cookie[1].decode("ascii"))
                return Decoded(data.decode(codec.name), codec.name, 0)
            except (LookupError, UnicodeDecodeError):
                return None
    return None


def decode(data: bytes, path: str) -> str | None:
    """UTF-8 text (a BOM dropped), or a Python file's PEP 263 encoding; None otherwise."""
    decoded = decode_with_encoding(data, path)
    return None if decoded is None else decoded.text


def read_text(root: Path, path: str, max_size: int) -> ReadResult:
    """Read ``path`` for scanning; binary, undecodable, huge or unreadable files are skipped."""
    try:
        with open(os.path.join(root, path), "rb") as handle:
            if os.fstat(handle.fileno()).st_size > max_size:
                return ReadResult(None, "too-large")
            data = handle.read()
    except FileNotFoundError:
        return ReadResult(None, "missing")
    except OSError:
        return ReadResult(None, "unreadable")
    if b"\0" in data[:BINARY_SNIFF]:
        return ReadResult(None, "binary")
    text = decode(data, path)
    if text is None:
        return ReadResult(None, "non-utf-8")
    return ReadResult(text)
