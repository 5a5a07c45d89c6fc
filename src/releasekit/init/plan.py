"""`releasekit init` as a plan: every file's text before and after, computed before anything is written."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import NamedTuple

from releasekit._util.atomic_write import write_atomically
from releasekit.init.detect import Detected, detect
from releasekit.init.gitignore import FILE as GITIGNORE_FILE
from releasekit.init.gitignore import add_ignores
from releasekit.init.pre_commit_config import FILE as PRE_COMMIT_FILE
from releasekit.init.pre_commit_config import add_hooks
from releasekit.init.releasekit_table import add_table
from releasekit.init.source import Source
from releasekit.init.templates import PUBLISH_WORKFLOW, STATUS_WORKFLOW, publish_workflow, status_workflow
from releasekit.init.tox_config import edit_tox

WORKFLOWS = ".github/workflows"


class Change(NamedTuple):
    """One file: its text before (None: absent) and after, and what happened to it, in words."""

    path: str
    before: str | None
    after: str
    note: str

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        before = [] if self.before is None else self.before.splitlines(keepends=True)
        after = self.after.splitlines(keepends=True)
        old = "/dev/null" if self.before is None else f"a/{self.path}"
        return "".join(difflib.unified_diff(before, after, old, f"b/{self.path}"))


class Plan(NamedTuple):
    root: Path
    source: Source
    detected: Detected
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()


def _read(path: Path) -> str | None:
    try:
        # Bytes, then text: line endings stay as the file has them.
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None


def _whole_file(path: str, before: str | None, wanted: str) -> Change:
    """A file releasekit owns whole: created when absent, never overwritten when it differs."""
    if before is None:
        return Change(path, None, wanted, "created")
    if before == wanted:
        return Change(path, before, before, "unchanged")
    return Change(path, before, before, "kept: it differs from releasekit's (your edits stay)")


def _edited(path: str, before: str | None, after: str, what: str) -> Change:
    if before is None:
        return Change(path, None, after, "created")
    return Change(path, before, after, f"updated: {what}" if after != before else "unchanged")


def make_plan(root: Path, source: Source) -> Plan:
    """Every change `init` makes to the project at ``root`` (nothing is written)."""
    detected = detect(root)
    pre_commit_before = _read(root / PRE_COMMIT_FILE)
    changes = [
        _edited(PRE_COMMIT_FILE, pre_commit_before, add_hooks(pre_commit_before, source), "added releasekit's hooks")
    ]
    tox = edit_tox(root, source)
    sections = ", ".join(f"[testenv:{name}]" for name in tox.added)
    pyproject_before = _read(root / "pyproject.toml")
    pyproject_after = tox.after if tox.path == "pyproject.toml" else pyproject_before
    if tox.path != "pyproject.toml":
        changes.append(_edited(tox.path, tox.before, tox.after, f"added {sections}"))
    notes = []
    if pyproject_before is None:
        notes.append("pyproject.toml: none, so no [tool.releasekit] table (every setting has a default)")
    if pyproject_before is not None and pyproject_after is not None:
        with_table = add_table(pyproject_after, detected)
        done = [f"added {sections}"] if tox.path == "pyproject.toml" and tox.added else []
        if with_table != pyproject_after:
            done.append("added [tool.releasekit]")
        changes.append(_edited("pyproject.toml", pyproject_before, with_table, " and ".join(done)))
    gitignore = _read(root / GITIGNORE_FILE)
    changes.append(_edited(GITIGNORE_FILE, gitignore, add_ignores(gitignore), "added the folders releasekit writes"))
    for name, text in (
        (PUBLISH_WORKFLOW, publish_workflow(source, detected.tag_name)),
        (STATUS_WORKFLOW, status_workflow(source)),
    ):
        path = f"{WORKFLOWS}/{name}"
        changes.append(_whole_file(path, _read(root / path), text))
    return Plan(root, source, detected, tuple(changes), tuple(notes))


def apply(plan: Plan) -> None:
    """Write every changed file (atomically, one by one), creating folders as needed."""
    for change in plan.changes:
        if not change.changed:
            continue
        path = plan.root / change.path
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
        write_atomically(path, change.after.encode("utf-8"), mode)
