"""Recovering an interrupted bump: its files from the journal and, when it was committing, git's HEAD and index.

The check path imports this module too, to clear the journal a finished bump left behind: it asks
git through ``releasekit._util.process`` and never imports GitPython, which ``recover_bump`` loads only
for a bump interrupted while committing.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from releasekit._util.process import run
from releasekit.bump.journal import PendingJournal
from releasekit.bump.journal_recovery import Recovery, clear, holds_new_contents, recover, recoverable
from releasekit.errors import Category, ReleasekitError

# The states after which a bump that was to commit is undone, or kept, as git says.
_REACHED_GIT = ("verified", "committing")


def recover_bump(root: Path) -> Recovery:
    """Recover the interrupted bump of ``root``; one that was to commit and got past verifying asks git how far it got.

    The release commit landed (HEAD, or in HEAD's history): the files are kept and the commands
    still to run (tag, push) are returned. It did not (HEAD is where the bump started): the bump's
    paths are unstaged and the originals restored, as when git refuses the commit. A verified
    bump that was to commit counts too: its new contents were only ever meant to be committed,
    so keeping them uncommitted would leave half a release. A ``--no-commit`` bump's verified
    files are kept (``journal_recovery.recover``).
    """
    journal = recoverable(root)
    if journal.state not in _REACHED_GIT or journal.git is None:
        return recover(root)
    from releasekit.bump.engine import git_module  # noqa: PLC0415 - GitPython only for an interrupted commit

    git = git_module()
    head = str(journal.git["head"])
    status = git.release_commit_status(root, head, journal.paths)
    if status.commit is not None:
        to_do = _still_to_do(git, root, journal.git, status.commit)
        return recover(root, keep=True)._replace(action="committed", commit=status.commit, to_do=to_do)
    if status.head != head:
        raise ReleasekitError(
            f"HEAD moved to {status.head[:12]} since the bump to {journal.new} started from {head[:12]}, and "
            "the release commit is not on top of that commit: recovery cannot tell what became of it",
            category=Category.GIT,
            hint=f"inspect `git log` and `git status`; the original files are in {journal.folder}: "
            "delete that folder once the files are as you want them",
        )
    unstaged = git.unstage(root, journal.paths)
    return recover(root, keep=False)._replace(action="uncommitted", unstaged=unstaged)


def _still_to_do(git: Any, root: Path, details: Mapping[str, Any], commit: str) -> tuple[str, ...]:
    to_do = []
    tag = details.get("tag")
    if tag and not git.has_tag(root, tag):
        to_do.append(shlex.join(("git", "tag", "-a", "-m", str(details["tag_message"]), tag, commit[:12])))
    if details.get("push"):
        to_do.append(shlex.join(details["push"]))
    return tuple(to_do)


def clear_finished(root: Path, journal: PendingJournal) -> str | None:
    """Drop the journal a finished bump left behind, when git or the files prove it; a notice saying so.

    Proof: the journal says ``done`` and its release commit is HEAD or in HEAD's history, or, for
    a bump that made no commit, every file still holds the bytes the bump wrote. Otherwise None:
    the journal stays for ``releasekit bump --recover``.
    """
    if journal.state != "done":
        return None
    if journal.commit is not None:
        try:
            asked = run(["git", "merge-base", "--is-ancestor", journal.commit, "HEAD"], cwd=root, check=False)
        except ReleasekitError:  # git cannot even start: no proof
            return None
        if asked.returncode != 0:
            return None
        proof = f"its release commit {journal.commit[:12]} is in the history"
    elif holds_new_contents(journal):
        proof = "every file holds its new contents"
    else:
        return None
    clear(journal)
    return f"the bump from {journal.old} to {journal.new} had finished ({proof}); cleared the journal it left behind"
