"""The project root found from a subdirectory, as git and pre-commit find theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit.cli.main import main
from releasekit.project.root import find_project_root
from tests.helpers.git_repos import make_repo

FILES = {
    "pyproject.toml": '[project]\nname = "my-pkg"\nversion = "1.2.3"\n',
    "src/my_pkg/__init__.py": '__version__ = "1.2.2"\n',
    "docs/index.md": "Welcome\n",
    "examples/app/pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n',
}


def test_check_from_a_subdirectory_checks_the_whole_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "p", FILES)
    assert main(["check", str(root / "docs")]) == 1
    captured = capsys.readouterr()
    assert (
        captured.out.splitlines()[0]
        == "src/my_pkg/__init__.py:1:16: RK001 stale version 1.2.2, expected 1.2.3 (dunder-version)"
    )
    assert captured.err == f"releasekit: project root: {root.resolve()}\n"


@pytest.mark.parametrize(
    ("start", "expected"),
    [("src/my_pkg", "."), (".", "."), ("examples/app", "examples/app"), ("docs", ".")],
)
def test_nearest_project_file_wins(tmp_path: Path, start: str, expected: str) -> None:
    root = make_repo(tmp_path / "p", FILES)
    assert find_project_root(root / start) == (root / expected).resolve()


def test_without_a_project_file_the_work_tree_top(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "p", {"VERSION": "1.0.0\n", "a/b/c.txt": "x\n"})
    assert find_project_root(root / "a" / "b") == root.resolve()
