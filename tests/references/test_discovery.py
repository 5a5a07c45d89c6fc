"""Discovery over real trees: what is read, what is skipped, and the scan cache."""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path

import pytest

from releasekit.cli.main import main
from releasekit.references import cache as scan_cache
from releasekit.references import discovery
from releasekit.references.check import check_project
from releasekit.references.scanners.dispatch import Patterns
from tests.helpers.git_repos import git, make_repo, write_files

BASE = {
    "pyproject.toml": '[project]\nname = "my-pkg"\nversion = "2.0.0"\n',
    "src/my_pkg/__init__.py": '__version__ = "2.0.0"\n',
}


def stale(root: Path, *, use_cache: bool = True) -> list[str]:
    result = check_project(root, use_cache=use_cache)
    return [f"{i.reference.path}:{i.reference.line}:{i.reference.column}" for i in result.stale]


def test_skipped_files_are_counted_in_verbose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files: dict[str, str | bytes] = {
        **BASE,
        "pyproject.toml": BASE["pyproject.toml"] + "[tool.releasekit]\nmax-file-size = 200\n",
        "assets/blob.txt": b"my-pkg v1.0.0\x00\x01",
        "docs/latin1.md": "café my-pkg v1.0.0\n".encode("latin-1"),
        "docs/huge.md": "my-pkg v1.0.0\n" + "x" * 300,
        "docs/gone.md": "my-pkg v2.0.0\n",
    }
    root = make_repo(tmp_path / "p", files)
    (root / "docs/gone.md").unlink()
    assert main(["check", "--verbose", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "releasekit: 2 references in 2 files agree on 2.0.0 from pyproject.toml:3 ([project].version)",
        "releasekit: scanned 6 files; skipped 4: 1 binary, 1 missing, 1 non-utf-8, 1 too-large",
        "  skipped assets/blob.txt (binary)",
        "  skipped docs/gone.md (missing)",
        "  skipped docs/huge.md (too-large)",
        "  skipped docs/latin1.md (non-utf-8)",
    ]


def test_python_file_with_a_coding_cookie_is_read_in_its_encoding(tmp_path: Path) -> None:
    module = '# -*- coding: latin-1 -*-\n"""Café."""\n__version__ = "1.9.0"\n'.encode("latin-1")
    root = make_repo(tmp_path / "p", {**BASE, "src/my_pkg/legacy.py": module})
    assert stale(root) == ["src/my_pkg/legacy.py:3:16"]


def test_bom_does_not_shift_columns(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "p", {**BASE, "README.md": "\ufeff# my-pkg v1.0.0\n"})
    assert stale(root) == ["README.md:1:10"]


def test_files_git_ignores_are_not_scanned(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "p", {**BASE, ".gitignore": "build-notes.md\n"})
    write_files(root, {"build-notes.md": "my-pkg v1.0.0\n", "untracked.md": "my-pkg v1.0.0\n"})
    assert stale(root) == []


def test_vendored_excluded_ignored_and_marked_lines(tmp_path: Path) -> None:
    files = {
        **BASE,
        "pyproject.toml": BASE["pyproject.toml"]
        + '[tool.releasekit]\nexclude = ["docs/legacy/**", "*.txt"]\nignore-kinds = ["docs-field"]\n',
        "src/my_pkg/_vendor/dep/__init__.py": '__version__ = "1.0.0"\n',
        "third_party/x/VERSION": "1.0.0\n",
        "docs/legacy/old.md": "my-pkg v1.0.0\n",
        "notes.txt": "my-pkg v1.0.0\n",
        "README.rst": ":Version: 1.0.0\n\nmy-pkg v1.0.0 was great  .. releasekit: ignore\n",
    }
    root = make_repo(tmp_path / "p", files)
    assert stale(root) == []


def test_outside_git_the_tree_is_walked_without_following_symlinks(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write_files(outside, {"README.md": "my-pkg v1.0.0\n"})
    root = tmp_path / "plain"
    write_files(root, {**BASE, "docs/index.md": "my-pkg v1.0.0\n", ".venv/lib/x.py": '__version__ = "0.1"\n'})
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "linked.md").symlink_to(outside / "README.md")
    assert stale(root) == ["docs/index.md:1:8"]


def test_project_in_a_subfolder_of_a_repository(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "mono",
        {f"packages/a/{name}": text for name, text in BASE.items()} | {"README.md": "my-pkg v1.0.0\n"},
    )
    assert stale(repo / "packages/a") == []


def test_tracked_symlinks_and_submodule_entries_are_not_read(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "p", BASE, commit=False)
    (root / "outside.md").write_text("my-pkg v1.0.0\n", encoding="utf-8")
    (root / "link.md").symlink_to(root / "outside.md")
    git(root, "add", "link.md")
    assert stale(root) == []


def unscanned_paths(root: Path) -> frozenset[str]:
    """The paths the cache records as read from their working copies (not cached by blob)."""
    stored = marshal.loads(scan_cache.cache_path(root / ".git").read_bytes())  # noqa: S302 - the test's own cache
    return frozenset(stored[-1])


class TestScanCache:
    def test_cache_is_written_under_the_git_dir_and_gives_the_same_answer(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", {**BASE, "README.md": "# my-pkg v1.0.0\n"})
        assert stale(root) == ["README.md:1:10"]
        assert scan_cache.cache_path(root / ".git").is_file()
        assert stale(root) == ["README.md:1:10"]

    @pytest.mark.parametrize("how", ["committed", "staged", "unstaged"])
    def test_cache_never_hides_a_new_stale_reference(self, tmp_path: Path, how: str) -> None:
        root = make_repo(
            tmp_path / "p", {**BASE, "tests/test_v.py": 'def test():\n    assert __version__ == "2.0.0"\n'}
        )
        assert stale(root) == []
        write_files(root, {"tests/test_v.py": 'def test():\n    assert __version__ == "1.0.0"\n'})
        if how in ("committed", "staged"):
            git(root, "add", "-A")
        if how == "committed":
            git(root, "commit", "-q", "--no-gpg-sign", "-m", "edit")
        assert stale(root) == ["tests/test_v.py:2:28"]

    def test_canonical_change_is_judged_against_cached_references(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", BASE)
        assert stale(root) == []
        write_files(root, {"pyproject.toml": BASE["pyproject.toml"].replace("2.0.0", "2.0.1")})
        assert stale(root) == ["src/my_pkg/__init__.py:1:16"]

    def test_configuration_change_drops_the_cache(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", {**BASE, "notes.md": "release tag my-pkg-1.0.0 here\n"})
        assert stale(root) == []
        config = '[tool.releasekit]\nextra-references = ["tag my-pkg-{version} here"]\n'
        write_files(root, {"pyproject.toml": BASE["pyproject.toml"] + config})
        git(root, "add", "-A")
        assert stale(root) == ["notes.md:1:20"]

    def test_files_that_only_looked_modified_go_back_into_the_cache(self, tmp_path: Path) -> None:
        """After a mass touch (or ``cp -a``), git sees every file as modified until it refreshes its index."""
        root = make_repo(tmp_path / "p", {**BASE, "README.md": "# my-pkg v1.0.0\n"})
        later = time.time() + 10
        for path in root.rglob("*"):
            if ".git" not in path.parts and path.is_file():
                os.utime(path, (later, later))
        assert stale(root) == ["README.md:1:10"]
        assert "README.md" in unscanned_paths(root)  # read from the working copy, not cached by blob
        git(root, "update-index", "-q", "--refresh")  # what `git status` does
        assert stale(root) == ["README.md:1:10"]
        assert not unscanned_paths(root)  # scanned by blob once equal to the index: the next warm check reads nothing

    def test_corrupt_cache_is_ignored_and_rewritten(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", {**BASE, "README.md": "# my-pkg v1.0.0\n"})
        path = scan_cache.cache_path(root / ".git")
        path.parent.mkdir(parents=True)
        path.write_bytes(b"\x00garbage")
        assert stale(root) == ["README.md:1:10"]
        assert scan_cache.load(root / ".git", "anything") == scan_cache.EMPTY
        assert path.read_bytes() != b"\x00garbage"

    def test_no_cache_flag_and_unwritable_cache(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", {**BASE, "README.md": "# my-pkg v1.0.0\n"})
        (root / ".git" / scan_cache.CACHE_FOLDER).write_text("a file where the folder should be", encoding="utf-8")
        assert stale(root) == ["README.md:1:10"]
        assert stale(root, use_cache=False) == ["README.md:1:10"]


def test_large_trees_use_git_grep_and_agree_with_reading_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filler = {f"pkg/mod{i}.py": f"def f{i}():\n    return {i}.5\n" for i in range(discovery.GREP_THRESHOLD + 50)}
    urls = '[project.urls]\nRepository = "https://github.com/acme/my-pkg"\n'
    files = {
        **BASE,
        **filler,
        "pyproject.toml": BASE["pyproject.toml"] + urls,
        "docs/a.md": "Use my_pkg 1.9.0 today.\n",
        "docs/hooks.md": "```yaml\n-   repo: https://github.com/acme/my-pkg\n    rev: v1.9.0\n```\n",
        "docs/badge.md": "![release](https://img.shields.io/badge/release-1.9.0-blue)\n",
        "pkg/about.py": "# the version of this module\nX = 1\n",
        "pkg/info.py": "version_info = (1, 9, 0)\n",
        "VERSION": "1.9.0\n",
    }
    root = make_repo(tmp_path / "p", files)
    expected = [
        "VERSION:1:1",
        "docs/a.md:1:12",
        "docs/badge.md:1:49",
        "docs/hooks.md:3:10",
        "pkg/info.py:1:16",
    ]
    assert stale(root) == expected
    monkeypatch.setattr(discovery, "GREP_THRESHOLD", 10**9)
    assert stale(root, use_cache=False) == expected


def test_read_order_is_stable_for_many_references(tmp_path: Path) -> None:
    lines = "".join(f"my-pkg v1.{i}.0\n" for i in range(5))
    root = make_repo(tmp_path / "p", {**BASE, "docs/a.md": lines, "docs/b.md": lines})
    expected = [f"docs/{name}.md:{line}:8" for name in "ab" for line in range(1, 6)]
    assert stale(root) == expected
    assert (root / ".git" / "releasekit" / "scan-cache").exists()


class TestIncrementalListing:
    """The cache keeps the index listing; every way a file can change must still be read."""

    def test_a_file_modified_at_the_first_run_is_read_once_restored(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", {**BASE, "README.md": "# my-pkg v1.0.0\n"})
        write_files(root, {"README.md": "# my-pkg v2.0.0\n"})
        assert stale(root) == []
        git(root, "checkout", "--", "README.md")
        assert stale(root) == ["README.md:1:10"]
        assert stale(root) == ["README.md:1:10"]

    def test_a_nested_project_that_goes_away_is_scanned_again(self, tmp_path: Path) -> None:
        example = {"examples/app/pyproject.toml": '[project]\nname = "app"\nversion = "1.0.0"\n'}
        root = make_repo(tmp_path / "p", {**BASE, **example, "examples/app/README.md": "my-pkg v1.0.0\n"})
        assert stale(root) == []
        git(root, "rm", "-q", "examples/app/pyproject.toml")
        assert stale(root) == ["examples/app/README.md:1:8"]

    def test_a_retargeted_tracked_symlink_is_not_followed(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", BASE, commit=False)
        (root / "inside.md").write_text("my-pkg v2.0.0\n", encoding="utf-8")
        (root / "link.md").symlink_to("inside.md")
        git(root, "add", "-A")
        assert stale(root) == []
        (tmp_path / "outside.md").write_text("my-pkg v1.0.0\n", encoding="utf-8")
        (root / "link.md").unlink()
        (root / "link.md").symlink_to(tmp_path / "outside.md")
        assert stale(root) == []

    def test_a_project_in_a_subfolder_sees_its_own_changes(self, tmp_path: Path) -> None:
        files = {f"pkg/{path}": text for path, text in BASE.items()}
        root = make_repo(tmp_path / "repo", {**files, "pkg/README.md": "# my-pkg v2.0.0\n", "other/README.md": ""})
        assert stale(root / "pkg") == []
        write_files(root, {"pkg/README.md": "# my-pkg v1.0.0\n", "other/README.md": "my-pkg v1.0.0\n"})
        assert stale(root / "pkg") == ["README.md:1:10"]

    def test_renamed_and_added_files_are_read(self, tmp_path: Path) -> None:
        root = make_repo(tmp_path / "p", {**BASE, "docs/a.md": "my-pkg v1.0.0\n"})
        assert stale(root) == ["docs/a.md:1:8"]
        git(root, "mv", "docs/a.md", "docs/b.md")
        write_files(root, {"docs/c.md": "my-pkg v1.0.0\n"})
        git(root, "add", "docs/c.md")
        assert stale(root) == ["docs/b.md:1:8", "docs/c.md:1:8"]


def test_a_configured_version_source_is_read_without_any_keyword(tmp_path: Path) -> None:
    config = '[tool.releasekit]\nversion-source = { file = "meta/stamp.txt", pattern = "^(?P<version>.+)$" }\n'
    pyproject = '[project]\nname = "my-pkg"\ndynamic = ["version"]\n' + config
    filler = {f"pkg/mod{i}.py": f"X = {i}\n" for i in range(discovery.GREP_THRESHOLD + 5)}
    root = make_repo(tmp_path / "p", {**filler, "pyproject.toml": pyproject, "meta/stamp.txt": "2.0.0\n"})
    references = check_project(root).judged
    assert [(item.reference.path, item.reference.kind) for item in references] == [("meta/stamp.txt", "version-source")]


CANDIDATE_LINES = {
    "mention.md": ("My_Pkg 1.9.0 is out\n", True),
    "tuple.py": ("VERSION_INFO = (1, 9)\n", True),
    "single.py": ("version_info = (2,)\n", True),
    "rev.md": ("    rev: 'v1.9.0'\n", True),
    "release.md": ("release notes for 3.1\n", True),
    "extra.txt": ("stamp:9.9.9\n", True),
    "no-number.py": ("def version_of(thing):\n    return thing.version\n", False),
    "number-first.md": ("1.9.0 is what my-pkg says\n", False),
    "other-line.md": ("my-pkg\n1.9.0\n", False),
    "plain.py": ("X = 1.5\n", False),
}


@pytest.mark.parametrize("flag", ["-P", "-E"])
def test_perl_and_posix_candidate_patterns_pick_the_same_files(tmp_path: Path, flag: str) -> None:
    config = '[tool.releasekit]\nextra-references = ["stamp:{version}"]\n'
    files = {**BASE, "pyproject.toml": BASE["pyproject.toml"] + config}
    files.update({name: text for name, (text, _) in CANDIDATE_LINES.items()})
    root = make_repo(tmp_path / "p", files)
    patterns = Patterns(check_project(root).project)
    pattern = patterns.keyword.pattern if flag == "-P" else patterns.keyword_ere
    listed = git(root, "grep", "-l", "-I", "-i", flag, "-e", pattern).split()
    expected = sorted(
        [name for name, (_, candidate) in CANDIDATE_LINES.items() if candidate]
        + ["pyproject.toml", "src/my_pkg/__init__.py"]
    )
    assert sorted(listed) == expected
    assert sorted(name for name, (text, _) in CANDIDATE_LINES.items() if patterns.keyword.search(text)) == sorted(
        name for name in expected if name in CANDIDATE_LINES
    )
