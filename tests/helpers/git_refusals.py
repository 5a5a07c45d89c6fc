"""The git states bump refuses before writing anything, with git's and releasekit's words for them.

One table for both sides: ``tests/git/test_git_release.py`` asks the library's preflight
(a ``ReleasekitError`` with this message and hint), ``tests/e2e/test_bump_git.py`` runs
``releasekit bump`` (exit 4, ``releasekit: error: …`` and ``releasekit: hint: …``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from tests.helpers.git_repos import another_clone_pushes, git


class GitRefusal(NamedTuple):
    """How the repository is set up for the release of ``tag``, and what bump says when it refuses.

    ``message`` and ``hint`` may name ``{tag}`` and ``{head}`` (HEAD's short sha).
    The project must have README.md (not rewritten when dirty-tree) and pyproject.toml (always rewritten).
    """

    id: str
    setup: Callable[[Path, str], None]
    allow_dirty: bool
    message: str
    hint: str

    def expected(self, tag: str, head: str) -> tuple[str, str]:
        return self.message.format(tag=tag, head=head[:12]), self.hint.format(tag=tag, head=head[:12])


def detach(root: Path, tag: str) -> None:
    git(root, "checkout", "-q", "--detach")


def remove_origin(root: Path, tag: str) -> None:
    git(root, "remote", "remove", "origin")


def tag_locally(root: Path, tag: str) -> None:
    git(root, "tag", tag)


def tag_on_the_remote_only(root: Path, tag: str) -> None:
    git(root, "tag", tag)
    git(root, "push", "-q", "origin", tag)
    git(root, "tag", "-d", tag)


def edit_readme(root: Path, tag: str) -> None:
    """A local edit in a file bump does not change, and an untracked file (which does not count)."""
    with (root / "README.md").open("a", encoding="utf-8") as stream:
        stream.write("\nlocal notes\n")
    (root / "notes.txt").write_text("untracked files do not count\n", encoding="utf-8")


def edit_pyproject(root: Path, tag: str) -> None:
    """A local edit in a file bump rewrites."""
    with (root / "pyproject.toml").open("a", encoding="utf-8") as stream:
        stream.write("# edited\n")


def remote_moves_ahead(root: Path, tag: str) -> None:
    """A colleague pushes to ``origin`` (a local bare repository) after this clone's last fetch."""
    remote = Path(git(root, "remote", "get-url", "origin").strip())
    another_clone_pushes(root.parent, remote)


GIT_REFUSALS = [
    GitRefusal(
        "detached-head",
        detach,
        False,
        "HEAD is detached (not on a branch): the release commit would belong to no branch",
        "check out the release branch first (`git switch <branch>`), or pass --no-commit",
    ),
    GitRefusal(
        "missing-remote",
        remove_origin,
        False,
        "there is no remote to push to: branch main has no upstream and there is no `origin` remote",
        "add one (`git remote add origin URL` then `git push -u origin main`), or pass --no-push",
    ),
    GitRefusal(
        "tag-exists",
        tag_locally,
        False,
        "tag {tag} already exists (at {head})",
        "choose another version, or delete the tag if it was a mistake (`git tag -d {tag}`)",
    ),
    GitRefusal(
        "tag-on-remote",
        tag_on_the_remote_only,
        False,
        "tag {tag} already exists on the remote origin",
        "choose another version, or pass --no-push (or --no-tag)",
    ),
    GitRefusal(
        "dirty-tree",
        edit_readme,
        False,
        "the work tree has uncommitted changes: README.md",
        "commit or stash them first (`git stash`), or pass --allow-dirty to commit only the files bump changes",
    ),
    GitRefusal(
        "dirty-file-bump-changes",
        edit_pyproject,
        True,
        "bump would change files that already have uncommitted changes: pyproject.toml",
        "commit or stash those changes first (`git stash push -- pyproject.toml`)",
    ),
    GitRefusal(
        "remote-ahead",
        remote_moves_ahead,
        False,
        "the remote origin has commits on main that your branch does not have",
        "pull them first (`git pull --rebase origin main`), or pass --no-push",
    ),
]
