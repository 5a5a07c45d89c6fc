"""The README's "Use it in your project" section is what `releasekit init` prints and writes, to the byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from releasekit.cli.main import main
from releasekit.init import source
from tests.helpers.git_repos import git, make_repo
from tests.helpers.pre_commit_harness import source_root

PYPROJECT = '[project]\nname = "my-pkg"\nversion = "1.0.0"\n'
WRITTEN = (
    ".pre-commit-config.yaml",
    "tox.ini",
    ".gitignore",
    ".github/workflows/pypi-publish.yml",
    ".github/workflows/security-status.yml",
)


def section() -> str:
    readme = (source_root() / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^## Use it in your project\n(?P<body>.*?)^## ", readme, re.MULTILINE | re.DOTALL)
    assert found, "the README has no 'Use it in your project' section"
    return found["body"]


def block_after(label: str) -> str:
    """The fenced block that follows the line starting with `label` in the section."""
    pattern = rf"^`{re.escape(label)}`[^\n]*(?:\n[^\n]+)*?:\n\n```\w+\n(?P<body>.*?)```\n"
    found = re.search(pattern, section(), re.MULTILINE | re.DOTALL)
    assert found, f"the README shows no block for {label}"
    return found["body"]


@pytest.fixture
def initialized(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, str]:
    # The README shows releasekit installed from its repository at a commit it calls REV.
    monkeypatch.setattr(source, "detect_source", lambda _version: source.from_git(source.REPOSITORY_URL, "REV"))
    root = make_repo(tmp_path / "my-pkg", {"pyproject.toml": PYPROJECT})
    git(root, "remote", "add", "origin", "https://github.com/me/my-pkg.git")
    assert main(["init", str(root)]) == 0
    return root, capsys.readouterr().out


def test_the_console_block_is_the_output(initialized: tuple[Path, str]) -> None:
    _, output = initialized
    assert f"```console\n$ releasekit init\n{output}```\n" in section()


@pytest.mark.parametrize("path", WRITTEN)
def test_each_file_block_is_the_file(initialized: tuple[Path, str], path: str) -> None:
    root, _ = initialized
    assert block_after(path) == (root / path).read_text(encoding="utf-8")


def test_the_pyproject_block_is_what_was_appended(initialized: tuple[Path, str]) -> None:
    root, _ = initialized
    assert PYPROJECT + "\n" + block_after("pyproject.toml") == (root / "pyproject.toml").read_text(encoding="utf-8")
