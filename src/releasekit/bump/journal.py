"""The bump journal on disk: where it lives, its manifest (one frozen, versioned type), whether a bump is unfinished.

The journal lives in ``<git dir>/releasekit/bump-journal/`` (``.releasekit-journal/`` in the
project when it is not in git, which discovery never reads). It holds every original file's bytes
and mode and a state that only moves forward: planned → writing → written → verified →
committing → done. A bump that will commit records, from the start, the commit it starts from
and what follows it (``GitRecord``: the tag, the exact push command), so that recovery can ask
git whether the release commit landed (see ``recovery``); ``done`` records the release commit,
and the journal stays while the push is owed (``Manifest.push_owed``). ``releasekit check``
imports this module to refuse a half-bumped tree, so it stays small and imports ``json`` only
when a journal exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from releasekit.errors import Category, ReleasekitError
from releasekit.git.plumbing import find_git_dir

STATES = ("planned", "writing", "written", "verified", "committing", "done")
FORMAT = 2
_READABLE_FORMATS = (1, 2)  # format 1 (releasekit 0.1): the same keys, no `operation`
JOURNAL_FOLDER = "bump-journal"
OUTSIDE_GIT_FOLDER = ".releasekit-journal"
RETIRED_SUFFIX = ".retired"  # a journal renamed away to be deleted: never pending
MANIFEST = "journal.json"
# Set for the bump's own gate and git hooks: a `releasekit check` they run is part of the bump, not after a crash.
IN_PROGRESS_VARIABLE = "RELEASEKIT_BUMP_JOURNAL"
RECOVER_HINT = "run `releasekit bump --recover` to restore the files (or finish a verified bump)"


# NamedTuples, not dataclasses: `check` reads the journal on every commit, and dataclasses imports
# inspect (several milliseconds).
class JournalFile(NamedTuple):
    """One file the bump changes: its mode, where its two contents are kept, and their digests."""

    path: str
    mode: int
    before: str
    after: str
    sha256_before: str
    sha256_after: str


class GitRecord(NamedTuple):
    """What follows the release commit: the commit it starts from (``head``), the tag, the exact push command.

    ``remote`` and ``remote_branch`` name the remote-tracking ref a landed push updates (empty
    when the push goes to a URL), so that ``check`` can see a push that landed without asking
    the network.
    """

    head: str
    tag: str | None = None
    tag_message: str = ""
    push: tuple[str, ...] = ()
    remote: str = ""
    remote_branch: str = ""


class Manifest(NamedTuple):
    """Everything the journal says, written as ``journal.json`` (``to_json`` / ``from_json``)."""

    root: str
    old: str
    new: str
    files: tuple[JournalFile, ...]
    state: str = "planned"
    operation: str = "bump"  # or "sync": rewrote stale references to the canonical version, no git
    git: GitRecord | None = None
    commit: str | None = None
    format: int = FORMAT

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(entry.path for entry in self.files)

    @property
    def push_owed(self) -> bool:
        """The release is made (its commit, its tag) and the push has not been seen to land."""
        return self.state == "done" and bool(self.git and self.git.push)

    def moved_to(self, state: str, **changes: Any) -> Manifest:
        """This manifest in a later ``state`` (states only move forward)."""
        if STATES.index(state) < STATES.index(self.state):
            raise ValueError(f"the journal cannot go back from {self.state} to {state}")
        return self._replace(state=state, **changes)

    def describe(self) -> str:
        if self.operation == "sync":
            return f"the sync of stale references to {self.new}"
        return f"the bump from {self.old} to {self.new}"

    def to_json(self) -> str:
        import json  # noqa: PLC0415

        document = {
            **self._asdict(),
            "files": [entry._asdict() for entry in self.files],
            "git": None if self.git is None else {**self.git._asdict(), "push": list(self.git.push)},
        }
        return json.dumps(document, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """The manifest ``text`` holds; ``ValueError`` when it is not one this releasekit can read."""
        import json  # noqa: PLC0415

        document = json.loads(text)
        if not isinstance(document, dict):
            raise ValueError("the manifest is not a JSON object")
        if document.get("format") not in _READABLE_FORMATS:
            raise ValueError(f"unknown journal format {document.get('format')!r}")
        try:
            git = document.get("git")
            return cls(
                root=str(document["root"]),
                old=str(document["old"]),
                new=str(document["new"]),
                files=tuple(JournalFile(**entry) for entry in document["files"]),
                state=_state(document["state"]),
                operation=str(document.get("operation", "bump")),
                git=None if git is None else _git_record(git),
                commit=document.get("commit"),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"the manifest lacks or misspells {exc}") from exc


def _state(value: object) -> str:
    if value not in STATES:
        raise ValueError(f"unknown journal state {value!r}")
    return str(value)


def _git_record(document: Mapping[str, Any]) -> GitRecord:
    return GitRecord(
        head=str(document["head"]),
        tag=document.get("tag"),
        tag_message=str(document.get("tag_message", "")),
        push=tuple(document.get("push") or ()),
        remote=str(document.get("remote", "")),
        remote_branch=str(document.get("remote_branch", "")),
    )


class PendingJournal(NamedTuple):
    """An unfinished bump found on disk: its folder and its manifest."""

    folder: Path
    manifest: Manifest

    @property
    def root(self) -> Path:
        return Path(self.manifest.root)

    @property
    def state(self) -> str:
        return self.manifest.state

    @property
    def old(self) -> str:
        return self.manifest.old

    @property
    def new(self) -> str:
        return self.manifest.new

    @property
    def paths(self) -> tuple[str, ...]:
        return self.manifest.paths

    @property
    def git(self) -> GitRecord | None:
        return self.manifest.git

    @property
    def commit(self) -> str | None:
        return self.manifest.commit


def journal_folder(root: Path) -> Path:
    """Where a bump of ``root`` keeps its journal."""
    git_dir = find_git_dir(root.resolve())
    if git_dir is None:
        return root / OUTSIDE_GIT_FOLDER
    return git_dir / "releasekit" / JOURNAL_FOLDER


def read_manifest(folder: Path) -> Manifest | None:
    try:
        text = (folder / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None  # the everyday case of every `check`: no journal, and no json import
    except OSError as exc:
        raise _unreadable(folder, exc) from exc
    try:
        return Manifest.from_json(text)
    except ValueError as exc:
        raise _unreadable(folder, exc) from exc


def _unreadable(folder: Path, exc: Exception) -> ReleasekitError:
    return ReleasekitError(
        f"the bump journal {folder / MANIFEST} is unreadable: {exc}",
        category=Category.VALIDATION,
        hint=f"restore the files by hand from {folder}, then delete that folder",
    )


def pending(root: Path) -> PendingJournal | None:
    """The unfinished bump of the repository (or folder) holding ``root``, if any."""
    folder = journal_folder(root)
    manifest = read_manifest(folder)
    return None if manifest is None else PendingJournal(folder, manifest)


def interrupted(root: Path, environ: Mapping[str, str]) -> PendingJournal | None:
    """The pending bump of ``root``, unless the caller runs inside that very bump (its gate or a git hook)."""
    journal = pending(root)
    if journal is None or environ.get(IN_PROGRESS_VARIABLE) == str(journal.folder):
        return None
    return journal


def push_command(manifest: Manifest) -> str:
    """The exact command that pushes the release, as a person would type it."""
    import shlex  # noqa: PLC0415

    return shlex.join(manifest.git.push) if manifest.git else ""


def pending_error(journal: PendingJournal) -> ReleasekitError:
    """The error every command gives while a bump waits for recovery."""
    manifest = journal.manifest
    if manifest.push_owed:
        tagged = f" and tagged {manifest.git.tag}" if manifest.git and manifest.git.tag else ""
        return ReleasekitError(
            f"the release {manifest.new} is committed{tagged}, but its push has not landed; "
            f"push it with: {push_command(manifest)}",
            category=Category.VALIDATION,
            hint="run `releasekit bump --recover` to push it and clear the journal "
            "(`releasekit bump --recover --no-push` clears it without pushing)",
        )
    if manifest.state == "done":
        return ReleasekitError(
            f"{manifest.describe()} finished, but its journal was left behind",
            category=Category.VALIDATION,
            hint="run `releasekit bump --recover` to clear it; nothing needs restoring",
        )
    count = len(manifest.files)
    return ReleasekitError(
        f"{manifest.describe().replace('the ', 'a ', 1)} was interrupted ({manifest.state}); "
        f"{count} file{'' if count == 1 else 's'} may be half-bumped",
        category=Category.VALIDATION,
        hint=RECOVER_HINT,
    )
