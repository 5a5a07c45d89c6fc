"""A stale `.git/index.lock`: removed when no live git holds it, left (with the reason and the command) otherwise."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from releasekit.bump.git_locks import index_lock, lock_holders, release_stale_lock
from releasekit.errors import Category, ReleasekitError
from tests.helpers.git_repos import git, make_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "project", {"README.md": "hello\n"})


def test_no_lock_no_note(repo: Path) -> None:
    assert index_lock(repo) is None
    assert release_stale_lock(repo) == ()


def test_a_lock_no_process_holds_is_removed_and_git_works_again(repo: Path) -> None:
    lock = repo / ".git" / "index.lock"
    lock.write_bytes(b"")
    assert lock_holders(lock, repo) == []
    assert release_stale_lock(repo) == (
        f"removed {lock}: a git process that was killed left it, and no git process holds it",
    )
    assert not lock.exists()
    git(repo, "add", "README.md")


def test_a_live_git_in_the_repository_may_hold_it(repo: Path) -> None:
    lock = repo / ".git" / "index.lock"
    lock.write_bytes(b"")
    # A real git process working in the repository (it waits for its standard input).
    process = subprocess.Popen(["git", "hash-object", "--stdin"], cwd=repo, stdin=subprocess.PIPE)
    comm = Path("/proc", str(process.pid), "comm")
    while comm.read_text(encoding="utf-8").strip() != "git":  # forked, not yet git: it execs in a moment
        time.sleep(0.001)
    try:
        with pytest.raises(ReleasekitError) as caught:
            release_stale_lock(repo)
    finally:
        process.communicate(b"")
    assert caught.value.category is Category.GIT
    assert caught.value.message == (
        f"a git process still works in this repository and may hold {lock} (pid {process.pid}: git hash-object --stdin)"
    )
    assert caught.value.hint == "wait for it to end, then run `releasekit bump --recover` again"
    assert lock.exists()
    assert release_stale_lock(repo) != ()  # once it ended


def test_where_it_cannot_be_told_the_exact_command_is_given(repo: Path, tmp_path: Path) -> None:
    lock = repo / ".git" / "index.lock"
    lock.write_bytes(b"")
    with pytest.raises(ReleasekitError) as caught:
        release_stale_lock(repo, proc=tmp_path / "no-proc")
    assert caught.value.hint == (
        f"if no git command is running in this repository, remove it (`rm -f {lock}`), "
        "then run `releasekit bump --recover` again"
    )
    assert lock.exists()


def test_a_tag_being_made_leaves_a_ref_lock_which_goes_too(repo: Path) -> None:
    """A process group killed while `git tag` ran: the next `git tag` would fail on `refs/tags/v1.2.4.lock`."""
    locks = [repo / ".git" / "index.lock", repo / ".git" / "refs" / "tags" / "v1.2.4.lock"]
    for lock in locks:
        lock.write_bytes(b"")
    assert release_stale_lock(repo) == tuple(
        f"removed {lock}: a git process that was killed left it, and no git process holds it" for lock in locks
    )
    git(repo, "tag", "-a", "-m", "Release 1.2.4", "v1.2.4")
