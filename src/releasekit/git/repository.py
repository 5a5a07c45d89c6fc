"""Opening the release's repository and running git in it (GitPython), with every failure redacted.

Every git command runs through ``repo.git`` so that git itself applies the user's configuration:
``core.autocrlf`` when staging (GitPython's index API ignores it), hooks and ``commit.gpgSign``
when committing, ``tag.gpgSign`` when tagging. No GitPython exception and no credential from a
remote URL ever leaves ``open_repository``: both become a ``ReleasekitError`` with the URL redacted.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import git
from releasekit._util.process import CommandResult
from releasekit._util.redaction import header_secrets, redact, url_secrets
from releasekit.errors import ReleasekitError
from releasekit.git.errors import git_error

# Pathspecs are file names, never globs: a file called `v[1].txt` is that file.
LITERAL_PATHSPECS = {"GIT_LITERAL_PATHSPECS": "1"}


@contextmanager
def open_repository(root: Path) -> Iterator[git.Repo]:
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
        raise git_error(redact(f"git failed: {error}", secrets), "see git's message above") from None


def _open(root: Path) -> git.Repo:
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise git_error(
            f"{root} is not in a git repository",
            "run `git init` and commit the project first, or pass --no-commit to bump without git",
        ) from None
    if repo.working_tree_dir is None:
        repo.close()
        raise git_error(f"{root} is in a bare git repository, which has no files to bump", "run bump in a clone")
    return repo


def run_git(
    repo: git.Repo, command: str, *arguments: str, env: Mapping[str, str] | None = None, timeout: float | None = None
) -> CommandResult:
    """Run ``git command arguments`` in the work tree; a non-zero exit is returned, not raised."""
    status, stdout, stderr = getattr(repo.git, command.replace("-", "_"))(
        *arguments,
        with_extended_output=True,
        with_exceptions=False,
        env=env,
        kill_after_timeout=timeout,
        stdout_as_string=False,
        strip_newline_in_stdout=False,
    )
    return CommandResult(("git", command, *arguments), status, stdout, stderr.encode("utf-8", "surrogateescape"))


def run_git_to_the_end(
    repo: git.Repo, command: str, *arguments: str, env: Mapping[str, str] | None = None
) -> CommandResult:
    """``run_git`` for a command that changes the repository: an interruption waits for git to end first.

    Ctrl-C (or a signal sent to this process alone) interrupts the wait, not git: a ``git commit``
    left running could land its commit after the caller has cleaned up. GitPython does not wait
    for the process it leaves, so this starts git itself, through ``repo.git``, and waits for it.
    """
    # The handle terminates git when it is garbage-collected: it must live until git has ended.
    handle = getattr(repo.git, command.replace("-", "_"))(*arguments, as_process=True, env=env)
    process = handle.proc
    try:
        stdout, stderr = process.communicate()
    except BaseException:
        process.wait()
        raise
    finally:
        del handle
    return CommandResult(("git", command, *arguments), process.returncode, stdout, stderr)


def _configured_secrets(repo: git.Repo) -> frozenset[str]:
    """Tokens in the git configuration (remote URLs, `insteadOf` rules, authorization headers)."""
    listing = run_git(repo, "config", "--list", "-z").out
    secrets: set[str] = set(url_secrets(listing))
    for entry in listing.split("\0"):
        key, _, value = entry.partition("\n")
        if key.endswith(".extraheader"):
            secrets |= header_secrets(value)
    return frozenset(secrets)


def repository_prefix(repo: git.Repo, root: Path) -> str:
    """Where ``root`` sits in the work tree, as a pathspec prefix (`""` or `"sub/dir/"`)."""
    top = Path(str(repo.working_tree_dir)).resolve()
    relative = root.resolve().relative_to(top).as_posix()
    return "" if relative == "." else relative + "/"


def pathspecs(prefix: str, paths: Collection[str]) -> list[str]:
    return [posixpath.normpath(prefix + path) for path in paths]
