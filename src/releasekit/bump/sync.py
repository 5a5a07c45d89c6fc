"""`sync`: rewrite every stale reference to the canonical version, through the bump's journal; never commits.

A maintainer who edits the version by hand (``version = "1.2.4"``) has every other reference
stale. ``sync`` respells each stale reference as the canonical version, in its own spelling,
touches no other byte and no other reference (a Sphinx ``conf.py`` still naming the latest
release during development stays), writes through the same journal and atomic writes as a
bump, verifies with discovery from disk, and leaves committing to the person (or pre-commit).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import NamedTuple

from packaging.version import Version

from releasekit.bump.journal import pending, pending_error
from releasekit.bump.rewrite import apply_edits, edits_for
from releasekit.bump.transaction import FileChange, Step, StepHook, begin
from releasekit.errors import Category, ReleasekitError
from releasekit.references.check import CheckResult, check_project
from releasekit.references.discovery import VersionReference
from releasekit.references.judge import stale_finding


class SyncResult(NamedTuple):
    """What ``sync`` rewrote (or, in a dry run, would): each stale reference and the files' new bytes."""

    version: Version
    fixed: tuple[VersionReference, ...]
    changes: tuple[FileChange, ...]
    applied: bool

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(change.path for change in self.changes)


def plan_sync(root: Path) -> tuple[SyncResult, CheckResult]:
    """Every stale reference's new file contents, in memory; the project is not touched."""
    journal = pending(root)
    if journal is not None:
        raise pending_error(journal)
    result = check_project(root)
    version = result.canonical.version
    stale = {(item.reference.path, item.reference.line, item.reference.column) for item in result.stale}
    # Every reference goes in (a tuple needs to know its `_dev` counter), only the stale ones are edited.
    edits = {
        path: kept
        for path, in_file in edits_for([item.reference for item in result.judged], version, version).items()
        if (kept := [edit for edit in in_file if (path, edit.line, edit.column) in stale])
    }
    changes = []
    for path, in_file in sorted(edits.items()):
        before = (root / path).read_bytes()
        changes.append(FileChange(path, before, apply_edits(path, before, in_file)))
    fixed = tuple(item.reference for item in result.stale)
    return SyncResult(version, fixed, tuple(changes), applied=False), result


def sync(root: Path, *, dry_run: bool = False, on_step: StepHook | None = None) -> SyncResult:
    """Rewrite every stale reference of ``root`` to the canonical version; all or nothing, verified."""
    planned, before = plan_sync(root)
    if dry_run or not planned.changes:
        return planned
    version = str(planned.version)
    transaction = begin(root, planned.changes, old=version, new=version, on_step=on_step, operation="sync")
    transaction.write()
    try:
        _step(on_step, "verify")
        _verify(root, planned, before)
        transaction.mark_verified()
        transaction.finish()
    except BaseException:
        if transaction.state != "done":
            transaction.restore_quietly()
        raise
    return planned._replace(applied=True)


def _step(on_step: StepHook | None, name: str) -> None:
    if on_step is not None:
        on_step(Step(name))


def _verify(root: Path, planned: SyncResult, before: CheckResult) -> None:
    """Discovery again, from disk: the same canonical version, every reference kept, none stale."""
    after = check_project(root, use_cache=False)
    problems = []
    if after.canonical.version != planned.version:
        problems.append(f"the canonical version reads {after.canonical.version}, not {planned.version}")
    counted_before = Counter(item.reference.path for item in before.judged)
    counted_after = Counter(item.reference.path for item in after.judged)
    for path in sorted(set(counted_before) | set(counted_after)):
        if counted_before[path] != counted_after[path]:
            problems.append(f"{path} held {counted_before[path]} references, now {counted_after[path]}")
    if after.stale:
        problems.append(f"{len(after.stale)} still stale after writing")
    if problems:
        raise ReleasekitError(
            "sync verification failed after writing: " + "; ".join(problems),
            category=Category.VALIDATION,
            hint="every file was restored; please report this as a releasekit bug",
            findings=[stale_finding(item.reference, after.canonical.version) for item in after.stale],
        )
