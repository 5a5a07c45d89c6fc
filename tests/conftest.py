"""Test isolation: no test reads the developer's git config or writes to their home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """HOME is an empty folder that must stay empty; git sees only the test identity."""
    home = tmp_path_factory.mktemp("home")
    gitconfig = tmp_path_factory.mktemp("gitconfig") / "config"
    gitconfig.write_text(
        "[user]\n\tname = releasekit tests\n\temail = tests@releasekit.invalid\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for variable in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(variable, raising=False)
    yield home
    written = sorted(str(path.relative_to(home)) for path in home.rglob("*"))
    assert written == [], f"the test wrote to $HOME: {written}"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current directory is the test's own temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
