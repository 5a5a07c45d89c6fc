"""Git checks before a bump changes any file: every situation in which its commit, tag or push would fail."""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import NamedTuple

import git
from releasekit.git.errors import git_error
from releasekit.git.repository import open_repository, pathspecs, repository_prefix, run_git

# ls-remote is a courtesy check before anything changes: it must not hang on a slow remote or
# ask for a password (the push itself may).
_LS_REMOTE_TIMEOUT = 20.0
_NO_PROMPT = {"GIT_TERMINAL_PROMPT": "0"}
_OPERATIONS_IN_PROGRESS = (
    ("MERGE_HEAD", "a merge", "git merge --continue` or `git merge --abort"),
    ("rebase-merge", "a rebase", "git rebase --continue` or `git rebase --abort"),
    ("rebase-apply", "a rebase or `git am`", "git rebase --continue` or `git rebase --abort"),
    ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick --continue` or `git cherry-pick --abort"),
    ("REVERT_HEAD", "a revert", "git revert --continue` or `git revert --abort"),
)
_LISTED_PATHS = 5


class GitPlan(NamedTuple):
    """What bump does in git, with every text already rendered."""

    commit: bool
    tag: bool
    push: bool
    message: str
    tag_name: str
    tag_message: str


class GitState(NamedTuple):
    """The repository as preflight found it, before the bump changed anything."""

    head: str
    branch: str | None
    remote: str | None
    dirty_paths: frozenset[str]


def preflight(root: Path, plan: GitPlan, *, allow_dirty: bool, bump_paths: Collection[str]) -> GitState:
    """Refuse, before any file changes, every situation in which ``plan`` would fail or harm.

    ``bump_paths`` are the files bump will change, relative to ``root`` (posix); so are the
    returned ``dirty_paths``.
    """
    with open_repository(root) as repo:
        head = run_git(repo, "rev-parse", "-q", "--verify", "HEAD^{commit}")
        if head.returncode != 0:
            raise git_error(
                "the repository has no commits yet",
                "make a first commit (`git commit`), or pass --no-commit to bump without git",
            )
        branch = _current_branch(repo)
        if plan.commit:
            _refuse_operation_in_progress(repo)
            if branch is None:
                raise git_error(
                    "HEAD is detached (not on a branch): the release commit would belong to no branch",
                    "check out the release branch first (`git switch <branch>`), or pass --no-commit",
                )
        prefix = repository_prefix(repo, root)
        dirty = _refuse_dirty_tree(repo, allow_dirty=allow_dirty, bump_paths=pathspecs(prefix, bump_paths), plan=plan)
        if plan.tag:
            _refuse_existing_tag(repo, plan.tag_name)
        remote = None
        if plan.push:
            if branch is None:
                raise git_error("HEAD is detached: there is no branch to push", "check out the release branch first")
            remote = _push_remote(repo, branch)
            _refuse_remote_conflicts(repo, remote, push_target(repo, branch, remote), plan, head.out)
        return GitState(
            head=head.out,
            branch=branch,
            remote=remote,
            dirty_paths=frozenset(posixpath.relpath(path, prefix or ".") for path in dirty),
        )


def _current_branch(repo: git.Repo) -> str | None:
    symbolic = run_git(repo, "symbolic-ref", "-q", "--short", "HEAD")
    return symbolic.out if symbolic.returncode == 0 else None


def _refuse_operation_in_progress(repo: git.Repo) -> None:
    git_dir = Path(repo.git_dir)
    for marker, operation, resolution in _OPERATIONS_IN_PROGRESS:
        if (git_dir / marker).exists():
            raise git_error(
                f"{operation} is in progress: a release commit now would mix with it",
                f"finish it or abort it first (`{resolution}`)",
            )


def _refuse_dirty_tree(repo: git.Repo, *, allow_dirty: bool, bump_paths: Collection[str], plan: GitPlan) -> list[str]:
    """The modified tracked files (untracked ones do not count), when bump may go ahead with them."""
    fields = iter(run_git(repo, "status", "--porcelain=v1", "-z", "--untracked-files=no").out.split("\0"))
    changed: list[str] = []
    staged: list[str] = []
    for entry in fields:
        if not entry:
            continue
        code, path = entry[:2], entry[3:]
        paths = [path, next(fields, "")] if "R" in code or "C" in code else [path]
        changed += paths
        if code[0] != " ":
            staged += paths
    if not changed:
        return []
    if not allow_dirty:
        raise git_error(
            f"the work tree has uncommitted changes: {_listing(changed)}",
            "commit or stash them first (`git stash`), or pass --allow-dirty to commit only the files bump changes",
        )
    if plan.commit:
        overlap = sorted(set(changed) & set(bump_paths))
        if overlap:
            raise git_error(
                f"bump would change files that already have uncommitted changes: {_listing(overlap)}",
                f"commit or stash those changes first (`git stash push -- {shlex.join(overlap)}`)",
            )
        if staged:
            raise git_error(
                f"files are staged and the release commit would include them: {_listing(staged)}",
                f"unstage them (`git restore --staged -- {shlex.join(sorted(staged))}`) or commit them first",
            )
    return changed


def _listing(paths: Sequence[str]) -> str:
    shown = ", ".join(paths[:_LISTED_PATHS])
    return shown + (f" (and {len(paths) - _LISTED_PATHS} more)" if len(paths) > _LISTED_PATHS else "")


def _refuse_existing_tag(repo: git.Repo, tag_name: str) -> None:
    if run_git(repo, "check-ref-format", f"refs/tags/{tag_name}").returncode != 0:
        raise git_error(
            f"{tag_name!r} is not a valid git tag name",
            "fix the `tag-name` template in [tool.releasekit], or pass --no-tag",
        )
    existing = run_git(repo, "rev-parse", "-q", "--verify", f"refs/tags/{tag_name}^{{}}")
    if existing.returncode == 0:
        raise git_error(
            f"tag {tag_name} already exists (at {existing.out[:12]})",
            f"choose another version, or delete the tag if it was a mistake (`git tag -d {tag_name}`)",
        )


def _push_remote(repo: git.Repo, branch: str) -> str:
    """The branch's upstream remote, else `origin`; an error says how to set one up."""
    remotes = set(run_git(repo, "remote").out.split())
    upstream = run_git(repo, "config", "--get", f"branch.{branch}.remote").out
    if upstream and upstream != ".":
        if upstream not in remotes and "://" not in upstream and not Path(upstream).is_absolute():
            raise git_error(
                f"branch {branch} tracks the remote {upstream!r}, which does not exist",
                f"add it (`git remote add {upstream} URL`), or fix the upstream, or pass --no-push",
            )
        return upstream
    if "origin" in remotes:
        return "origin"
    raise git_error(
        f"there is no remote to push to: branch {branch} has no upstream and there is no `origin` remote",
        f"add one (`git remote add origin URL` then `git push -u origin {branch}`), or pass --no-push",
    )


def push_target(repo: git.Repo, branch: str, remote: str) -> str:
    """The remote branch a push of ``branch`` updates: its upstream's name when it has one there."""
    if run_git(repo, "config", "--get", f"branch.{branch}.remote").out != remote:
        return branch
    merge = run_git(repo, "config", "--get", f"branch.{branch}.merge").out
    return merge.removeprefix("refs/heads/") if merge.startswith("refs/heads/") else branch


def _refuse_remote_conflicts(repo: git.Repo, remote: str, target: str, plan: GitPlan, head: str) -> None:
    """Refuse a tag the remote already has, or a branch it moved ahead, when ls-remote can tell."""
    wanted = [f"refs/heads/{target}", *([f"refs/tags/{plan.tag_name}"] if plan.tag else [])]
    listed = run_git(repo, "ls-remote", remote, *wanted, env=_NO_PROMPT, timeout=_LS_REMOTE_TIMEOUT)
    if listed.returncode != 0:
        return  # not cheaply knowable (offline, credentials needed): the push will say
    refs: dict[str, str] = {}
    for line in listed.out.splitlines():
        sha, _, name = line.partition("\t")
        refs[name] = sha
    if plan.tag and f"refs/tags/{plan.tag_name}" in refs:
        raise git_error(
            f"tag {plan.tag_name} already exists on the remote {remote}",
            "choose another version, or pass --no-push (or --no-tag)",
        )
    remote_head = refs.get(f"refs/heads/{target}")
    if remote_head is not None and run_git(repo, "merge-base", "--is-ancestor", remote_head, head).returncode != 0:
        raise git_error(
            f"the remote {remote} has commits on {target} that your branch does not have",
            f"pull them first (`git pull --rebase {remote} {target}`), or pass --no-push",
        )
