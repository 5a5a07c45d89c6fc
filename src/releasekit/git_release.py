"""Git for a release (GitPython): checks before a bump, the release commit and tag, and the push.

Every git command runs through ``repo.git`` so that git itself applies the user's configuration:
``core.autocrlf`` when staging (GitPython's index API ignores it), hooks and ``commit.gpgSign``
when committing, ``tag.gpgSign`` when tagging. No GitPython exception and no credential from a
remote URL ever leaves this module: both become a ``ReleasekitError`` with the URL redacted.
"""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import git

from releasekit.errors import Category, ReleasekitError
from releasekit.redaction import header_secrets, redact, url_secrets

# ls-remote is a courtesy check before anything changes: it must not hang on a slow remote or
# ask for a password (the push itself may).
_LS_REMOTE_TIMEOUT = 20.0
_NO_PROMPT = {"GIT_TERMINAL_PROMPT": "0"}
# Pathspecs are file names, never globs: a file called `v[1].txt` is that file.
_LITERAL = {"GIT_LITERAL_PATHSPECS": "1"}
_OPERATIONS_IN_PROGRESS = (
    ("MERGE_HEAD", "a merge", "git merge --continue` or `git merge --abort"),
    ("rebase-merge", "a rebase", "git rebase --continue` or `git rebase --abort"),
    ("rebase-apply", "a rebase or `git am`", "git rebase --continue` or `git rebase --abort"),
    ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick --continue` or `git cherry-pick --abort"),
    ("REVERT_HEAD", "a revert", "git revert --continue` or `git revert --abort"),
)
_AUTHENTICATION_FAILURES = ("authentication failed", "permission denied", "could not read username", "403")
# git's reasons for refusing a push that does not contain the remote's commits.
_BEHIND_REMOTE = ("(fetch first)", "(non-fast-forward)")
_REJECTIONS = ("[rejected]", "[remote rejected]", "atomic push failed", "hook declined", "non-fast-forward")
_UNREACHABLE = (
    "could not resolve",
    "failed to connect",
    "couldn't connect",
    "connection refused",
    "timed out",
    "network is unreachable",
    "unable to access",
    "does not appear to be a git repository",
    "could not read from remote repository",
    "the remote end hung up",
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


class ReleaseCommitStatus(NamedTuple):
    """Where HEAD is after an interrupted commit: ``commit`` is the release commit when it landed."""

    head: str
    commit: str | None


class _Output(NamedTuple):
    status: int
    stdout: str
    stderr: str


def preflight(root: Path, plan: GitPlan, *, allow_dirty: bool, bump_paths: Collection[str]) -> GitState:
    """Refuse, before any file changes, every situation in which ``plan`` would fail or harm.

    ``bump_paths`` are the files bump will change, relative to ``root`` (posix); so are the
    returned ``dirty_paths``.
    """
    with _repository(root) as repo:
        head = _run(repo, "rev-parse", "-q", "--verify", "HEAD^{commit}")
        if head.status != 0:
            raise _error(
                "the repository has no commits yet",
                "make a first commit (`git commit`), or pass --no-commit to bump without git",
            )
        branch = _current_branch(repo)
        if plan.commit:
            _refuse_operation_in_progress(repo)
            if branch is None:
                raise _error(
                    "HEAD is detached (not on a branch): the release commit would belong to no branch",
                    "check out the release branch first (`git switch <branch>`), or pass --no-commit",
                )
        prefix = _prefix(repo, root)
        dirty = _refuse_dirty_tree(repo, allow_dirty=allow_dirty, bump_paths=_pathspecs(prefix, bump_paths), plan=plan)
        if plan.tag:
            _refuse_existing_tag(repo, plan.tag_name)
        remote = None
        if plan.push:
            if branch is None:
                raise _error("HEAD is detached: there is no branch to push", "check out the release branch first")
            remote = _push_remote(repo, branch)
            _refuse_remote_conflicts(repo, remote, _push_target(repo, branch, remote), plan, head.stdout)
        return GitState(
            head=head.stdout,
            branch=branch,
            remote=remote,
            dirty_paths=frozenset(posixpath.relpath(path, prefix or ".") for path in dirty),
        )


def commit_and_tag(root: Path, paths: Sequence[str], plan: GitPlan, state: GitState) -> str:
    """Stage exactly ``paths``, commit them with git's hooks and signing, tag; return the commit sha.

    On any failure HEAD stays at ``state.head``, ``paths`` are unstaged and no tag exists, so
    the caller only has to restore the files.
    """
    with _repository(root) as repo:
        specs = _pathspecs(_prefix(repo, root), paths)
        added = _run(repo, "add", "--", *specs, env=_LITERAL)
        committed = _run(repo, "commit", "-q", "-m", plan.message) if added.status == 0 else added
        if committed.status != 0:
            _run(repo, "reset", "-q", "--", *specs, env=_LITERAL)
            what = "git add" if added.status != 0 else "git commit (a hook or the signing configuration)"
            raise _error(
                f"{what} refused the release commit; nothing was committed:\n{_output(committed)}",
                "fix what git reports above, then run bump again",
            )
        sha = _run(repo, "rev-parse", "HEAD").stdout
        if plan.tag:
            tagged = _run(repo, "tag", "-a", "-m", plan.tag_message, "--", plan.tag_name)
            if tagged.status != 0:
                _undo(repo, state)
                raise _error(
                    f"git tag {plan.tag_name} failed; the release commit was undone:\n{_output(tagged)}",
                    "fix what git reports above (for example the `tag.gpgSign` setup), then run bump again",
                )
        return sha


def undo_commit(root: Path, state: GitState) -> None:
    """Move HEAD back to ``state.head`` and delete the tag of the release commit.

    The files keep their bumped content (the caller restores them); their index entries go
    back to ``state.head``. Nothing happens when HEAD is already there.
    """
    with _repository(root) as repo:
        _undo(repo, state)


def push(root: Path, plan: GitPlan, state: GitState) -> None:
    """Push the branch and the tag together (``git push --atomic``); a failure keeps both locally."""
    if not plan.push:
        return
    with _repository(root) as repo:
        arguments = _push_arguments(repo, state, plan)
        pushed = _run(repo, *arguments)
        if pushed.status != 0:
            raise _push_error(repo, plan, state, arguments, pushed)


def push_command(root: Path, plan: GitPlan, state: GitState) -> tuple[str, ...]:
    """The exact ``git push --atomic …`` that ``push`` runs, to give to a person who retries it."""
    with _repository(root) as repo:
        return ("git", *_push_arguments(repo, state, plan))


def kept_locally(plan: GitPlan, state: GitState) -> str:
    """What stays in the local repository when the push does not happen."""
    return f"the release commit on {state.branch}" + (f" and tag {plan.tag_name}" if plan.tag else "")


def release_commit_status(root: Path, head: str, paths: Collection[str]) -> ReleaseCommitStatus:
    """Whether the release commit on top of ``head`` (changing exactly ``paths``) is at HEAD or in its history."""
    with _repository(root) as repo:
        current = _run(repo, "rev-parse", "HEAD").stdout
        if current == head:
            return ReleaseCommitStatus(current, None)
        first = _run(repo, "rev-list", "--reverse", "--first-parent", f"{head}..HEAD").stdout.split()
        if not first or _run(repo, "rev-parse", "-q", "--verify", f"{first[0]}^").stdout != head:
            return ReleaseCommitStatus(current, None)
        changed = _run(repo, "diff", "--name-only", "-z", head, first[0]).stdout.split("\0")
        wanted = set(_pathspecs(_prefix(repo, root), paths))
        return ReleaseCommitStatus(current, first[0] if set(filter(None, changed)) == wanted else None)


def unstage(root: Path, paths: Collection[str]) -> tuple[str, ...]:
    """Reset the index entries of ``paths`` to HEAD; return those that were staged (relative to ``root``)."""
    with _repository(root) as repo:
        prefix = _prefix(repo, root)
        specs = _pathspecs(prefix, paths)
        listed = _run(repo, "diff", "--cached", "--name-only", "-z", "--", *specs, env=_LITERAL).stdout
        staged = tuple(posixpath.relpath(path, prefix or ".") for path in listed.split("\0") if path)
        if staged:
            _checked(_run(repo, "reset", "-q", "--", *specs, env=_LITERAL), "unstaging the release files")
        return staged


def has_tag(root: Path, tag_name: str) -> bool:
    with _repository(root) as repo:
        return _run(repo, "rev-parse", "-q", "--verify", f"refs/tags/{tag_name}").status == 0


def _push_arguments(repo: git.Repo, state: GitState, plan: GitPlan) -> tuple[str, ...]:
    if state.branch is None or state.remote is None:
        raise _error("there is no branch or remote to push to", "run preflight with the same plan first")
    refspec = state.branch
    target = _push_target(repo, state.branch, state.remote)
    if target != state.branch:
        refspec = f"{state.branch}:{target}"
    return ("push", "--atomic", state.remote, refspec, *((plan.tag_name,) if plan.tag else ()))


def _push_error(
    repo: git.Repo, plan: GitPlan, state: GitState, arguments: tuple[str, ...], pushed: _Output
) -> ReleasekitError:
    """A failed push: retry it as it was, or, when the remote moved ahead, integrate its commits first."""
    where = f"git push to {state.remote} ({_remote_url(repo, str(state.remote))})"
    retry = ("git", *arguments)
    if not any(reason in pushed.stderr for reason in _BEHIND_REMOTE):
        return ReleasekitError(
            f"{where} failed; {kept_locally(plan, state)} are kept locally, retry the push with the command "
            f"below:\n{_output(pushed)}",
            category=_push_failure_category(pushed.stderr),
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
        f"with the commands below:\n{_output(pushed)}",
        category=Category.GIT,
        hint=" && ".join(shlex.join(step) for step in (*steps, retry)),
    )


@contextmanager
def _repository(root: Path) -> Iterator[git.Repo]:
    """The repository holding ``root``; every error leaving it is a redacted ``ReleasekitError``."""
    secrets: frozenset[str] = frozenset()
    try:
        with _open(root) as repo:
            secrets = _configured_secrets(repo)
            yield repo
    except ReleasekitError as error:
        error.message = redact(error.message, secrets)
        error.hint = redact(error.hint, secrets)
        error.args = (error.message,)
        raise
    except git.GitError as error:
        # `from None`: the original exception holds the unredacted command line and output.
        raise _error(redact(f"git failed: {error}", secrets), "see git's message above") from None


def _open(root: Path) -> git.Repo:
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise _error(
            f"{root} is not in a git repository",
            "run `git init` and commit the project first, or pass --no-commit to bump without git",
        ) from None
    if repo.working_tree_dir is None:
        repo.close()
        raise _error(f"{root} is in a bare git repository, which has no files to bump", "run bump in a clone")
    return repo


def _run(
    repo: git.Repo, command: str, *arguments: str, env: Mapping[str, str] | None = None, timeout: float | None = None
) -> _Output:
    """Run ``git command arguments`` in the work tree; a non-zero exit is returned, not raised."""
    status, stdout, stderr = getattr(repo.git, command.replace("-", "_"))(
        *arguments, with_extended_output=True, with_exceptions=False, env=env, kill_after_timeout=timeout
    )
    return _Output(status, stdout, stderr)


def _error(message: str, hint: str) -> ReleasekitError:
    return ReleasekitError(message, category=Category.GIT, hint=hint)


def _output(result: _Output) -> str:
    return "\n".join(part for part in (result.stdout.strip(), result.stderr.strip()) if part) or "(no output)"


def _configured_secrets(repo: git.Repo) -> frozenset[str]:
    """Tokens in the git configuration (remote URLs, `insteadOf` rules, authorization headers)."""
    listing = _run(repo, "config", "--list", "-z").stdout
    secrets: set[str] = set(url_secrets(listing))
    for entry in listing.split("\0"):
        key, _, value = entry.partition("\n")
        if key.endswith(".extraheader"):
            secrets |= header_secrets(value)
    return frozenset(secrets)


def _prefix(repo: git.Repo, root: Path) -> str:
    """Where ``root`` sits in the work tree, as a pathspec prefix (`""` or `"sub/dir/"`)."""
    top = Path(str(repo.working_tree_dir)).resolve()
    relative = root.resolve().relative_to(top).as_posix()
    return "" if relative == "." else relative + "/"


def _pathspecs(prefix: str, paths: Collection[str]) -> list[str]:
    return [posixpath.normpath(prefix + path) for path in paths]


def _current_branch(repo: git.Repo) -> str | None:
    symbolic = _run(repo, "symbolic-ref", "-q", "--short", "HEAD")
    return symbolic.stdout if symbolic.status == 0 else None


def _refuse_operation_in_progress(repo: git.Repo) -> None:
    git_dir = Path(repo.git_dir)
    for marker, operation, resolution in _OPERATIONS_IN_PROGRESS:
        if (git_dir / marker).exists():
            raise _error(
                f"{operation} is in progress: a release commit now would mix with it",
                f"finish it or abort it first (`{resolution}`)",
            )


def _refuse_dirty_tree(repo: git.Repo, *, allow_dirty: bool, bump_paths: Collection[str], plan: GitPlan) -> list[str]:
    """The modified tracked files (untracked ones do not count), when bump may go ahead with them."""
    fields = iter(_run(repo, "status", "--porcelain=v1", "-z", "--untracked-files=no").stdout.split("\0"))
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
        raise _error(
            f"the work tree has uncommitted changes: {_listing(changed)}",
            "commit or stash them first (`git stash`), or pass --allow-dirty to commit only the files bump changes",
        )
    if plan.commit:
        overlap = sorted(set(changed) & set(bump_paths))
        if overlap:
            raise _error(
                f"bump would change files that already have uncommitted changes: {_listing(overlap)}",
                f"commit or stash those changes first (`git stash push -- {shlex.join(overlap)}`)",
            )
        if staged:
            raise _error(
                f"files are staged and the release commit would include them: {_listing(staged)}",
                f"unstage them (`git restore --staged -- {shlex.join(sorted(staged))}`) or commit them first",
            )
    return changed


def _listing(paths: Sequence[str]) -> str:
    shown = ", ".join(paths[:_LISTED_PATHS])
    return shown + (f" (and {len(paths) - _LISTED_PATHS} more)" if len(paths) > _LISTED_PATHS else "")


def _refuse_existing_tag(repo: git.Repo, tag_name: str) -> None:
    if _run(repo, "check-ref-format", f"refs/tags/{tag_name}").status != 0:
        raise _error(
            f"{tag_name!r} is not a valid git tag name",
            "fix the `tag-name` template in [tool.releasekit], or pass --no-tag",
        )
    existing = _run(repo, "rev-parse", "-q", "--verify", f"refs/tags/{tag_name}^{{}}")
    if existing.status == 0:
        raise _error(
            f"tag {tag_name} already exists (at {existing.stdout[:12]})",
            f"choose another version, or delete the tag if it was a mistake (`git tag -d {tag_name}`)",
        )


def _push_remote(repo: git.Repo, branch: str) -> str:
    """The branch's upstream remote, else `origin`; an error says how to set one up."""
    remotes = set(_run(repo, "remote").stdout.split())
    upstream = _run(repo, "config", "--get", f"branch.{branch}.remote").stdout
    if upstream and upstream != ".":
        if upstream not in remotes and "://" not in upstream and not Path(upstream).is_absolute():
            raise _error(
                f"branch {branch} tracks the remote {upstream!r}, which does not exist",
                f"add it (`git remote add {upstream} URL`), or fix the upstream, or pass --no-push",
            )
        return upstream
    if "origin" in remotes:
        return "origin"
    raise _error(
        f"there is no remote to push to: branch {branch} has no upstream and there is no `origin` remote",
        f"add one (`git remote add origin URL` then `git push -u origin {branch}`), or pass --no-push",
    )


def _push_target(repo: git.Repo, branch: str, remote: str) -> str:
    """The remote branch a push of ``branch`` updates: its upstream's name when it has one there."""
    if _run(repo, "config", "--get", f"branch.{branch}.remote").stdout != remote:
        return branch
    merge = _run(repo, "config", "--get", f"branch.{branch}.merge").stdout
    return merge.removeprefix("refs/heads/") if merge.startswith("refs/heads/") else branch


def _refuse_remote_conflicts(repo: git.Repo, remote: str, target: str, plan: GitPlan, head: str) -> None:
    """Refuse a tag the remote already has, or a branch it moved ahead, when ls-remote can tell."""
    wanted = [f"refs/heads/{target}", *([f"refs/tags/{plan.tag_name}"] if plan.tag else [])]
    listed = _run(repo, "ls-remote", remote, *wanted, env=_NO_PROMPT, timeout=_LS_REMOTE_TIMEOUT)
    if listed.status != 0:
        return  # not cheaply knowable (offline, credentials needed): the push will say
    refs: dict[str, str] = {}
    for line in listed.stdout.splitlines():
        sha, _, name = line.partition("\t")
        refs[name] = sha
    if plan.tag and f"refs/tags/{plan.tag_name}" in refs:
        raise _error(
            f"tag {plan.tag_name} already exists on the remote {remote}",
            "choose another version, or pass --no-push (or --no-tag)",
        )
    remote_head = refs.get(f"refs/heads/{target}")
    if remote_head is not None and _run(repo, "merge-base", "--is-ancestor", remote_head, head).status != 0:
        raise _error(
            f"the remote {remote} has commits on {target} that your branch does not have",
            f"pull them first (`git pull --rebase {remote} {target}`), or pass --no-push",
        )


def _remote_url(repo: git.Repo, remote: str) -> str:
    url = _run(repo, "remote", "get-url", "--push", remote)
    return redact(url.stdout if url.status == 0 else remote)


def _push_failure_category(stderr: str) -> Category:
    text = stderr.lower()
    if any(marker in text for marker in _AUTHENTICATION_FAILURES):
        return Category.AUTHENTICATION
    if any(marker in text for marker in _REJECTIONS):
        return Category.GIT
    if any(marker in text for marker in _UNREACHABLE):
        return Category.NETWORK
    return Category.GIT


def _undo(repo: git.Repo, state: GitState) -> None:
    head = _run(repo, "rev-parse", "HEAD").stdout
    if head == state.head:
        return
    if _run(repo, "rev-parse", "-q", "--verify", "HEAD^").stdout != state.head:
        raise _error(
            f"HEAD moved to {head[:12]}, which is not the release commit on top of {state.head[:12]}; "
            "nothing was undone",
            f"inspect `git log`, and reset by hand if needed (`git reset --soft {state.head[:12]}`)",
        )
    changed = [path for path in _run(repo, "diff", "--name-only", "-z", state.head, head).stdout.split("\0") if path]
    for tag in _run(repo, "tag", "--points-at", head).stdout.splitlines():
        _checked(_run(repo, "tag", "-d", tag), f"deleting tag {tag}")
    _checked(_run(repo, "reset", "-q", "--soft", state.head), "moving HEAD back")
    if changed:
        _checked(_run(repo, "reset", "-q", "--", *changed, env=_LITERAL), "unstaging the release files")


def _checked(result: _Output, doing: str) -> None:
    if result.status != 0:
        raise _error(f"{doing} failed:\n{_output(result)}", "inspect `git status` and `git log`")
