"""Test isolation: no test reads the developer's git config or writes to their home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.pre_commit_harness import Sandbox, copy_working_tree, make_sandbox, source_root


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


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Sandbox:
    """The subprocesses' own HOME, caches and PRE_COMMIT_HOME, shared by the session's e2e tests."""
    return make_sandbox(tmp_path_factory.mktemp("e2e-sandbox"), os.environ)


@pytest.fixture(scope="session")
def releasekit_copy(tmp_path_factory: pytest.TempPathFactory, sandbox: Sandbox) -> tuple[Path, str]:
    """releasekit's working tree as a commit, for pre-commit to install the hooks from (once per session)."""
    return copy_working_tree(source_root(), tmp_path_factory.mktemp("releasekit-copy") / "releasekit", sandbox.env)
