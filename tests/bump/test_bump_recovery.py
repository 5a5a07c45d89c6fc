"""Clearing the journal a finished bump left behind: only with proof, from git or from the files themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit.bump.journal import pending
from releasekit.bump.journal_recovery import Recovery
from releasekit.bump.recovery import clear_finished, recover_bump
from releasekit.bump.transaction import begin
from releasekit.cli.main import main
from tests.helpers.bump_projects import changes, make_project, snapshot


def finished_without_commit(root: Path) -> None:
    """A bump with --no-commit killed after saving `done`, before removing its journal."""
    transaction = begin(root, changes(root), old="1.0.0", new="1.1.0")
    transaction.write()
    transaction.mark_verified()
    transaction._save("done")


@pytest.mark.parametrize("in_git", [True, False], ids=["git", "no-git"])
def test_a_finished_bump_without_commit_is_cleared_when_its_files_hold_the_new_bytes(
    tmp_path: Path, in_git: bool
) -> None:
    root = make_project(tmp_path / "project", in_git=in_git)
    finished_without_commit(root)
    journal = pending(root)
    assert journal is not None
    assert clear_finished(root, journal) == (
        "the bump from 1.0.0 to 1.1.0 had finished (every file holds its new contents); "
        "cleared the journal it left behind"
    )
    assert pending(root) is None


def test_an_edited_file_is_no_proof(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    finished_without_commit(root)
    (root / "pyproject.toml").write_text("edited since\n", encoding="utf-8")
    journal = pending(root)
    assert journal is not None
    assert clear_finished(root, journal) is None
    capsys.readouterr()
    assert main(["check", str(root)]) == 1
    assert capsys.readouterr() == (
        "",
        "releasekit: error: the bump from 1.0.0 to 1.1.0 finished, but its journal was left behind\n"
        "releasekit: hint: run `releasekit bump --recover` to clear it; nothing needs restoring\n",
    )
    edited = snapshot(root)
    assert recover_bump(root) == Recovery("cleared", "1.0.0", "1.1.0", tuple(sorted(edited)))
    assert snapshot(root) == edited  # nothing restored: the bump had finished


def test_a_deleted_file_is_no_proof(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", in_git=False)
    finished_without_commit(root)
    (root / "pyproject.toml").unlink()
    journal = pending(root)
    assert journal is not None
    assert clear_finished(root, journal) is None


def test_unfinished_journals_are_never_cleared(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    transaction = begin(root, changes(root), old="1.0.0", new="1.1.0")
    transaction.write()
    transaction.mark_verified()
    journal = pending(root)
    assert journal is not None
    assert clear_finished(root, journal) is None
    assert pending(root) == journal


def test_without_git_a_recorded_commit_proves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    transaction = begin(root, changes(root), old="1.0.0", new="1.1.0")
    transaction.write()
    transaction.mark_verified()
    transaction._save("done", commit="0" * 40)
    journal = pending(root)
    assert journal is not None
    assert clear_finished(root, journal) is None  # git knows no such commit
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert clear_finished(root, journal) is None  # git cannot even start
    assert pending(root) == journal
