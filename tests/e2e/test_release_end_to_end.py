"""One release of a consumer project, end to end, with real git, pre-commit, tox, pip and a bare remote.

The project is made by the test (a package, its tests, docs and a changelog, tagged v0.4.0 and
pushed to a bare remote) and set up by `releasekit init`. Its tox environments install releasekit
from one wheel built from this work tree (a local find-links), the hook from a git copy of it.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from releasekit import __version__
from releasekit.cli.main import main
from releasekit.init.templates import REPOSITORY_URL
from tests.helpers.actions_runner import Runner
from tests.helpers.pre_commit_harness import Sandbox, pre_commit, run, run_ok, source_root

pytestmark = pytest.mark.e2e

REUSABLE = source_root() / ".github" / "workflows"
NAME = "tidy-greeting"
PACKAGE = "tidy_greeting"
START = "0.4.0"
FILES = {
    "pyproject.toml": f"""\
[build-system]
requires = ["hatchling>=1.26"]
build-backend = "hatchling.build"

[project]
name = "{NAME}"
version = "{START}"
description = "Greetings, tidily: a small project released end to end in releasekit's tests."
readme = "README.md"
license = "MIT"
license-files = ["LICENSE"]
requires-python = ">=3.11"
authors = [{{ name = "Tidy Maintainers", email = "maintainers@tidy-greeting.example.org" }}]
classifiers = [
    "Development Status :: 4 - Beta",
    "Programming Language :: Python :: 3",
    "Operating System :: OS Independent",
]

[tool.hatch.build.targets.sdist]
include = ["src", "tests", "docs", "README.md", "CHANGELOG.md", "LICENSE"]
""",
    "README.md": f"# {NAME}\n\nGreetings, tidily.\n\n```console\npip install {NAME}=={START}\n```\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2026 Tidy Maintainers\n",
    "CHANGELOG.md": f"# Changelog\n\n## {START} (2026-11-02)\n\n- First release.\n",
    "docs/index.md": f"# {NAME} {START}\n\n`greet(name)` says hello.\n",
    f"src/{PACKAGE}/__init__.py": f'"""Greetings, tidily."""\n\n__version__ = "{START}"\n\n\n'
    'def greet(name: str) -> str:\n    return f"Hello, {name}!"\n',
    "tests/test_greeting.py": f"import {PACKAGE}\n\n\ndef test_version() -> None:\n"
    f'    assert {PACKAGE}.__version__ == "{START}"\n\n\ndef test_greet() -> None:\n'
    f'    assert {PACKAGE}.greet("you") == "Hello, you!"\n',
    ".gitignore": "dist/\n.tox/\nsecurity/\nsite/\n__pycache__/\n",
}


class Consumer:
    """The consumer project: its folder, its bare remote, the environment every command runs in."""

    def __init__(self, root: Path, remote: Path, env: dict[str, str]) -> None:
        self.root = root
        self.remote = remote
        self.env = env
        self.timings: dict[str, float] = {}

    def ok(self, *argv: str, env: Mapping[str, str] | None = None) -> str:
        started = time.monotonic()
        try:
            return run_ok(list(argv), self.root, {**self.env, **(env or {})})
        finally:
            self.timings[" ".join(argv[:4])] = time.monotonic() - started

    def tox(self, environment: str, *posargs: str, env: Mapping[str, str] | None = None) -> str:
        arguments = [sys.executable, "-m", "tox", "run", "-e", environment]
        return self.ok(*arguments, *(["--", *posargs] if posargs else []), env=env)

    def git(self, *args: str) -> str:
        return self.ok("git", *args)


@pytest.fixture(scope="module")
def releasekit_wheel(tmp_path_factory: pytest.TempPathFactory, sandbox: Sandbox) -> Path:
    """One wheel of this work tree, for every tox environment of the consumer (a find-links folder)."""
    wheelhouse = tmp_path_factory.mktemp("releasekit-wheelhouse")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheelhouse)]
    run_ok([*pip_wheel, str(source_root())], wheelhouse, sandbox.env)
    assert len(list(wheelhouse.glob(f"releasekit-{__version__}-*.whl"))) == 1
    return wheelhouse


@pytest.fixture
def consumer(
    tmp_path: Path, sandbox: Sandbox, releasekit_copy: tuple[Path, str], releasekit_wheel: Path
) -> Iterator[Consumer]:
    env = {
        **sandbox.env,
        # releasekit from the wheel of this work tree; everything else as pip is configured here.
        "PIP_FIND_LINKS": " ".join(filter(None, (str(releasekit_wheel), os.environ.get("PIP_FIND_LINKS")))),
    }
    remote = tmp_path / "remote.git"
    run_ok(["git", "init", "-q", "--bare", "-b", "main", str(remote)], tmp_path, env)
    root = tmp_path / NAME
    root.mkdir()
    project = Consumer(root, remote, env)
    for relative, text in FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    project.git("init", "-q", "-b", "main")
    project.git("remote", "add", "origin", str(remote))
    project.git("add", "-A")
    project.git("commit", "-q", "-m", f"{NAME} {START}")
    project.git("tag", "-a", f"v{START}", "-m", f"{NAME} {START}")
    project.git("push", "-q", "--follow-tags", "origin", "main")
    yield project


def use_local_hooks(root: Path, copy: tuple[Path, str]) -> None:
    """The hooks `init` configured, from the git copy of this work tree instead of GitHub."""
    config = root / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    repository, sha = copy
    assert f"  - repo: {REPOSITORY_URL}\n    rev: v{__version__}\n" in text
    config.write_text(
        text.replace(REPOSITORY_URL, str(repository)).replace(f"rev: v{__version__}", f"rev: {sha}"), encoding="utf-8"
    )


def github_runner(consumer: Consumer, tmp_path: Path) -> Runner:
    """A runner for the consumer's workflows: a tag push of the consumer's repository, `me/tidy-greeting`."""
    expressions = {
        "inputs.python-version": "3.13",
        "inputs.bump": "patch",
        "inputs.publish-workflow": "pypi-publish.yml",
        "inputs.dry-run": "false",
        "inputs.repository": "pypi",
        "inputs.environment": "pypi-publishing",
        "inputs.data-branch": "",
        "inputs.manual": "false",
        "github.token": "ghs-canary-runner-token",
    }
    event = {"ref": "refs/heads/main", "repository": {"full_name": f"me/{NAME}"}}
    environment = {**consumer.env, "GITHUB_REPOSITORY": f"me/{NAME}", "GITHUB_EVENT_NAME": "schedule"}
    return Runner(consumer.root, tmp_path / "runner", environment, expressions, event)


def test_one_release_end_to_end(
    consumer: Consumer, releasekit_copy: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    root = consumer.root

    # `releasekit init` sets the project up; the hooks pass on the commit that adds its files.
    assert main(["init", str(root)]) == 0
    assert "releasekit init: 5 files changed\n" in capsys.readouterr().out
    use_local_hooks(root, releasekit_copy)
    consumer.ok(*pre_commit("install"))
    consumer.git("add", "-A")
    consumer.git("commit", "-q", "-m", "Release with releasekit")
    consumer.git("push", "-q", "origin", "main")

    # pre-commit blocks a commit that moves the version in pyproject.toml alone.
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(START, "0.4.1", 1), encoding="utf-8")
    blocked = run(["git", "commit", "-q", "-am", "half a release"], root, consumer.env)
    assert blocked.returncode != 0
    stale = sorted(line for line in blocked.lines if " RK001 " in line)
    assert stale == [
        f"README.md:6:28: RK001 stale version {START}, expected 0.4.1 (pip-pin)",
        f"docs/index.md:1:17: RK001 stale version {START}, expected 0.4.1 (docs-mention)",
        f"src/{PACKAGE}/__init__.py:3:16: RK001 stale version {START}, expected 0.4.1 (dunder-version)",
        f"tests/test_greeting.py:5:42: RK001 stale version {START}, expected 0.4.1 (test-assertion)",
    ], blocked.output
    consumer.git("checkout", "--", "pyproject.toml")

    # `tox -e bump -- minor` releases 0.5.0: every reference, one commit, its tag, pushed.
    bumped = consumer.tox("bump", "minor", "--yes")
    assert re.search(r"bumped 0\.4\.0 \u2192 0\.5\.0", bumped), bumped
    assert consumer.git("describe", "--tags", "--exact-match", "HEAD").strip() == "v0.5.0"
    remote_tags = run_ok(["git", "ls-remote", "--tags", str(consumer.remote)], root, consumer.env)
    assert "refs/tags/v0.5.0" in remote_tags
    assert consumer.git("status", "--porcelain") == ""

    # GitHub Actions, simulated at its boundary: the security workflow's release job bumps, pushes
    # and dispatches the publishing workflow on the new tag.
    runner = github_runner(consumer, tmp_path)
    release = runner.run_job(REUSABLE / "reusable-security-status.yml", "release")
    assert release.succeeded, release.output
    assert consumer.git("describe", "--tags", "--exact-match", "HEAD").strip() == "v0.5.1"
    assert "refs/tags/v0.5.1" in run_ok(["git", "ls-remote", "--tags", str(consumer.remote)], root, consumer.env)
    assert runner.gh_calls == ["workflow run pypi-publish.yml --ref v0.5.1 -f dry-run=false"]
    assert release.summary == "dispatched pypi-publish.yml on v0.5.1\n"

    elapsed = time.monotonic() - started
    timings = ", ".join(f"{name}: {seconds:.1f}s" for name, seconds in consumer.timings.items())
    sys.stderr.write(f"\nrelease end to end: {elapsed:.1f}s ({timings})\n")
