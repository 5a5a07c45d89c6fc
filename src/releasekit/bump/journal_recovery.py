"""Recovery from the journal alone: restore an interrupted bump's originals, or keep a verified bump's files."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from releasekit._util.atomic_write import temporary_name
from releasekit.bump.journal import PendingJournal, pending
from releasekit.bump.transaction import digest, restore_from_journal, retire_journal
from releasekit.errors import Category, ReleasekitError


class Recovery(NamedTuple):
    """What recovery did.

    ``action``: ``restored`` the originals, ``finished`` a verified bump (kept its files), or
    ``cleared`` the journal a finished bump left behind; after an interrupted commit
    (``recovery``), ``uncommitted`` (restored, and ``unstaged`` what was staged) or
    ``committed`` (the release ``commit`` landed); ``pushed`` a release whose push was owed.
    ``done`` lists what recovery did in git (tagged, pushed), ``to_do`` the exact commands still
    owed, ``notes`` what it found on the way (stale git locks it removed).
    """

    action: str
    old: str
    new: str
    paths: tuple[str, ...]
    unstaged: tuple[str, ...] = ()
    commit: str | None = None
    to_do: tuple[str, ...] = ()
    done: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    operation: str = "bump"


def recoverable(root: Path) -> PendingJournal:
    """The interrupted bump of ``root``; an error when there is none, or when it is another project's."""
    journal = pending(root)
    if journal is None:
        raise ReleasekitError(
            "no interrupted bump to recover", category=Category.USAGE, hint="`releasekit check` shows the project state"
        )
    if journal.root.exists() and not journal.root.samefile(root):
        raise ReleasekitError(
            f"the interrupted bump belongs to the project in {journal.root}",
            category=Category.USAGE,
            hint=f"run `releasekit bump --recover` in {journal.root}",
        )
    return journal


def holds_new_contents(journal: PendingJournal) -> bool:
    """Whether every file of ``journal`` holds exactly the bytes the bump wrote."""
    for entry in journal.manifest.files:
        try:
            current = (journal.root / entry.path).read_bytes()
        except OSError:
            return False
        if digest(current) != entry.sha256_after:
            return False
    return True


def clear(journal: PendingJournal) -> None:
    """Drop the journal of a bump that needs nothing more; temporary files a crash left go too."""
    for path in journal.paths:
        temporary_name(journal.root / path).unlink(missing_ok=True)
    retire_journal(journal.folder)


def recover(root: Path, *, keep: bool | None = None) -> Recovery:
    """Finish a verified bump, or restore every original of an unfinished one.

    ``keep`` overrides what the state decides: True keeps the new contents, False restores.
    """
    journal = recoverable(root)
    manifest = journal.manifest
    if journal.state == "done":
        clear(journal)
        return Recovery(
            "cleared", journal.old, journal.new, journal.paths, commit=journal.commit, operation=manifest.operation
        )
    keeps = journal.state in ("verified", "committing") if keep is None else keep
    if keeps:
        clear(journal)
        return Recovery("finished", journal.old, journal.new, journal.paths, operation=manifest.operation)
    restored = restore_from_journal(root, journal.folder, manifest)
    retire_journal(journal.folder)
    return Recovery("restored", journal.old, journal.new, restored, operation=manifest.operation)
