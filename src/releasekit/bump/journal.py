"""The bump journal on disk: where it lives, what its manifest says, and whether a bump is unfinished.

The journal lives in ``<git dir>/releasekit/bump-journal/`` (``.releasekit-journal/`` in the
project when it is not in git, which discovery never reads). It holds every original file's bytes
and mode and a state that only moves forward: planned → writing → written → verified →
committing → done. A bump that will commit records, from the start, the commit it starts from
(``git``), so that recovery can ask git whether the release commit landed (see ``bump_recovery``);
``done`` records the release commit. ``releasekit check`` imports this module to refuse a half-bumped tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from releasekit.errors import Category, ReleasekitError
from releasekit.git.plumbing import find_git_dir

STATES = ("planned", "writing", "written", "verified", "committing", "done")
JOURNAL_FOLDER = "bump-journal"
OUTSIDE_GIT_FOLDER = ".releasekit-journal"
MANIFEST = "journal.json"
# Set for the bump's own gate and git hooks: a `releasekit check` they run is part of the bump, not after a crash.
IN_PROGRESS_VARIABLE = "RELEASEKIT_BUMP_JOURNAL"
RECOVER_HINT = "run `releasekit bump --recover` to restore the files (or finish a verified bump)"


class PendingJournal(NamedTuple):
    """An unfinished bump found on disk."""

    folder: Path
    root: Path
    state: str
    old: str
    new: str
    paths: tuple[str, ...]
    git: Mapping[str, Any] | None = None
    commit: str | None = None


def journal_folder(root: Path) -> Path:
    """Where a bump of ``root`` keeps its journal."""
    git_dir = find_git_dir(root.resolve())
    if git_dir is None:
        return root / OUTSIDE_GIT_FOLDER
    return git_dir / "releasekit" / JOURNAL_FOLDER


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        text = (folder / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None  # the everyday case of every `check`: no journal, and no json import
    except OSError as exc:
        raise _unreadable(folder, exc) from exc
    import json  # noqa: PLC0415

    try:
        document = json.loads(text)
    except ValueError as exc:
        raise _unreadable(folder, exc) from exc
    return document if isinstance(document, dict) else None


def _unreadable(folder: Path, exc: Exception) -> ReleasekitError:
    return ReleasekitError(
        f"the bump journal {folder / MANIFEST} is unreadable: {exc}",
        category=Category.VALIDATION,
        hint=f"restore the files by hand from {folder}, then delete that folder",
    )


def pending(root: Path) -> PendingJournal | None:
    """The unfinished bump of the repository (or folder) holding ``root``, if any."""
    folder = journal_folder(root)
    document = read_manifest(folder)
    if document is None:
        return None
    return PendingJournal(
        folder,
        Path(document["root"]),
        document["state"],
        document["old"],
        document["new"],
        tuple(entry["path"] for entry in document["files"]),
        document.get("git"),
        document.get("commit"),
    )


def interrupted(root: Path, environ: Mapping[str, str]) -> PendingJournal | None:
    """The pending bump of ``root``, unless the caller runs inside that very bump (its gate or a git hook)."""
    journal = pending(root)
    if journal is None or environ.get(IN_PROGRESS_VARIABLE) == str(journal.folder):
        return None
    return journal


def pending_error(journal: PendingJournal) -> ReleasekitError:
    """The error every command gives while a bump waits for recovery."""
    if journal.state == "done":
        return ReleasekitError(
            f"the bump from {journal.old} to {journal.new} finished, but its journal was left behind",
            category=Category.VALIDATION,
            hint="run `releasekit bump --recover` to clear it; nothing needs restoring",
        )
    return ReleasekitError(
        f"a bump from {journal.old} to {journal.new} was interrupted ({journal.state}); "
        f"{len(journal.paths)} file{'' if len(journal.paths) == 1 else 's'} may be half-bumped",
        category=Category.VALIDATION,
        hint=RECOVER_HINT,
    )
