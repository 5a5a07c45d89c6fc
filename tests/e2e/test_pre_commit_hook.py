"""The `version-consistency` pre-commit hook, declared and installed for real.

The e2e tests build releasekit's current working tree into a hook environment once per
session (pip builds the wheel with hatchling from PyPI), then drive real `git commit` and
`pre-commit run` in a consumer repository: mypylogger, the sample of our first user.
"""

from __future__ import annotations

import importlib
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped,unused-ignore]  # PyYAML comes with pre-commit; types-PyYAML is not a dependency

from releasekit.cli.main import main
from releasekit_hooks.version_consistency import FIX_HINT
from tests.helpers.pre_commit_harness import (
    HOOK_ID,
    HOOK_NAME,
    Sandbox,
    hook_report,
    pre_commit,
    pre_commit_config,
    run,
    run_ok,
    source_root,
)
from tests.helpers.sample_project import (
    build_mypylogger,
    canonical_source,
    mypylogger_references,
    rewrite_reference,
    set_project_version,
)

BUILT = "0.2.0"
BUMPED = "0.2.1"
REFERENCES = mypylogger_references(BUILT)
STATUS = re.compile(rf"{re.escape(HOOK_NAME)}\.+(?P<status>Passed|Failed)")


# --- the hook declarations (no network, no subprocess) ---------------------------------------------------------


def _hooks() -> list[dict[str, Any]]:
    hooks: list[dict[str, Any]] = yaml.safe_load((source_root() / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return hooks


def _scripts() -> dict[str, str]:
    pyproject = tomllib.loads((source_root() / "pyproject.toml").read_text("utf-8"))
    scripts: dict[str, str] = pyproject["project"]["scripts"]
    return scripts


HOOKS = _hooks()


def test_hooks_file_declares_the_version_consistency_hook() -> None:
    assert HOOK_ID in [hook["id"] for hook in HOOKS]


@pytest.mark.parametrize("hook", HOOKS, ids=[hook["id"] for hook in HOOKS])
def test_hook_entry_is_a_declared_console_script(hook: dict[str, Any]) -> None:
    command = shlex.split(hook["entry"])[0]
    scripts = _scripts()
    assert command in scripts, f"{hook['id']}: entry {command!r} is not in [project.scripts] {sorted(scripts)}"
    module, _, function = scripts[command].partition(":")
    assert callable(getattr(importlib.import_module(module), function))


@pytest.mark.parametrize("hook", HOOKS, ids=[hook["id"] for hook in HOOKS])
def test_hook_is_listed_in_readme(hook: dict[str, Any]) -> None:
    readme = (source_root() / "README.md").read_text("utf-8")
    assert re.search(rf"(?<![\w-]){re.escape(hook['id'])}(?![\w-])", readme), (
        f"README.md does not mention the hook id {hook['id']!r}"
    )


# --- end to end with real pre-commit -----------------------------------------------------------------------------


# The session's `sandbox` and `releasekit_copy` fixtures live in conftest.py: every hook's e2e tests share them.


@pytest.fixture
def consumer(tmp_path: Path, sandbox: Sandbox, releasekit_copy: tuple[Path, str]) -> Path:
    """mypylogger at 0.2.0 with the hook configured, committed and installed as git's pre-commit hook."""
    root = build_mypylogger(tmp_path / "mypylogger", BUILT)
    (root / ".pre-commit-config.yaml").write_text(pre_commit_config(*releasekit_copy), encoding="utf-8")
    run_ok(["git", "add", ".pre-commit-config.yaml"], root, sandbox.env)
    run_ok(["git", "commit", "-q", "--no-verify", "-m", "Use releasekit's pre-commit hook"], root, sandbox.env)
    run_ok(pre_commit("install"), root, sandbox.env)
    assert (root / ".git" / "hooks" / "pre-commit").is_file()
    return root


def head(root: Path, sandbox: Sandbox) -> str:
    return run_ok(["git", "rev-parse", "HEAD"], root, sandbox.env).strip()


HOOK_HINT = f"releasekit: hint: {FIX_HINT}"  # the hook names the fix after check's report


def expected_stale_report() -> list[str]:
    """What the hook prints once only pyproject.toml says 0.2.1: one RK001 line per stale reference, a summary."""
    stale = [
        reference
        for reference in REFERENCES
        if reference.kind != "pyproject" and not reference.agrees_with(BUMPED)  # pyproject.toml itself moved
    ]
    files = len({reference.path for reference in stale})
    summary = (
        f"releasekit: {len(stale)} stale version references in {files} files; "
        f"expected {BUMPED} from {canonical_source()}"
    )
    return [*(reference.stale_line(BUMPED) for reference in stale), summary]


def test_expected_stale_report_holds_the_test_assertions() -> None:
    report = expected_stale_report()
    assert len(report) == 16
    assert "tests/unit/test_core.py:12:28: RK001 stale version 0.2.0, expected 0.2.1 (test-assertion)" in report
    assert "tests/unit/test_public_api.py:19:39: RK001 stale version 0.2.0, expected 0.2.1 (test-assertion)" in report
    assert report[-1] == (
        "releasekit: 15 stale version references in 11 files; expected 0.2.1 from pyproject.toml:3 ([project].version)"
    )


def fix_every_reference(root: Path) -> None:
    """Bring every other reference to 0.2.1 in place (right to left, so columns on a line stay true)."""
    for reference in reversed(REFERENCES):
        if reference.kind != "pyproject":
            rewrite_reference(root, reference, BUMPED)


@pytest.mark.e2e
def test_commit_moving_only_pyproject_is_blocked(consumer: Path, sandbox: Sandbox) -> None:
    before = head(consumer, sandbox)
    set_project_version(consumer, BUMPED, current=BUILT)
    run_ok(["git", "add", "pyproject.toml"], consumer, sandbox.env)

    commit = run(["git", "commit", "-m", f"Release {BUMPED}"], consumer, sandbox.env)

    assert commit.returncode != 0, commit.output
    status, report = hook_report(commit.lines)
    assert STATUS.fullmatch(status) is not None and status.endswith("Failed"), commit.output
    assert report == [*expected_stale_report(), HOOK_HINT], commit.output
    assert head(consumer, sandbox) == before
    assert run_ok(["git", "diff", "--cached", "--name-only"], consumer, sandbox.env) == "pyproject.toml\n"


@pytest.mark.e2e
def test_commit_passes_once_every_reference_is_fixed(consumer: Path, sandbox: Sandbox) -> None:
    before = head(consumer, sandbox)
    set_project_version(consumer, BUMPED, current=BUILT)
    run_ok(["git", "add", "pyproject.toml"], consumer, sandbox.env)
    blocked = run(["git", "commit", "-m", f"Release {BUMPED}"], consumer, sandbox.env)
    assert blocked.returncode != 0, blocked.output

    fix_every_reference(consumer)
    run_ok(["git", "add", "-A"], consumer, sandbox.env)
    commit = run(["git", "commit", "-m", f"Release {BUMPED}"], consumer, sandbox.env)

    assert commit.returncode == 0, commit.output
    status, report = hook_report(commit.lines)
    assert STATUS.fullmatch(status) is not None and status.endswith("Passed"), commit.output
    assert report == []
    after = head(consumer, sandbox)
    assert after != before
    assert run_ok(["git", "rev-parse", "HEAD~1"], consumer, sandbox.env).strip() == before
    assert run_ok(["git", "status", "--porcelain"], consumer, sandbox.env) == ""


@pytest.mark.e2e
def test_pre_commit_run_all_files_passes_when_consistent(consumer: Path, sandbox: Sandbox) -> None:
    result = run(pre_commit("run", HOOK_ID, "--all-files"), consumer, sandbox.env)

    assert result.returncode == 0, result.output
    status, report = hook_report(result.lines)
    assert STATUS.fullmatch(status) is not None and status.endswith("Passed"), result.output
    assert report == []


@pytest.mark.e2e
@pytest.mark.parametrize("staged", [True, False], ids=["staged", "unstaged"])
def test_pre_commit_run_all_files_reports_stale_references(consumer: Path, sandbox: Sandbox, staged: bool) -> None:
    set_project_version(consumer, BUMPED, current=BUILT)
    if staged:
        run_ok(["git", "add", "pyproject.toml"], consumer, sandbox.env)

    result = run(pre_commit("run", HOOK_ID, "--all-files"), consumer, sandbox.env)

    assert result.returncode == 1, result.output
    status, report = hook_report(result.lines)
    assert STATUS.fullmatch(status) is not None and status.endswith("Failed"), result.output
    assert report == [*expected_stale_report(), HOOK_HINT], result.output


@pytest.mark.e2e
def test_hook_and_library_agree(consumer: Path, sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    """The installed hook prints exactly what `releasekit check` prints in-process on the same tree."""
    set_project_version(consumer, BUMPED, current=BUILT)
    result = run(pre_commit("run", HOOK_ID, "--all-files"), consumer, sandbox.env)
    capsys.readouterr()
    code = main(["check", str(consumer), "--no-cache"])
    assert (result.returncode, hook_report(result.lines)[1]) == (
        code,
        [*capsys.readouterr().out.splitlines(), HOOK_HINT],
    )
