"""The corpus's source: the tiny project, built once per session with the real backend."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from releasekit.build.builder import build_project
from releasekit.build.report import write_records
from tests.helpers.git_repos import make_repo
from tests.helpers.pre_commit_harness import Sandbox
from tests.validate.corpus import SDIST, TINY_FILES, WHEEL

# What pip (inside build's isolated environment) and git read from the environment.
SANDBOXED = ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM")


class Built(NamedTuple):
    """The tiny project's repository and its real sdist and wheel."""

    project: Path
    sdist: Path
    wheel: Path


def use_sandbox(patch: pytest.MonkeyPatch, sandbox: Sandbox) -> None:
    """Point pip's cache and git's configuration at the sandbox, so a build writes nothing to HOME."""
    for name in SANDBOXED:
        patch.setenv(name, sandbox.env[name])


@pytest.fixture(scope="session")
def tiny_build(tmp_path_factory: pytest.TempPathFactory, sandbox: Sandbox) -> Built:
    root = tmp_path_factory.mktemp("corpus")
    with pytest.MonkeyPatch.context() as patch:
        use_sandbox(patch, sandbox)
        project = make_repo(root / "tiny", TINY_FILES)
        write_records(build_project(project, root / "dist", environ=sandbox.env), root / "dist")
    return Built(project, root / "dist" / SDIST, root / "dist" / WHEEL)


@pytest.fixture
def sandboxed(monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox) -> Sandbox:
    """This test's builds and installs use the sandbox, not HOME."""
    use_sandbox(monkeypatch, sandbox)
    return sandbox
