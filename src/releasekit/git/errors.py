"""Git failures as ``ReleasekitError``: git's output in the message, and what a failed push's stderr means."""

from __future__ import annotations

from typing import TYPE_CHECKING

from releasekit.errors import Category, ReleasekitError

if TYPE_CHECKING:
    from releasekit._util.process import CommandResult

_AUTHENTICATION_FAILURES = ("authentication failed", "permission denied", "could not read username", "403")
# git's reasons for refusing a push that does not contain the remote's commits.
BEHIND_REMOTE = ("(fetch first)", "(non-fast-forward)")
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


def git_error(message: str, hint: str) -> ReleasekitError:
    return ReleasekitError(message, category=Category.GIT, hint=hint)


def git_output(result: CommandResult) -> str:
    return "\n".join(part for part in (result.out.strip(), result.err.strip()) if part) or "(no output)"


def push_failure_category(stderr: str) -> Category:
    text = stderr.lower()
    if any(marker in text for marker in _AUTHENTICATION_FAILURES):
        return Category.AUTHENTICATION
    if any(marker in text for marker in _REJECTIONS):
        return Category.GIT
    if any(marker in text for marker in _UNREACHABLE):
        return Category.NETWORK
    return Category.GIT


def checked(result: CommandResult, doing: str) -> None:
    if result.returncode != 0:
        raise git_error(f"{doing} failed:\n{git_output(result)}", "inspect `git status` and `git log`")
