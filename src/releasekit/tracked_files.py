"""Which files a project has (git's tracked files, or a walk), and reading them safely."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import NamedTuple

from releasekit.process import CommandError, run

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
    }
)
_CODING_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)
BINARY_SNIFF = 8000


class FileEntry(NamedTuple):
    """A file to scan: its posix path relative to the root and a content key.

    ``key`` is git's index record (mode, blob id, path) for a tracked file whose working
    copy matches the index, and empty when the content must be read to be known.
    """

    path: str
    key: str


class FileListing(NamedTuple):
    """The files of a project and how they were found."""

    entries: tuple[FileEntry, ...]
    git_dir: Path | None


class ReadResult(NamedTuple):
    """A file's text, or why it was skipped (binary, non-utf-8, too-large, unreadable)."""

    text: str | None
    skipped: str = ""


def find_git_dir(root: Path) -> Path | None:
    """The git directory for ``root`` (walking up; worktree ``.git`` files followed)."""
    for folder in (root, *root.parents):
        candidate = folder / ".git"
        if candidate.is_dir():
            return candidate
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8", errors="replace")
            if text.startswith("gitdir:"):
                target = Path(text[len("gitdir:") :].strip())
                return target if target.is_absolute() else (folder / target).resolve()
    return None


def list_files(root: Path) -> FileListing:
    """Tracked files when ``root`` is in a git work tree, else every file below it."""
    git_dir = find_git_dir(root)
    if git_dir is not None:
        try:
            return FileListing(_git_entries(root), git_dir)
        except CommandError:
            pass  # git missing or unusable here: fall back to a walk
    return FileListing(tuple(FileEntry(path, "") for path in _walk(root)), None)


def _git_entries(root: Path) -> tuple[FileEntry, ...]:
    staged = run(["git", "ls-files", "--stage", "-z"], cwd=root).stdout
    changed = run(["git", "ls-files", "--modified", "--deleted", "-z"], cwd=root).stdout
    modified = set(changed.decode("utf-8", "surrogateescape").split("\0"))
    entries = []
    seen: set[str] = set()
    for record in staged.decode("utf-8", "surrogateescape").split("\0"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode = meta[:6]
        # Symlinks (120000) and submodules (160000) are not the project's files to read.
        if mode not in ("100644", "100755") or path in seen:
            continue
        seen.add(path)
        entries.append(FileEntry(path, "" if path in modified else record))
    return tuple(entries)


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
        return Decoded(text, "utf-8", len(data) - len(data.removeprefix(codecs.BOM_UTF8)))
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
