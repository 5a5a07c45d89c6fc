"""Git locks left by a git process killed with the bump (``index.lock``, a ref's ``.lock``): tell them from held ones.

git creates ``index.lock`` to change the index (``refs/tags/v1.2.4.lock`` to make a tag,
``HEAD.lock``, ``packed-refs.lock``…) and renames it over the real file when done; a git killed
in between leaves it, and every later git command that needs it fails with "Unable to create
….lock". Whether a live git holds one is read from ``/proc`` (a ``git`` process working in this
repository, or one with the lock open); where there is no ``/proc`` it cannot be told, and the
person gets the exact command instead.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import NamedTuple

from releasekit.errors import Category, ReleasekitError
from releasekit.git.plumbing import common_git_dir, find_git_dir

_PROC = Path("/proc")


class LockHolder(NamedTuple):
    """A live process that may hold the lock."""

    pid: int
    command: str


def index_lock(root: Path) -> Path | None:
    """The index lock of the repository holding ``root``, when it exists."""
    locks = git_locks(root)
    return next((lock for lock in locks if lock.name == "index.lock"), None)


def git_locks(root: Path) -> list[Path]:
    """Every lock a release's git commands take, that exists: the index, HEAD, packed refs, branches, tags."""
    git_dir = find_git_dir(root.resolve())
    if git_dir is None:
        return []
    common = common_git_dir(git_dir)
    candidates = [git_dir / "index.lock", git_dir / "HEAD.lock", common / "packed-refs.lock"]
    for folder in (common / "refs" / "heads", common / "refs" / "tags"):
        if folder.is_dir():
            candidates += sorted(folder.rglob("*.lock"))
    return [lock for lock in candidates if lock.exists()]


def lock_holders(lock: Path, work_tree: Path, *, proc: Path = _PROC) -> list[LockHolder] | None:
    """The live git processes in ``work_tree`` (or with ``lock`` open); None when this system cannot say."""
    if not (proc / "self" / "cwd").exists():
        return None
    places = (work_tree.resolve(), lock.parent.resolve())
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
            in_repository = command.startswith("git") and _inside((entry / "cwd").readlink(), places)
            if in_repository or _has_open(entry, lock):
                found.append(LockHolder(int(entry.name), _command_line(entry) or command))
        except OSError:  # gone meanwhile, a zombie, or another user's process
            continue
    return found


def _inside(folder: Path, places: tuple[Path, ...]) -> bool:
    return any(folder == place or place in folder.parents for place in places)


def _has_open(entry: Path, lock: Path) -> bool:
    target = str(lock)
    return any(str(descriptor.readlink()) == target for descriptor in (entry / "fd").iterdir())


def _command_line(entry: Path) -> str:
    arguments = (entry / "cmdline").read_bytes().split(b"\0")
    return " ".join(argument.decode("utf-8", "replace") for argument in arguments if argument)


def release_stale_lock(root: Path, *, proc: Path = _PROC) -> tuple[str, ...]:
    """Remove the git locks no live git holds; a note for each (none when there was no lock).

    Raises when a live git process may hold them (wait for it), or when that cannot be told (the
    hint is the exact command to remove them).
    """
    locks = git_locks(root)
    if not locks:
        return ()
    git_dir = find_git_dir(root.resolve())
    work_tree = git_dir.parent if git_dir is not None and git_dir.name == ".git" else root
    holders = lock_holders(locks[0], work_tree, proc=proc)
    again = "then run `releasekit bump --recover` again"
    named = ", ".join(str(lock) for lock in locks)
    if holders is None:
        raise ReleasekitError(
            f"{named} exist{'s' if len(locks) == 1 else ''}, and this system cannot tell whether a git process "
            "still holds it",
            category=Category.GIT,
            hint="if no git command is running in this repository, remove "
            f"{'it' if len(locks) == 1 else 'them'} (`rm -f {shlex.join(str(lock) for lock in locks)}`), " + again,
        )
    if holders:
        listed = ", ".join(f"pid {holder.pid}: {holder.command}" for holder in holders)
        raise ReleasekitError(
            f"a git process still works in this repository and may hold {named} ({listed})",
            category=Category.GIT,
            hint=f"wait for it to end, {again}",
        )
    for lock in locks:
        lock.unlink(missing_ok=True)
    return tuple(
        f"removed {lock}: a git process that was killed left it, and no git process holds it" for lock in locks
    )
