"""All-or-nothing file writes for a bump: a journal of the originals, atomic renames, restore and recovery.

The journal lives in ``<git dir>/releasekit/bump-journal/`` (``.releasekit-journal/`` in the
project when it is not in git, which discovery never reads). It holds every original file's bytes
and mode and a state that only moves forward: planned → writing → written → verified →
committing → done. Each state change is an atomic rename, so an interrupted bump (Ctrl-C,
``kill -9``, power loss) always leaves a journal that says what to do: restore the originals, or,
once the new contents were written and verified, keep them. ``committing`` also records the
commit the bump started from, so that recovery can ask git whether the release commit landed
(see ``bump_recovery``); ``done`` records the release commit.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from releasekit.errors import Category, ReleasekitError
from releasekit.tracked_files import find_git_dir

STATES = ("planned", "writing", "written", "verified", "committing", "done")
JOURNAL_FOLDER = "bump-journal"
OUTSIDE_GIT_FOLDER = ".releasekit-journal"
MANIFEST = "journal.json"
# Set for the bump's own gate and git hooks: a `releasekit check` they run is part of the bump, not after a crash.
IN_PROGRESS_VARIABLE = "RELEASEKIT_BUMP_JOURNAL"
RECOVER_HINT = "run `releasekit bump --recover` to restore the files (or finish a verified bump)"


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


class Recovery(NamedTuple):
    """What recovery did.

    ``action``: ``restored`` the originals, ``finished`` a verified bump (kept its files), or
    ``cleared`` the journal a finished bump left behind; after an interrupted commit
    (``bump_recovery``), ``uncommitted`` (restored, and ``unstaged`` what was staged) or
    ``committed`` (the release ``commit`` landed; ``to_do`` holds the commands still to run).
    """

    action: str
    old: str
    new: str
    paths: tuple[str, ...]
    unstaged: tuple[str, ...] = ()
    commit: str | None = None
    to_do: tuple[str, ...] = ()


def journal_folder(root: Path) -> Path:
    """Where a bump of ``root`` keeps its journal."""
    git_dir = find_git_dir(root.resolve())
    if git_dir is None:
        return root / OUTSIDE_GIT_FOLDER
    return git_dir / "releasekit" / JOURNAL_FOLDER


def _digest(data: bytes) -> str:
    import hashlib  # noqa: PLC0415 - `check` asks for pending journals; it never hashes

    return hashlib.sha256(data).hexdigest()


def _fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a platform that cannot open folders (Windows)
        return
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _temporary_name(path: Path) -> Path:
    # One fixed name per file, so recovery can remove a temporary file a crash left behind.
    return path.with_name(f".{path.name}.releasekit-tmp")


def write_atomically(path: Path, data: bytes, mode: int) -> None:
    """Write a sibling temporary file, flush and fsync it, give it ``mode``, rename it over ``path``."""
    temporary = _temporary_name(path)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _read_manifest(folder: Path) -> dict[str, Any] | None:
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
    document = _read_manifest(folder)
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


class Transaction:
    """The journal of one bump and the files it covers."""

    def __init__(self, root: Path, folder: Path, document: dict[str, Any], on_step: StepHook | None) -> None:
        self.root = root
        self.folder = folder
        self.document = document
        self.on_step = on_step

    @property
    def state(self) -> str:
        return str(self.document["state"])

    def _step(self, name: str, path: str = "") -> None:
        if self.on_step is not None:
            self.on_step(Step(name, path))

    def _save(self, state: str) -> None:
        self.document["state"] = state
        manifest = self.folder / MANIFEST
        temporary = self.folder / f".{MANIFEST}.tmp"
        with temporary.open("w", encoding="utf-8") as stream:
            import json  # noqa: PLC0415

            json.dump(self.document, stream, indent=2)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(manifest)
        _fsync_folder(self.folder)

    def write(self) -> None:
        """Write every file's new contents; on any failure the originals are put back before raising."""
        try:
            self._save("writing")
            self._step("writing")
            for entry in self.document["files"]:
                path = self.root / entry["path"]
                self._step("write", entry["path"])
                after = (self.folder / entry["after"]).read_bytes()
                write_atomically(path, after, entry["mode"])
                self._step("written", entry["path"])
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
        """The new contents passed verification: from here on, recovery keeps them."""
        self._save("verified")
        self._step("verified")

    def mark_committing(self, git: Mapping[str, Any]) -> None:
        """The release commit is about to be made; ``git`` says from which commit (``head``) and what follows."""
        self.document["git"] = dict(git)
        self._save("committing")

    def finish(self, commit: str | None = None) -> None:
        """The bump is complete (its release ``commit``, if it made one): drop the journal."""
        if commit is not None:
            self.document["commit"] = commit
        self._save("done")
        self._step("done")
        _remove(self.folder)

    def restore(self) -> tuple[str, ...]:
        """Put every original back (atomically, with its mode), then drop the journal."""
        restored = _restore(self.root, self.folder, self.document)
        _remove(self.folder)
        return restored


def _remove(folder: Path) -> None:
    # The manifest goes first: once it is gone no bump is pending, whatever else remains.
    (folder / MANIFEST).unlink()
    _fsync_folder(folder)
    import shutil  # noqa: PLC0415

    shutil.rmtree(folder)


def _restore(root: Path, folder: Path, document: dict[str, Any]) -> tuple[str, ...]:
    restored = []
    for entry in document["files"]:
        path = root / entry["path"]
        original = (folder / entry["before"]).read_bytes()
        _temporary_name(path).unlink(missing_ok=True)
        try:
            current = path.read_bytes()
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            current, mode = None, -1
        if current != original or mode != entry["mode"]:
            write_atomically(path, original, entry["mode"])
            restored.append(entry["path"])
    return tuple(restored)


def begin(
    root: Path, changes: Sequence[FileChange], *, old: str, new: str, on_step: StepHook | None = None
) -> Transaction:
    """Journal the originals of ``changes`` (state ``planned``); nothing in the project is touched yet."""
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
        mode = stat.S_IMODE(path.stat().st_mode)
        files.append(
            {
                "path": change.path,
                "mode": mode,
                "before": f"{index}.before",
                "after": f"{index}.after",
                "sha256_before": _digest(change.before),
                "sha256_after": _digest(change.after),
            }
        )
    if folder.exists():
        import shutil  # noqa: PLC0415

        shutil.rmtree(folder)  # an empty leftover without a manifest: no bump is pending
    folder.mkdir(parents=True)
    for entry, change in zip(files, changes, strict=True):
        for name, data in ((entry["before"], change.before), (entry["after"], change.after)):
            with (folder / str(name)).open("wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
    document: dict[str, Any] = {"format": 1, "root": str(root.resolve()), "old": old, "new": new, "files": files}
    transaction = Transaction(root, folder, document, on_step)
    transaction._save("planned")
    try:
        transaction._step("planned")
    except BaseException:
        _remove(folder)  # nothing in the project was touched yet
        raise
    return transaction


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
    document = _read_manifest(journal.folder) or {}
    for entry in document.get("files", ()):
        try:
            current = (journal.root / entry["path"]).read_bytes()
        except OSError:
            return False
        if _digest(current) != entry["sha256_after"]:
            return False
    return bool(document)


def clear(journal: PendingJournal) -> None:
    """Drop the journal of a bump that needs nothing more; temporary files a crash left go too."""
    for path in journal.paths:
        _temporary_name(journal.root / path).unlink(missing_ok=True)
    _remove(journal.folder)


def recover(root: Path, *, keep: bool | None = None) -> Recovery:
    """Finish a verified bump, or restore every original of an unfinished one.

    ``keep`` overrides what the state decides: True keeps the new contents, False restores.
    """
    journal = recoverable(root)
    if journal.state == "done":
        clear(journal)
        return Recovery("cleared", journal.old, journal.new, journal.paths, commit=journal.commit)
    keeps = journal.state in ("verified", "committing") if keep is None else keep
    if keeps:
        clear(journal)
        return Recovery("finished", journal.old, journal.new, journal.paths)
    document = _read_manifest(journal.folder) or {}
    restored = _restore(root, journal.folder, document)
    _remove(journal.folder)
    return Recovery("restored", journal.old, journal.new, restored)
