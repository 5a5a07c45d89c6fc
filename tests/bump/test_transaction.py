"""The bump's transaction: journal, atomic writes, modes, restore, and recovery after a real crash."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from releasekit.bump.journal import OUTSIDE_GIT_FOLDER, journal_folder, pending
from releasekit.bump.journal_recovery import Recovery, recover
from releasekit.bump.transaction import Step, begin
from releasekit.errors import Category, ReleasekitError
from releasekit.project.files import list_files
from tests.helpers.bump_projects import FILES, NEW, changes, make_project, snapshot


@pytest.mark.parametrize("in_git", [True, False], ids=["git", "no-git"])
def test_write_and_finish_keep_modes_and_leave_no_journal(tmp_path: Path, in_git: bool) -> None:
    root = make_project(tmp_path / "project", in_git=in_git)
    before = snapshot(root)
    steps: list[Step] = []
    transaction = begin(root, changes(root), old="1.0.0", new="1.1.0", on_step=steps.append)
    assert pending(root) is not None
    journal = pending(root)
    assert journal is not None
    assert (journal.folder, journal.root, journal.state, journal.old, journal.new, journal.paths) == (
        journal_folder(root),
        root.resolve(),
        "planned",
        "1.0.0",
        "1.1.0",
        tuple(sorted(FILES)),
    )
    assert (journal.git, journal.commit, journal.manifest.operation) == (None, None, "bump")
    transaction.write()
    transaction.mark_verified()
    transaction.finish()
    assert pending(root) is None
    assert snapshot(root) == {path: (NEW[path], mode) for path, (_, mode) in before.items()}
    assert stat.S_IMODE((root / "bin/release.sh").stat().st_mode) == 0o755
    names = [step.name + (f" {step.path}" if step.path else "") for step in steps]
    assert names == [
        "planned",
        "writing",
        "write bin/release.sh",
        "written bin/release.sh",
        "write pyproject.toml",
        "written pyproject.toml",
        "write src/pkg/__init__.py",
        "written src/pkg/__init__.py",
        "all-written",
        "verified",
        "done",
    ]


def test_journal_lives_in_git_or_in_a_hidden_folder_discovery_never_lists(tmp_path: Path) -> None:
    in_git = make_project(tmp_path / "git", in_git=True)
    assert journal_folder(in_git) == in_git / ".git" / "releasekit" / "bump-journal"
    outside = make_project(tmp_path / "plain", in_git=False)
    assert journal_folder(outside) == outside / OUTSIDE_GIT_FOLDER
    begin(outside, changes(outside), old="1.0.0", new="1.1.0")
    manifest = json.loads((outside / OUTSIDE_GIT_FOLDER / "journal.json").read_text(encoding="utf-8"))
    assert manifest["state"] == "planned"
    assert [entry["mode"] for entry in manifest["files"]] == [0o755, 0o644, 0o640]
    assert sorted(path for path, _ in list_files(outside).records()) == sorted(FILES)


@pytest.mark.parametrize(
    "failing_step",
    [
        "writing",
        "write bin/release.sh",
        "written bin/release.sh",
        "write pyproject.toml",
        "written src/pkg/__init__.py",
    ],
)
def test_a_failure_while_writing_restores_every_file(tmp_path: Path, failing_step: str) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    before = snapshot(root)

    def fail(step: Step) -> None:
        if " ".join(filter(None, step)) == failing_step:
            raise OSError(28, "No space left on device")

    transaction = begin(root, changes(root), old="1.0.0", new="1.1.0", on_step=fail)
    with pytest.raises(OSError, match="No space left"):
        transaction.write()
    assert snapshot(root) == before
    assert pending(root) is None


def test_a_second_bump_waits_for_recovery(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    begin(root, changes(root), old="1.0.0", new="1.1.0")
    with pytest.raises(ReleasekitError) as caught:
        begin(root, changes(root), old="1.0.0", new="1.2.0")
    assert caught.value.message == ("a bump from 1.0.0 to 1.1.0 was interrupted (planned); 3 files may be half-bumped")
    assert caught.value.hint.startswith("run `releasekit bump --recover`")


def test_planning_refuses_a_file_that_changed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", in_git=False)
    planned = changes(root)
    (root / "pyproject.toml").write_text("edited meanwhile\n", encoding="utf-8")
    with pytest.raises(ReleasekitError, match=r"pyproject\.toml changed while the bump was being planned"):
        begin(root, planned, old="1.0.0", new="1.1.0")
    assert pending(root) is None


def test_recover_without_a_journal_and_from_another_project(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    with pytest.raises(ReleasekitError, match="no interrupted bump to recover") as caught:
        recover(root)
    assert caught.value.category is Category.USAGE
    begin(root, changes(root), old="1.0.0", new="1.1.0")
    (root / "sub").mkdir()
    with pytest.raises(ReleasekitError, match="belongs to the project in") as caught:
        recover(root / "sub")
    assert caught.value.hint == f"run `releasekit bump --recover` in {root.resolve()}"


def test_an_unreadable_journal_says_where_the_originals_are(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    begin(root, changes(root), old="1.0.0", new="1.1.0")
    (journal_folder(root) / "journal.json").write_text("{truncated", encoding="utf-8")
    with pytest.raises(ReleasekitError, match="is unreadable") as caught:
        pending(root)
    assert caught.value.hint == f"restore the files by hand from {journal_folder(root)}, then delete that folder"


SH, TOML, INIT = "bin/release.sh", "pyproject.toml", "src/pkg/__init__.py"
# Every step a crash can hit, in order; what recovery then does and which files it writes back.
CRASH_STEPS: list[tuple[str, str, tuple[str, ...]]] = [
    ("planned", "restored", ()),
    ("writing", "restored", ()),
    (f"write {SH}", "restored", ()),
    (f"written {SH}", "restored", (SH,)),
    (f"write {TOML}", "restored", (SH,)),
    (f"written {TOML}", "restored", (SH, TOML)),
    (f"written {INIT}", "restored", (SH, TOML, INIT)),
    ("all-written", "restored", (SH, TOML, INIT)),
    ("verified", "finished", (SH, TOML, INIT)),
    ("done", "cleared", (SH, TOML, INIT)),
]
CRASHING_SCRIPT = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    from releasekit.bump.transaction import FileChange, begin

    root, crash_at, plan = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
    changes = [FileChange(path, (root / path).read_bytes(), after.encode("latin-1")) for path, after in plan]

    def crash(step):
        if " ".join(filter(None, step)) == crash_at:
            os._exit(9)  # no cleanup, no finally: what power loss leaves

    transaction = begin(root, changes, old="1.0.0", new="1.1.0", on_step=crash)
    transaction.write()
    transaction.mark_verified()
    transaction.finish()
    """
)


@pytest.mark.parametrize(("crash_at", "action", "paths"), CRASH_STEPS, ids=[step for step, _, _ in CRASH_STEPS])
def test_recovery_after_a_crash_at_every_step(
    tmp_path: Path, crash_at: str, action: str, paths: tuple[str, ...]
) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    before = snapshot(root)
    plan = json.dumps([[path, NEW[path].decode("latin-1")] for path in sorted(FILES)])
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_SCRIPT, encoding="utf-8")
    completed = subprocess.run([sys.executable, str(script), str(root), crash_at, plan], check=False)
    assert completed.returncode == 9
    assert pending(root) is not None
    # No file is ever half-written: each holds exactly its old or its new bytes, with its mode.
    for path, (data, mode) in snapshot(root).items():
        assert data == (NEW[path] if path in paths else before[path][0]), path
        assert mode == before[path][1]
    assert recover(root) == Recovery(action, "1.0.0", "1.1.0", paths)
    expected = before if action == "restored" else {path: (NEW[path], mode) for path, (_, mode) in before.items()}
    assert snapshot(root) == expected
    assert pending(root) is None


def test_recover_removes_a_temporary_file_a_crash_left(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    before = snapshot(root)
    transaction = begin(root, changes(root), old="1.0.0", new="1.1.0")
    transaction._save("writing")
    (root / "bin" / ".release.sh.releasekit-tmp").write_bytes(b"#!/bin/sh\r\necho pkg 1.")
    assert recover(root) == Recovery("restored", "1.0.0", "1.1.0", ())
    assert snapshot(root) == before
