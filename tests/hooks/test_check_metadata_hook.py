"""The `check-metadata` pre-commit hook: declared, run in-process, and installed for real in a consumer repository."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped,unused-ignore]  # PyYAML comes with pre-commit; types-PyYAML is not a dependency

from releasekit_hooks import HOOKS
from releasekit_hooks.check_metadata import main
from tests.helpers.git_repos import make_repo, write_files
from tests.helpers.pre_commit_harness import (
    Sandbox,
    hook_report,
    pre_commit,
    pre_commit_config,
    run,
    run_ok,
    source_root,
)

HOOK_ID = "check-metadata"
HOOK_NAME = "releasekit check metadata"
GOOD = (
    "[project]\n"
    'name = "consumer"\n'
    'version = "0.3.0"\n'
    'description = "A consumer of releasekit hooks."\n'
    'readme = "README.md"\n'
    'license = "MIT"\n'
    'requires-python = ">=3.10"\n'
    'classifiers = ["Development Status :: 4 - Beta", "Programming Language :: Python :: 3.12"]\n'
)
BROKEN = GOOD.replace('"0.3.0"', '"0.3.0+dirty"').replace("3.12", "3.9")
BROKEN_REPORT = [
    "pyproject.toml:3:1: RK103 version '0.3.0+dirty' has a local part '+dirty' (drop the +local part before releasing)",
    "pyproject.toml:8:50: RK115 classifier 'Programming Language :: Python :: 3.9' disagrees with requires-python "
    "'>=3.10' (make the classifiers and requires-python agree)",
    "releasekit: 1 error, 1 warning in pyproject.toml",
]


def test_declaration_runs_on_pyproject_only_and_gets_the_file_names() -> None:
    hooks: list[dict[str, Any]] = yaml.safe_load((source_root() / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = (hook for hook in hooks if hook["id"] == HOOK_ID)
    assert (hook["name"], hook["entry"], hook["files"], hook["pass_filenames"]) == (
        HOOK_NAME,
        "releasekit-check-metadata",
        r"^pyproject\.toml$",
        True,
    )
    assert "always_run" not in hook
    assert HOOKS[HOOK_ID] is main


def test_this_repository_runs_the_hook_on_itself() -> None:
    config = yaml.safe_load((source_root() / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks[HOOK_ID]["entry"] == f"python hooks/from_source.py {HOOK_ID}"
    assert hooks[HOOK_ID]["files"] == r"^pyproject\.toml$"


def test_hook_reports_every_problem(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(in_tmp, {"pyproject.toml": BROKEN, "README.md": "# consumer\n"})
    assert main(["pyproject.toml"]) == 1
    assert capsys.readouterr().out.splitlines() == BROKEN_REPORT


def test_hook_defaults_to_the_current_pyproject(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(in_tmp, {"pyproject.toml": GOOD.replace('">=3.10"', '">=3.10,<3.14"'), "README.md": "# consumer\n"})
    assert main([]) == 0
    assert main(["--strict"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "releasekit: 1 warning in pyproject.toml"


def test_hook_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--frobnicate"]) == 2
    assert "unrecognized arguments: --frobnicate" in capsys.readouterr().err


# --- end to end with real pre-commit -----------------------------------------------------------------------------

STATUS = re.compile(rf"{re.escape(HOOK_NAME)}\.+(?P<status>Passed|Failed|\(no files to check\)Skipped)")


@pytest.fixture
def consumer(tmp_path: Path, sandbox: Sandbox, releasekit_copy: tuple[Path, str]) -> Path:
    """A small project using the check-metadata hook, committed and installed as git's pre-commit hook."""
    config = pre_commit_config(*releasekit_copy, hook_ids=[HOOK_ID])
    files = {"pyproject.toml": GOOD, "README.md": "# consumer\n", ".pre-commit-config.yaml": config}
    root = make_repo(tmp_path / "consumer", files)
    run_ok(pre_commit("install"), root, sandbox.env)
    return root


def _status(output: str) -> str:
    match = STATUS.search(output)
    assert match is not None, output
    return match["status"]


@pytest.mark.e2e
def test_commit_with_metadata_pypi_rejects_is_blocked_then_passes_once_fixed(consumer: Path, sandbox: Sandbox) -> None:
    write_files(consumer, {"pyproject.toml": BROKEN})
    run_ok(["git", "add", "pyproject.toml"], consumer, sandbox.env)
    blocked = run(["git", "commit", "-m", "Broken metadata"], consumer, sandbox.env)
    assert blocked.returncode != 0, blocked.output
    assert _status(blocked.output) == "Failed"
    assert hook_report(blocked.lines, HOOK_NAME, HOOK_ID)[1] == BROKEN_REPORT

    write_files(consumer, {"pyproject.toml": GOOD.replace('"0.3.0"', '"0.3.1"')})
    run_ok(["git", "add", "pyproject.toml"], consumer, sandbox.env)
    commit = run(["git", "commit", "-m", "Release 0.3.1"], consumer, sandbox.env)
    assert commit.returncode == 0, commit.output
    assert _status(commit.output) == "Passed"


@pytest.mark.e2e
def test_commit_not_touching_pyproject_skips_the_hook(consumer: Path, sandbox: Sandbox) -> None:
    write_files(consumer, {"README.md": "# consumer\n\nMore words.\n"})
    run_ok(["git", "add", "README.md"], consumer, sandbox.env)
    commit = run(["git", "commit", "-m", "Docs"], consumer, sandbox.env)
    assert commit.returncode == 0, commit.output
    assert _status(commit.output) == "(no files to check)Skipped"
