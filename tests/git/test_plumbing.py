"""The check path's git: remotes from a linked worktree's common config, and no answer (not an error) outside git."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit._util.process import CommandError, Running, run
from releasekit.git.plumbing import (
    INDEX_LISTING,
    WORK_TREE_CHANGES,
    changed_paths,
    find_git_dir,
    grep_files,
    remote_urls,
    tag_names,
)
from tests.helpers.git_repos import git, make_repo


def test_a_linked_worktree_reads_the_common_remotes(tmp_path: Path) -> None:
    main_checkout = make_repo(tmp_path / "main", {"README.md": "x\n"})
    git(main_checkout, "remote", "add", "origin", "https://github.com/me/my-pkg.git")
    linked = tmp_path / "linked"
    git(main_checkout, "worktree", "add", "-q", "--detach", str(linked))
    git_dir = find_git_dir(linked)
    assert git_dir is not None
    assert git_dir.is_relative_to(main_checkout / ".git" / "worktrees")
    assert remote_urls(git_dir) == ["https://github.com/me/my-pkg.git"]


def test_outside_git_every_question_has_no_answer(tmp_path: Path) -> None:
    assert find_git_dir(tmp_path) is None
    with pytest.raises(CommandError, match="exit 128"):
        Running(INDEX_LISTING, cwd=tmp_path).finish()
    assert grep_files(tmp_path, "version", "version") is None
    assert tag_names(tmp_path) == []


def test_index_changes_and_grep(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "p", {"a.txt": "version 1\n", "b.txt": "nothing\n"})
    (root / "b.txt").write_text("changed\n", encoding="utf-8")
    changes = Running(WORK_TREE_CHANGES, cwd=root)
    index = Running(INDEX_LISTING, cwd=root).finish().stdout
    modified = changed_paths(changes.finish().stdout)
    assert [record.split(b"\t")[1] for record in index.split(b"\0") if record] == [b"a.txt", b"b.txt"]
    assert modified == {"b.txt"}
    assert grep_files(root, r"versi\w+", "versi[a-z]+") == {"a.txt"}


def test_command_output_as_text_drops_one_trailing_newline() -> None:
    result = run(["git", "--version"])
    assert result.out == result.stdout.decode().removesuffix("\n")
    assert result.out.startswith("git version ")
    assert result.err == ""
