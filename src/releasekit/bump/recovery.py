"""Recovering an interrupted bump: its files from the journal and, when it was committing, git's HEAD and index.

A release whose commit landed is finished as the bump was asked to: the missing tag is made and
the owed push is run (``push=False`` leaves the push as an exact command to run). Stale git
locks a killed git left (``index.lock``, a tag's ``.lock``) are removed first (``git_locks``).
The check path imports this module too, to clear the journal a finished bump left behind: it asks git through
``releasekit._util.process`` and never imports GitPython, which ``recover_bump`` loads only for a
bump interrupted while committing.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from releasekit._util.process import run
from releasekit._util.redaction import redact, url_secrets
from releasekit.bump.git_locks import release_stale_lock
from releasekit.bump.journal import IN_PROGRESS_VARIABLE, PendingJournal, push_command
from releasekit.bump.journal_recovery import Recovery, clear, holds_new_contents, recover, recoverable
from releasekit.bump.transaction import save_manifest
from releasekit.errors import Category, ReleasekitError

# The states after which a bump that was to commit is undone, or kept, as git says.
_REACHED_GIT = ("verified", "committing")


def recover_bump(root: Path, *, push: bool = True) -> Recovery:
    """Recover the interrupted bump of ``root``; one that was to commit and got past verifying asks git how far it got.

    The release commit landed (HEAD, or in HEAD's history): the files are kept, the tag is made
    if it is missing, and the push is run (or, with ``push=False``, returned as a command still
    to do). It did not (HEAD is where the bump started): the bump's paths are unstaged and the
    originals restored, as when git refuses the commit. A verified bump that was to commit
    counts too: its new contents were only ever meant to be committed, so keeping them
    uncommitted would leave half a release. A ``--no-commit`` bump's verified files are kept
    (``journal_recovery.recover``).
    """
    journal = recoverable(root)
    notes = release_stale_lock(root) if journal.git is not None else ()
    if journal.manifest.push_owed:
        return _push_owed(root, journal, push)._replace(action="pushed", commit=journal.commit, notes=notes)
    if journal.git is not None and journal.git.tag and not journal.paths and journal.state == "committing":
        return _recover_tag_only(root, journal, push)._replace(notes=notes)
    if journal.state not in _REACHED_GIT or journal.git is None:
        return recover(root)._replace(notes=notes)
    from releasekit.bump.engine import require_git  # noqa: PLC0415 - GitPython only for an interrupted commit

    require_git()
    from releasekit.git import release as git  # noqa: PLC0415

    head = journal.git.head
    status = git.release_commit_status(root, head, journal.paths)
    if status.commit is not None:
        done = []
        tag = journal.git.tag
        if tag and not git.has_tag(root, tag):
            _git(root, ("git", "tag", "-a", "-m", journal.git.tag_message, tag, status.commit), f"tagging {tag}")
            done.append(f"tagged {tag}")
        manifest = journal.manifest.moved_to("done", commit=status.commit)
        save_manifest(journal.folder, manifest)
        journal = journal._replace(manifest=manifest)
        if manifest.push_owed:
            recovery = _push_owed(root, journal, push)
        else:
            clear(journal)
            recovery = Recovery("committed", journal.old, journal.new, journal.paths)
        return recovery._replace(
            action="committed", commit=status.commit, paths=journal.paths, done=(*done, *recovery.done), notes=notes
        )
    if status.head != head:
        raise ReleasekitError(
            f"HEAD moved to {status.head[:12]} since the bump to {journal.new} started from {head[:12]}, and "
            "the release commit is not on top of that commit: recovery cannot tell what became of it",
            category=Category.GIT,
            hint=f"inspect `git log` and `git status`; the original files are in {journal.folder}: "
            "delete that folder once the files are as you want them",
        )
    unstaged = git.unstage(root, journal.paths)
    return recover(root, keep=False)._replace(action="uncommitted", unstaged=unstaged, notes=notes)


def _recover_tag_only(root: Path, journal: PendingJournal, push: bool) -> Recovery:
    """A release by its tag alone, interrupted around ``git tag``: finish it if the tag was made, else drop it."""
    from releasekit.bump.engine import require_git  # noqa: PLC0415 - GitPython only for an interrupted release

    require_git()
    from releasekit.git import release as git  # noqa: PLC0415

    tag = journal.git.tag if journal.git is not None else None
    if not tag or not git.has_tag(root, tag):
        clear(journal)  # nothing was tagged, and there is no file to restore: as before the bump
        return Recovery("uncommitted", journal.old, journal.new, ())
    manifest = journal.manifest.moved_to("done")
    save_manifest(journal.folder, manifest)
    journal = journal._replace(manifest=manifest)
    if manifest.push_owed:
        return _push_owed(root, journal, push)._replace(action="committed")
    clear(journal)
    return Recovery("committed", journal.old, journal.new, ())


def _push_owed(root: Path, journal: PendingJournal, push: bool) -> Recovery:
    """Run the push the release still owes (or leave it as a command); the journal goes once it landed."""
    command = push_command(journal.manifest)
    recovery = Recovery("pushed", journal.old, journal.new, journal.paths)
    if not push:
        clear(journal)
        return recovery._replace(to_do=(command,))
    _git(
        root,
        journal.manifest.git.push if journal.manifest.git else (),
        "the release's push",
        keep=f"the journal stays until it lands; retry: {command}",
        journal=journal.folder,
    )
    clear(journal)
    return recovery._replace(done=(f"pushed: {command}",))


def _git(root: Path, argv: tuple[str, ...], doing: str, *, keep: str = "", journal: Path | None = None) -> None:
    # During the push, git's pre-push hook may run `releasekit check`: it sees this recovery, not a crash.
    environ = None if journal is None else {**os.environ, IN_PROGRESS_VARIABLE: str(journal)}
    result = run(argv, cwd=root, check=False, env=environ)
    if result.returncode == 0:
        return
    from releasekit.git.errors import push_failure_category  # noqa: PLC0415 - no GitPython there

    stderr = result.stderr.decode("utf-8", "replace")
    output = "\n".join(
        part.decode("utf-8", "replace").strip() for part in (result.stdout, result.stderr) if part.strip()
    )
    secrets = url_secrets(output)
    raise ReleasekitError(
        redact(f"{doing} failed (exit {result.returncode}): {shlex.join(argv)}\n{output}", secrets),
        category=push_failure_category(stderr) if "push" in argv else Category.GIT,
        hint=redact(keep or "fix what git reports above, then run `releasekit bump --recover` again", secrets),
    )


def clear_finished(root: Path, journal: PendingJournal) -> str | None:
    """Drop the journal a finished bump left behind, when git or the files prove it; a notice saying so.

    Proof: the journal says ``done`` and its release commit is HEAD or in HEAD's history, or, for
    a bump that made no commit, every file still holds the bytes the bump wrote. A push still owed
    needs its own proof: the remote-tracking branch the push updates holds the release commit.
    Otherwise None: the journal stays for ``releasekit bump --recover``.
    """
    manifest = journal.manifest
    if journal.state != "done":
        return None
    if manifest.push_owed and journal.commit is None:
        return None  # nothing to look for on the remote-tracking branch: only --recover can say
    if journal.commit is not None:
        if not _is_ancestor(root, journal.commit, "HEAD"):
            return None
        proof = f"its release commit {journal.commit[:12]} is in the history"
        if manifest.push_owed:
            git = manifest.git
            if (
                git is None
                or not git.remote
                or not _is_ancestor(root, journal.commit, f"refs/remotes/{git.remote}/{git.remote_branch}")
            ):
                return None
            proof += f" and on {git.remote}/{git.remote_branch}"
    elif holds_new_contents(journal):
        proof = "every file holds its new contents"
    else:
        return None
    clear(journal)
    return f"{manifest.describe()} had finished ({proof}); cleared the journal it left behind"


def _is_ancestor(root: Path, commit: str, ref: str) -> bool:
    try:
        asked = run(["git", "merge-base", "--is-ancestor", commit, ref], cwd=root, check=False)
    except ReleasekitError:  # git cannot even start: no proof
        return False
    return asked.returncode == 0
