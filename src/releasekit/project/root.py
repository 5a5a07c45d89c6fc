"""Which folder is the project: found from a subdirectory the way git and pre-commit find theirs."""

from __future__ import annotations

from pathlib import Path

from releasekit.git.plumbing import find_git_dir

_PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` with a project file, never above the git work tree.

    Run from ``src/pkg/``, ``check`` must judge the whole project, not the folder it was started in:
    a stale reference elsewhere would otherwise pass. Without a project file up to the work tree's
    top (or outside git, up to ``start``), the work tree's top, or ``start`` itself, is the root.
    """
    start = start.resolve()
    git_dir = find_git_dir(start)
    top = _work_tree_top(start, git_dir)
    for folder in (start, *start.parents):
        if any((folder / name).is_file() for name in _PROJECT_FILES):
            return folder
        if folder == top:
            return top
    return start


def _work_tree_top(start: Path, git_dir: Path | None) -> Path:
    """The folder holding ``.git`` (a directory, or a linked worktree's file), or ``start`` outside git."""
    if git_dir is None:
        return start
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start
