"""All-or-nothing file writes for a bump: journal the originals, write atomically, restore on any failure.

Each state change of the journal (see ``journal``) is an atomic rename, so an interrupted bump
(Ctrl-C, ``kill -9``, power loss) always leaves a journal that says what to do: restore the
originals, or, once the new contents were written and verified, keep them (``journal_recovery``;
a bump that was to commit asks git first, ``recovery``). A journal is retired by renaming its
folder away first: an interruption leaves either the whole journal or none.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from releasekit._util.atomic_write import fsync_folder, temporary_name, write_atomically
from releasekit.bump.journal import (
    MANIFEST,
    RETIRED_SUFFIX,
    GitRecord,
    JournalFile,
    Manifest,
    journal_folder,
    pending,
    pending_error,
)
from releasekit.errors import Category, ReleasekitError


class FileChange(NamedTuple):
    """One file's bytes before and after the bump (``path`` relative to the project root)."""

    path: str
    before: bytes
    after: bytes


class Step(NamedTuple):
    """A point in a transaction where a fault can be injected: ``write`` and ``written`` name a file."""

    name: str
    path: str = ""


StepHook = Callable[[Step], None]


def digest(data: bytes) -> str:
    import hashlib  # noqa: PLC0415 - `check` asks for pending journals; it never hashes

    return hashlib.sha256(data).hexdigest()


class Transaction:
    """The journal of one bump and the files it covers."""

    def __init__(self, root: Path, folder: Path, manifest: Manifest, on_step: StepHook | None) -> None:
        self.root = root
        self.folder = folder
        self.manifest = manifest
        self.on_step = on_step

    @property
    def state(self) -> str:
        return self.manifest.state

    def _step(self, name: str, path: str = "") -> None:
        if self.on_step is not None:
            self.on_step(Step(name, path))

    def _save(self, state: str, **changes: str | None) -> None:
        self.manifest = self.manifest.moved_to(state, **changes)
        save_manifest(self.folder, self.manifest)

    def write(self) -> None:
        """Write every file's new contents; on any failure the originals are put back before raising."""
        try:
            self._save("writing")
            self._step("writing")
            for entry in self.manifest.files:
                path = self.root / entry.path
                self._step("write", entry.path)
                after = (self.folder / entry.after).read_bytes()
                write_atomically(path, after, entry.mode)
                self._step("written", entry.path)
            self._save("written")
            self._step("all-written")
        except BaseException:
            self.restore_quietly()
            raise

    def restore_quietly(self) -> None:
        """Restore after a failure without hiding it; if restoring fails too, the journal stays for --recover."""
        with contextlib.suppress(Exception):  # the first failure is the one to report; --recover remains
            self.restore()

    def mark_verified(self) -> None:
        """The new contents passed verification: from here on, recovery keeps them (or asks git, for a commit)."""
        self._save("verified")
        self._step("verified")

    def mark_committing(self) -> None:
        """The release commit is about to be made (from the commit the journal's ``git`` names)."""
        self._save("committing")

    def finish(self, commit: str | None = None) -> None:
        """The bump is complete (its release ``commit``, if it made one).

        The journal is retired, unless a push is still to come: then it stays, ``done`` with the
        push owed (``Manifest.push_owed``), until ``pushed`` (or ``--recover``) retires it.
        """
        self._save("done", commit=commit)
        self._step("done")
        if not self.manifest.push_owed:
            retire_journal(self.folder)

    def pushed(self) -> None:
        """The push landed: nothing more is owed."""
        retire_journal(self.folder)

    def restore(self) -> tuple[str, ...]:
        """Put every original back (atomically, with its mode), then drop the journal."""
        restored = restore_from_journal(self.root, self.folder, self.manifest)
        retire_journal(self.folder)
        return restored


def save_manifest(folder: Path, manifest: Manifest) -> None:
    """Replace the manifest atomically: a synced temporary file renamed over it."""
    temporary = folder / f".{MANIFEST}.tmp"
    with temporary.open("w", encoding="utf-8") as stream:
        stream.write(manifest.to_json())
        stream.flush()
        os.fsync(stream.fileno())
    temporary.replace(folder / MANIFEST)
    fsync_folder(folder)


def retired_folder(folder: Path) -> Path:
    return folder.with_name(folder.name + RETIRED_SUFFIX)


def retire_journal(folder: Path) -> None:
    """Drop a journal as one step: rename its folder away (atomic), then delete the renamed copy.

    An interruption leaves the whole journal, or none of it (a retired folder is never read, and
    the next bump deletes it).
    """
    import shutil  # noqa: PLC0415

    retired = retired_folder(folder)
    if retired.exists():
        shutil.rmtree(retired)
    folder.rename(retired)
    fsync_folder(folder.parent)
    shutil.rmtree(retired)


def restore_from_journal(root: Path, folder: Path, manifest: Manifest) -> tuple[str, ...]:
    restored = []
    for entry in manifest.files:
        path = root / entry.path
        original = (folder / entry.before).read_bytes()
        temporary_name(path).unlink(missing_ok=True)
        try:
            current = path.read_bytes()
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            current, mode = None, -1
        if current != original or mode != entry.mode:
            write_atomically(path, original, entry.mode)
            restored.append(entry.path)
    return tuple(restored)


def begin(
    root: Path,
    changes: Sequence[FileChange],
    *,
    old: str,
    new: str,
    on_step: StepHook | None = None,
    git: GitRecord | None = None,
    operation: str = "bump",
) -> Transaction:
    """Journal the originals of ``changes`` (state ``planned``); nothing in the project is touched yet.

    ``git``, for a bump that will commit, says from which commit (``head``) and what follows (the
    tag, the push): recovery then knows that the new contents were only ever meant to be committed.
    """
    folder = journal_folder(root)
    existing = pending(root)
    if existing is not None:
        raise pending_error(existing)
    files = []
    for index, change in enumerate(changes):
        path = root / change.path
        current = path.read_bytes()
        if current != change.before:
            raise ReleasekitError(
                f"{change.path} changed while the bump was being planned",
                category=Category.VALIDATION,
                hint="run the bump again",
            )
        files.append(
            JournalFile(
                path=change.path,
                mode=stat.S_IMODE(path.stat().st_mode),
                before=f"{index}.before",
                after=f"{index}.after",
                sha256_before=digest(change.before),
                sha256_after=digest(change.after),
            )
        )
    import shutil  # noqa: PLC0415

    for leftover in (folder, retired_folder(folder)):
        if leftover.exists():  # an empty journal without a manifest, or one an interruption left half-deleted
            shutil.rmtree(leftover)
    folder.mkdir(parents=True)
    for entry, change in zip(files, changes, strict=True):
        for name, data in ((entry.before, change.before), (entry.after, change.after)):
            with (folder / name).open("wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
    manifest = Manifest(str(root.resolve()), old, new, tuple(files), operation=operation, git=git)
    transaction = Transaction(root, folder, manifest, on_step)
    save_manifest(folder, manifest)
    try:
        transaction._step("planned")
    except BaseException:
        retire_journal(folder)  # nothing in the project was touched yet
        raise
    return transaction
