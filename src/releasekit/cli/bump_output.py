"""Rendering what `bump` did, would do, or recovered, as the command line prints it."""

from __future__ import annotations

from typing import TextIO

from releasekit._util.wording import plural
from releasekit.bump.engine import BumpResult
from releasekit.bump.journal_recovery import Recovery


def _summary(result: BumpResult) -> str:
    plan = result.plan
    if not plan.changes:  # a tag-versioned project whose files hold no version
        verb = "released" if result.applied else "would release"
        dry = "" if result.applied else " (dry run: nothing tagged)"
        return f"releasekit: {verb} {plan.old} \u2192 {plan.new} as a tag alone: no file holds the version{dry}"
    files = len({reference.path for reference in plan.references})
    counted = f"{plural(len(plan.references), 'reference')} in {plural(files, 'file')}"
    if not result.applied:
        return f"releasekit: would bump {plan.old} \u2192 {plan.new}: {counted} (dry run: nothing written)"
    return f"releasekit: bumped {plan.old} \u2192 {plan.new}: {counted}, verified"


def write_result(result: BumpResult, stream: TextIO) -> None:
    plan = result.plan
    if not result.applied:
        stream.write(plan.diff())
    verb = "fixed" if result.applied else "would fix"
    for reference in plan.fixed_stale:
        stream.write(
            f"{reference.path}:{reference.line}:{reference.column}: {verb} stale version "
            f"{reference.value} \u2192 {plan.new} ({reference.kind})\n"
        )
    moved = "moved" if result.applied else "would move"
    for pin in plan.lockstep:
        reference = pin.reference
        stream.write(
            f"{reference.path}:{reference.line}:{reference.column}: {moved} {pin.requirement}{reference.text} "
            f"\u2192 {plan.new_text or plan.new} ({reference.kind}: {pin.reason})\n"
        )
    stream.write(_summary(result) + "\n")
    if plan.changelog is not None and plan.changelog.released:
        released = "released" if result.applied else "would release"
        stream.write(f"releasekit: {plan.changelog.path}: {released} the Unreleased section as {plan.new}\n")
    elif plan.changelog is not None:
        moved = "moved" if result.applied else "would move"
        stream.write(
            f"releasekit: {plan.changelog.path}: no Unreleased section; {moved} the [Unreleased] compare link "
            f"on to {plan.new} (the release notes are yours to write)\n"
        )
    if result.gate:
        stream.write(f"releasekit: verify-command passed: {result.gate}\n")
    if result.commit is not None:
        stream.write(f"releasekit: committed {result.commit[:12]}\n")
    elif plan.tag_versioned and not result.applied and plan.changes:
        stream.write(
            f"releasekit: the release is the tag after the commit (the version comes from {plan.previous_tag})\n"
        )
    if result.tag is not None:
        stream.write(f"releasekit: tagged {result.tag}\n")
    if result.pushed_to is not None:
        stream.write(f"releasekit: pushed to {result.pushed_to}\n")


def write_recovery(recovery: Recovery, stream: TextIO) -> None:
    for note in recovery.notes:
        stream.write(f"releasekit: {note}\n")
    files = plural(len(recovery.paths), "file")
    what = f"the sync to {recovery.new}" if recovery.operation == "sync" else f"the bump to {recovery.new}"
    if recovery.action == "cleared":
        commit = f" (release commit {recovery.commit[:12]})" if recovery.commit else ""
        stream.write(f"releasekit: {what} had finished{commit}; cleared the journal it left behind\n")
    elif recovery.action == "pushed":
        stream.write(
            f"releasekit: the release commit {str(recovery.commit)[:12]} of {what} was made; its push was still owed\n"
        )
    elif recovery.action == "committed":
        stream.write(
            f"releasekit: the release commit {str(recovery.commit)[:12]} of {what} landed "
            f"before the interruption; kept its {files} and cleared the journal\n"
        )
    elif recovery.action == "uncommitted":
        unstaged = f" and unstaged {plural(len(recovery.unstaged), 'file')}" if recovery.unstaged else ""
        restored = f"restored {files} to {recovery.old}" if recovery.paths else "nothing had been written"
        stream.write(f"releasekit: {restored}{unstaged} ({what} was interrupted before its release commit landed)\n")
    elif recovery.action == "finished":
        # Verified, the commit not begun: bump made no commit, though the person may have since.
        stream.write(
            f"releasekit: finished {what}: every file was written and verified "
            f"({files}); `git status` and `git log` show whether it was committed\n"
        )
    elif recovery.paths:
        to_old = "" if recovery.operation == "sync" else f" to {recovery.old}"
        stream.write(f"releasekit: restored {files}{to_old} ({what} was interrupted)\n")
    else:
        stream.write(f"releasekit: nothing had been written ({what} was interrupted); cleared its journal\n")
    for done in recovery.done:
        stream.write(f"releasekit: {done}\n")
    for command in recovery.to_do:
        stream.write(f"releasekit: still to do: {command}\n")
