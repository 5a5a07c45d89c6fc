"""The file listing: git's index and work-tree changes, or a walk; the layout paths; process runs."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from releasekit._util.process import CommandError, Running
from releasekit.project.files import IndexSnapshot, list_files, parse_records, start_listing
from tests.helpers.git_repos import git, make_repo, write_files

TREE = {
    "pyproject.toml": "",
    "setup.py": "",
    "xsetup.py": "",
    "setup.py.bak": "",
    "src/pkg/__init__.py": "",
    "src/pkg/sub/__init__.py": "",
    "pkg2/__init__.py": "",
    "examples/app/deep/er/pyproject.toml": "",
    "examples/app/deep/er/setup.cfg": "",
    "docs/notes.md": "",
    "a file with spaces/__init__.py": "",
}
LAYOUT = (
    "a file with spaces/__init__.py",
    "examples/app/deep/er/pyproject.toml",
    "examples/app/deep/er/setup.cfg",
    "pkg2/__init__.py",
    "pyproject.toml",
    "setup.py",
    "src/pkg/__init__.py",
)


def test_layout_paths_from_git_and_from_a_walk_agree(tmp_path: Path) -> None:
    in_git = make_repo(tmp_path / "git", TREE)
    walked = tmp_path / "walk"
    shutil.copytree(in_git, walked, ignore=shutil.ignore_patterns(".git"))
    assert list_files(in_git).layout == LAYOUT
    assert tuple(sorted(list_files(walked).layout)) == LAYOUT


def test_a_symlinked_package_marker_is_not_layout(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "p", {"real/__init__.py": ""}, commit=False)
    (root / "link").mkdir()
    (root / "link" / "__init__.py").symlink_to(root / "real" / "__init__.py")
    git(root, "add", "-A")
    assert list_files(root).layout == ("real/__init__.py",)


def test_modified_and_deleted_files_have_no_content_key(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "p", {"a.md": "a\n", "b.md": "b\n", "c.md": "c\n"})
    write_files(root, {"a.md": "changed\n"})
    (root / "b.md").unlink()
    listing = list_files(root)
    assert listing.modified == frozenset({"a.md", "b.md"})
    keys = {path: bool(key) for path, key in listing.records()}
    assert keys == {"a.md": False, "b.md": False, "c.md": True}


def test_a_merge_conflict_lists_its_path_once(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "p", {"a.md": "base\n"})
    git(root, "checkout", "-q", "-b", "side")
    write_files(root, {"a.md": "side\n"})
    git(root, "commit", "-q", "--no-gpg-sign", "-am", "side")
    git(root, "checkout", "-q", "main")
    write_files(root, {"a.md": "main\n"})
    git(root, "commit", "-q", "--no-gpg-sign", "-am", "main")
    assert git_merge(root)
    assert [path for path, _ in parse_records(list_files(root).index_bytes)] == ["a.md"]


def git_merge(root: Path) -> bool:
    """Merge ``side`` into the current branch; True when it stopped on a conflict."""
    completed = subprocess.run(
        ["git", "merge", "--no-gpg-sign", "side"], cwd=root, capture_output=True, text=True, check=False
    )
    return completed.returncode != 0 and "CONFLICT" in completed.stdout


def test_a_started_command_is_collected_and_raises_on_failure(tmp_path: Path) -> None:
    assert Running(["git", "--version"], cwd=tmp_path).finish().stdout.startswith(b"git version")
    with pytest.raises(CommandError, match="exit 128"):
        Running(["git", "ls-files"], cwd=tmp_path).finish()
    with pytest.raises(CommandError, match="exit 127"):
        Running(["no-such-program-for-releasekit"], cwd=tmp_path)


class TestIndexSnapshot:
    """An unchanged index file is not listed again; any doubt lists it."""

    LATER = 10**19  # a clock far past the index's last change: its signature is settled

    def remembered(self, snapshot: IndexSnapshot | None) -> tuple[list[Path], Callable[[Path], IndexSnapshot | None]]:
        asked: list[Path] = []

        def give(git_dir: Path) -> IndexSnapshot | None:
            asked.append(git_dir)
            return snapshot

        return asked, give

    def test_a_settled_index_with_the_same_signature_is_served_from_the_snapshot(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", {"pyproject.toml": "", "a.md": ""})
        first = start_listing(root, environ={}, now_ns=lambda: self.LATER).finish()
        assert first.signature is not None
        # A made-up listing with the real signature: served as it is, so git was not asked to list the index.
        made_up = IndexSnapshot(first.signature, b"100644 " + b"0" * 40 + b" 0\tmade-up.md\0", ("made-up",))
        asked, give = self.remembered(made_up)
        listing = start_listing(root, give, environ={}, now_ns=lambda: self.LATER).finish()
        assert asked == [root / ".git"]
        assert (listing.index_bytes, listing.layout) == (made_up.index_bytes, made_up.layout)

    def test_an_index_written_again_is_listed_again(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", {"pyproject.toml": "", "a.md": ""})
        first = start_listing(root, environ={}, now_ns=lambda: self.LATER).finish()
        write_files(root, {"b.md": ""})
        git(root, "add", "b.md")
        _, give = self.remembered(first.snapshot)
        listing = start_listing(root, give, environ={}, now_ns=lambda: self.LATER).finish()
        assert listing.signature != first.signature
        assert [path for path, _ in parse_records(listing.index_bytes)] == ["a.md", "b.md", "pyproject.toml"]

    @pytest.mark.parametrize("case", ["racily fresh", "GIT_INDEX_FILE"])
    def test_no_signature_is_trusted_when_in_doubt(self, tmp_path: Path, case: str) -> None:
        root = make_repo(tmp_path / "p", {"pyproject.toml": "", "a.md": ""})
        settled = start_listing(root, environ={}, now_ns=lambda: self.LATER).finish()
        assert settled.signature is not None
        environ = {"GIT_INDEX_FILE": str(root / ".git" / "index")} if case == "GIT_INDEX_FILE" else {}
        stat = (root / ".git" / "index").stat()
        now = stat.st_ctime_ns + 1 if case == "racily fresh" else self.LATER
        made_up = IndexSnapshot(settled.signature, b"", ())
        asked, give = self.remembered(made_up)
        listing = start_listing(root, give, environ=environ, now_ns=lambda: now).finish()
        assert (asked, listing.signature) == ([], None)
        assert [path for path, _ in parse_records(listing.index_bytes)] == ["a.md", "pyproject.toml"]

    def test_a_cancelled_listing_leaves_no_process_behind(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", {"pyproject.toml": ""})
        pending = start_listing(root)
        processes = [running.process for running in (pending._changes, pending._index) if running is not None]
        assert len(processes) == 2  # the work tree's changes and the index listing
        pending.cancel()
        pending.cancel()
        assert all(process.returncode is not None for process in processes)
