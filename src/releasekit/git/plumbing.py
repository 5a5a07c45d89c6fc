"""Git for the check (hook) path: the git directory, tracked files, grep, tags and remotes, without GitPython.

Everything here runs git through ``_util.process`` or reads the repository's own files; a git that
is missing or refuses gives ``None`` or an empty answer, never an error: the check then walks the
folder instead. Bump's commit, tag and push use GitPython (``repository``, ``preflight``, ``release``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from releasekit._util.process import CommandError, run
from releasekit._util.reading import read_text_or_empty

_REMOTE_URL = re.compile(r"^\s*url\s*=\s*(\S+)", re.MULTILINE)


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


def common_git_dir(git_dir: Path) -> Path:
    """Where refs and config live: a linked worktree's git dir names it in ``commondir``."""
    try:
        common = (git_dir / "commondir").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return git_dir
    return git_dir / common if common else git_dir


INDEX_LISTING = ("git", "ls-files", "--stage", "-z")
WORK_TREE_CHANGES = ("git", "diff-files", "--name-only", "--relative", "-z")
# An index file written this recently may still be rewritten within one tick of the file system's
# clock without its stat data changing: its signature is not trusted (git's "racy" rule, for the index).
SETTLED_NS = 2_000_000_000


def changed_paths(output: bytes) -> frozenset[str]:
    """The paths of ``git diff-files --name-only -z`` output."""
    return frozenset(output.decode("utf-8", "surrogateescape").split("\0")) - {""}


def index_signature(git_dir: Path, environ: Mapping[str, str], now_ns: int) -> tuple[int, ...] | None:
    """The index file's stat data, when it proves an unchanged index: else None.

    Git rewrites the index by renaming a new file over it, which sets a new change time (ctime,
    which no program can set back). A signature taken at least ``SETTLED_NS`` after the index's
    last change therefore differs from that of any later index. None when the index is younger
    than that, missing, or chosen by ``GIT_INDEX_FILE``.
    """
    if environ.get("GIT_INDEX_FILE"):
        return None
    try:
        status = (git_dir / "index").stat()
    except OSError:
        return None
    if now_ns - max(status.st_mtime_ns, status.st_ctime_ns) < SETTLED_NS:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def grep_files(root: Path, perl_pattern: str, posix_pattern: str) -> set[str] | None:
    """Tracked text files with a line matching the pattern (case-insensitive), found by git in C.

    Perl-compatible regexes are several times faster in git grep than POSIX ones; a git built
    without PCRE refuses ``-P``, and the POSIX spelling of the same test is used. None: git could not say.
    """
    for flag, pattern in (("-P", perl_pattern), ("-E", posix_pattern)):
        try:
            result = run(["git", "grep", "-l", "-z", "-I", "-i", flag, "-e", pattern], cwd=root, check=False)
        except CommandError:
            return None
        if result.returncode in (0, 1):
            return set(result.stdout.decode("utf-8", "surrogateescape").split("\0")) - {""}
    return None


def tag_names(root: Path) -> list[str]:
    """The repository's tag names, read from its refs (git itself only for the reftable format)."""
    git_dir = find_git_dir(root)
    if git_dir is None:
        return []
    refs_dir = common_git_dir(git_dir)
    if (refs_dir / "reftable").is_dir():
        return _tags_from_git(root)
    names = []
    for line in read_text_or_empty(refs_dir / "packed-refs").splitlines():
        _, _, ref = line.partition(" ")
        if ref.startswith("refs/tags/"):
            names.append(ref[len("refs/tags/") :])
    loose = refs_dir / "refs" / "tags"
    for folder, _, files in os.walk(loose):
        prefix = os.path.relpath(folder, loose).replace(os.sep, "/")
        names.extend(name if prefix == "." else f"{prefix}/{name}" for name in files)
    return names


def _tags_from_git(root: Path) -> list[str]:
    try:
        result = run(["git", "for-each-ref", "--format=%(refname:strip=2)", "refs/tags"], cwd=root, check=False)
    except CommandError:
        return []
    return result.out.split() if result.returncode == 0 else []


def remote_urls(git_dir: Path) -> list[str]:
    """The URLs of the repository's remotes, from its config (a linked worktree's is in the common git dir)."""
    return _REMOTE_URL.findall(read_text_or_empty(common_git_dir(git_dir) / "config"))
