"""Git for a release (GitPython): the release commit and tag, undoing them, and the push."""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import NamedTuple

import git
from releasekit._util.process import CommandResult, run
from releasekit._util.redaction import redact
from releasekit.errors import Category, ReleasekitError
from releasekit.git.errors import BEHIND_REMOTE, checked, git_error, git_output, push_failure_category
from releasekit.git.preflight import GitPlan, GitState, push_target
from releasekit.git.repository import (
    LITERAL_PATHSPECS,
    open_repository,
    pathspecs,
    repository_prefix,
    run_git,
    run_git_to_the_end,
)


class ReleaseCommitStatus(NamedTuple):
    """Where HEAD is after an interrupted commit: ``commit`` is the release commit when it landed."""

    head: str
    commit: str | None


def commit_and_tag(root: Path, paths: Sequence[str], plan: GitPlan, state: GitState) -> str:
    """Stage exactly ``paths``, commit them with git's hooks and signing, tag; return the commit sha.

    On any failure HEAD stays at ``state.head``, ``paths`` are unstaged and no tag exists, so
    the caller only has to restore the files.
    """
    with open_repository(root) as repo:
        specs = pathspecs(repository_prefix(repo, root), paths)
        added = run_git_to_the_end(repo, "add", "--", *specs, env=LITERAL_PATHSPECS)
        committed = run_git_to_the_end(repo, "commit", "-q", "-m", plan.message) if added.returncode == 0 else added
        if committed.returncode != 0:
            run_git(repo, "reset", "-q", "--", *specs, env=LITERAL_PATHSPECS)
            what = "git add" if added.returncode != 0 else "git commit (a hook or the signing configuration)"
            raise git_error(
                f"{what} refused the release commit; nothing was committed:\n{git_output(committed)}",
                "fix what git reports above, then run bump again",
            )
        sha = run_git(repo, "rev-parse", "HEAD").out
        if plan.tag:
            tagged = run_git_to_the_end(repo, "tag", "-a", "-m", plan.tag_message, "--", plan.tag_name)
            if tagged.returncode != 0:
                _undo(repo, state)
                raise git_error(
                    f"git tag {plan.tag_name} failed; the release commit was undone:\n{git_output(tagged)}",
                    "fix what git reports above (for example the `tag.gpgSign` setup), then run bump again",
                )
        return sha


def undo_commit(root: Path, state: GitState) -> None:
    """Move HEAD back to ``state.head`` and delete the tag of the release commit.

    The files keep their bumped content (the caller restores them); their index entries go
    back to ``state.head``. Nothing happens when HEAD is already there.
    """
    with open_repository(root) as repo:
        _undo(repo, state)


def abandon_release(root: Path, state: GitState, paths: Collection[str]) -> None:
    """Leave git as it was before ``commit_and_tag``, whatever stopped it (a failure, Ctrl-C) and when.

    The release commit and its tag are undone if they landed (``undo_commit``), and the index
    entries of ``paths`` (and only those) go back to HEAD, in case git staged them but never
    committed. The files keep their bumped content: the caller restores them.
    """
    with open_repository(root) as repo:
        _undo(repo, state)
        _unstage(repo, repository_prefix(repo, root), paths)


def push(root: Path, plan: GitPlan, state: GitState) -> None:
    """Push the branch and the tag together (``git push --atomic``); a failure keeps both locally."""
    if not plan.push:
        return
    with open_repository(root) as repo:
        arguments = _push_arguments(repo, state, plan)
        pushed = run_git(repo, *arguments)
        if pushed.returncode != 0:
            raise _push_error(repo, plan, state, arguments, pushed)


def push_command(root: Path, plan: GitPlan, state: GitState) -> tuple[str, ...]:
    """The exact ``git push --atomic …`` that ``push`` runs, to give to a person who retries it."""
    with open_repository(root) as repo:
        return ("git", *_push_arguments(repo, state, plan))


def push_destination(root: Path, plan: GitPlan, state: GitState) -> tuple[str, str]:
    """The remote and branch whose remote-tracking ref a landed push updates; empty for a push to a URL.

    The journal keeps them while the push is owed: ``check`` then sees a push that landed (git
    moves ``refs/remotes/<remote>/<branch>`` when it does) without asking the network.
    """
    if not plan.push or state.branch is None or state.remote is None:
        return "", ""
    if state.remote not in run(["git", "remote"], cwd=root).stdout.decode("utf-8", "replace").split():
        return "", ""  # a URL: no remote-tracking ref moves
    with open_repository(root) as repo:
        return state.remote, push_target(repo, state.branch, state.remote)


def kept_locally(plan: GitPlan, state: GitState) -> str:
    """What stays in the local repository when the push does not happen."""
    return f"the release commit on {state.branch}" + (f" and tag {plan.tag_name}" if plan.tag else "")


def release_commit_status(root: Path, head: str, paths: Collection[str]) -> ReleaseCommitStatus:
    """Whether the release commit on top of ``head`` (changing exactly ``paths``) is at HEAD or in its history."""
    with open_repository(root) as repo:
        current = run_git(repo, "rev-parse", "HEAD").out
        if current == head:
            return ReleaseCommitStatus(current, None)
        first = run_git(repo, "rev-list", "--reverse", "--first-parent", f"{head}..HEAD").out.split()
        if not first or run_git(repo, "rev-parse", "-q", "--verify", f"{first[0]}^").out != head:
            return ReleaseCommitStatus(current, None)
        changed = run_git(repo, "diff", "--name-only", "-z", head, first[0]).out.split("\0")
        wanted = set(pathspecs(repository_prefix(repo, root), paths))
        return ReleaseCommitStatus(current, first[0] if set(filter(None, changed)) == wanted else None)


def unstage(root: Path, paths: Collection[str]) -> tuple[str, ...]:
    """Reset the index entries of ``paths`` to HEAD; return those that were staged (relative to ``root``)."""
    with open_repository(root) as repo:
        return _unstage(repo, repository_prefix(repo, root), paths)


def _unstage(repo: git.Repo, prefix: str, paths: Collection[str]) -> tuple[str, ...]:
    # Nothing staged, nothing to reset: the index stays unlocked (another git process may hold its lock).
    specs = pathspecs(prefix, paths)
    listed = run_git(repo, "diff", "--cached", "--name-only", "-z", "--", *specs, env=LITERAL_PATHSPECS).out
    staged = tuple(posixpath.relpath(path, prefix or ".") for path in listed.split("\0") if path)
    if staged:
        checked(run_git(repo, "reset", "-q", "--", *specs, env=LITERAL_PATHSPECS), "unstaging the release files")
    return staged


def has_tag(root: Path, tag_name: str) -> bool:
    with open_repository(root) as repo:
        return run_git(repo, "rev-parse", "-q", "--verify", f"refs/tags/{tag_name}").returncode == 0


def _push_arguments(repo: git.Repo, state: GitState, plan: GitPlan) -> tuple[str, ...]:
    if state.branch is None or state.remote is None:
        raise git_error("there is no branch or remote to push to", "run preflight with the same plan first")
    refspec = state.branch
    target = push_target(repo, state.branch, state.remote)
    if target != state.branch:
        refspec = f"{state.branch}:{target}"
    return ("push", "--atomic", state.remote, refspec, *((plan.tag_name,) if plan.tag else ()))


def _push_error(
    repo: git.Repo, plan: GitPlan, state: GitState, arguments: tuple[str, ...], pushed: CommandResult
) -> ReleasekitError:
    """A failed push: retry it as it was, or, when the remote moved ahead, integrate its commits first."""
    where = f"git push to {state.remote} ({_remote_url(repo, str(state.remote))})"
    retry = ("git", *arguments)
    if not any(reason in pushed.err for reason in BEHIND_REMOTE):
        return ReleasekitError(
            f"{where} failed; {kept_locally(plan, state)} are kept locally, retry the push with the command "
            f"below:\n{git_output(pushed)}",
            category=push_failure_category(pushed.err),
            hint=shlex.join(retry),
        )
    # Retrying alone would be refused again: rebase the release commit onto the remote's, move the tag onto it.
    target = arguments[3].partition(":")[2] or arguments[3]
    steps: list[tuple[str, ...]] = [("git", "pull", "--rebase", str(state.remote), target)]
    if plan.tag:
        steps.append(("git", "tag", "-f", "-a", "-m", plan.tag_message, plan.tag_name))
    moved = ", move the tag to the rebased release commit" if plan.tag else ""
    return ReleasekitError(
        f"{where} was rejected: {state.remote} has commits on {target} that the release commit is not based "
        f"on; {kept_locally(plan, state)} are kept locally. Integrate those commits{moved} and push again "
        f"with the commands below:\n{git_output(pushed)}",
        category=Category.GIT,
        hint=" && ".join(shlex.join(step) for step in (*steps, retry)),
    )


def _remote_url(repo: git.Repo, remote: str) -> str:
    url = run_git(repo, "remote", "get-url", "--push", remote)
    return redact(url.out if url.returncode == 0 else remote)


def _undo(repo: git.Repo, state: GitState) -> None:
    head = run_git(repo, "rev-parse", "HEAD").out
    if head == state.head:
        return
    if run_git(repo, "rev-parse", "-q", "--verify", "HEAD^").out != state.head:
        raise git_error(
            f"HEAD moved to {head[:12]}, which is not the release commit on top of {state.head[:12]}; "
            "nothing was undone",
            f"inspect `git log`, and reset by hand if needed (`git reset --soft {state.head[:12]}`)",
        )
    changed = [path for path in run_git(repo, "diff", "--name-only", "-z", state.head, head).out.split("\0") if path]
    for tag in run_git(repo, "tag", "--points-at", head).out.splitlines():
        checked(run_git(repo, "tag", "-d", tag), f"deleting tag {tag}")
    checked(run_git(repo, "reset", "-q", "--soft", state.head), "moving HEAD back")
    if changed:
        checked(run_git(repo, "reset", "-q", "--", *changed, env=LITERAL_PATHSPECS), "unstaging the release files")
