"""What `check` could not read is said, never silently passed: undecodable or huge files, untracked files."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit.cli.main import main
from tests.helpers.git_repos import git, make_repo

PYPROJECT = '[project]\nname = "my-pkg"\nversion = "1.2.3"\n'
AGREE = "releasekit: 1 reference in 1 file agrees on 1.2.3 from pyproject.toml:3 ([project].version)"


def test_an_undecodable_file_with_the_version_is_named_and_fails_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(
        tmp_path / "p",
        {
            "pyproject.toml": PYPROJECT,
            "docs/legacy.txt": "caf\u00e9: my-pkg 1.2.3\n".encode("latin-1"),
            "docs/other.txt": "caf\u00e9 without a version\n".encode("latin-1"),
        },
    )
    assert main(["check", str(root)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said == [AGREE + "; 1 file containing 1.2.3 could not be checked: docs/legacy.txt (non-utf-8)"]
    assert main(["check", "--strict", str(root)]) == 1


def test_a_file_over_the_size_limit_with_the_version_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = PYPROJECT + "[tool.releasekit]\nmax-file-size = 100\n"
    root = make_repo(tmp_path / "p", {"pyproject.toml": pyproject, "docs/big.md": "x" * 200 + "\nmy-pkg 1.2.3\n"})
    code = main(["check", str(root)])
    said = capsys.readouterr().out.splitlines()
    assert (code, said[-1].partition("; ")[2]) == (
        0,
        "1 file containing 1.2.3 could not be checked: docs/big.md (too-large)",
    )


def test_a_skipped_file_without_the_version_is_not_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "p", {"pyproject.toml": PYPROJECT, "docs/a.txt": "caf\u00e9 1.2.4\n".encode("latin-1")})
    assert main(["check", "--strict", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == [AGREE]


def test_untracked_files_are_read_by_list_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "p", {"pyproject.toml": PYPROJECT, ".gitignore": "build/\n"})
    (root / "README.md").write_text("my-pkg 1.2.3\n", encoding="utf-8")
    (root / "build").mkdir()
    (root / "build" / "notes.md").write_text("my-pkg 1.2.2\n", encoding="utf-8")
    assert main(["check", str(root)]) == 0  # the hook judges what git tracks
    assert capsys.readouterr().out.splitlines() == [AGREE]
    assert main(["check", "--list", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "README.md:1:8: ok 1.2.3 (docs-mention)",
        "pyproject.toml:3:12: ok 1.2.3 (pyproject)",
        "releasekit: 2 references in 2 files agree on 1.2.3 from pyproject.toml:3 ([project].version)",
        "releasekit: also read 1 untracked file (not yet added to git)",
    ]


def test_before_the_first_git_add_untracked_files_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "p", {"pyproject.toml": PYPROJECT, "README.md": "my-pkg 1.2.2\n"}, commit=False)
    git(root, "rm", "-q", "--cached", "-r", ".")
    assert main(["check", str(root)]) == 1
    assert (
        capsys.readouterr().out.splitlines()[0]
        == "README.md:1:8: RK001 stale version 1.2.2, expected 1.2.3 (docs-mention)"
    )
