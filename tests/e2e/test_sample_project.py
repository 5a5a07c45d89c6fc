"""`releasekit check` on `mypylogger`, the layout of our first user: every reference, no decoy, any git state."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from releasekit.cli.main import main
from releasekit.references.kinds import KIND_IDS
from tests.helpers.git_repos import git
from tests.helpers.sample_project import (
    DECOY_FILES,
    ExpectedReference,
    build_mypylogger,
    canonical_source,
    mypylogger_references,
    rewrite_reference,
    set_project_version,
)

BUILT = "0.2.0"
BUMPED = "0.2.1"
OLDER = "0.1.9"
REFERENCES = mypylogger_references(BUILT)
CACHE_FILE = Path(".git", "releasekit", "scan-cache")

# How a change reaches the checker: committed, only staged, or only in the working tree.
STATES = ("committed", "staged", "unstaged")


def record(root: Path, state: str, message: str) -> None:
    """Leave the working-tree changes at ``root`` committed, staged, or unstaged."""
    if state in ("committed", "staged"):
        git(root, "add", "-A")
    if state == "committed":
        git(root, "commit", "-q", "--no-gpg-sign", "-m", message)


def check(capsys: pytest.CaptureFixture[str], root: Path, *options: str) -> tuple[int, list[str]]:
    """Run `releasekit check` in-process; its exit code and its stdout lines (stderr must stay empty)."""
    capsys.readouterr()
    code = main(["check", str(root), *options])
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, captured.out.splitlines()


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def agree_summary(references: Sequence[ExpectedReference], version: str) -> str:
    files = len({reference.path for reference in references})
    return (
        f"releasekit: {plural(len(references), 'reference')} in {plural(files, 'file')} "
        f"agree on {version} from {canonical_source()}"
    )


def stale_summary(stale: Sequence[ExpectedReference], version: str) -> str:
    files = len({reference.path for reference in stale})
    return (
        f"releasekit: {plural(len(stale), 'stale version reference')} in {plural(files, 'file')}; "
        f"expected {version} from {canonical_source()}"
    )


def after_pyproject_moved(version: str) -> tuple[ExpectedReference, ...]:
    """The references once only pyproject.toml says ``version``."""
    return tuple(
        reference.respelled(version) if reference.kind == "pyproject" else reference for reference in REFERENCES
    )


def stale_of(references: Sequence[ExpectedReference], version: str) -> list[ExpectedReference]:
    return [reference for reference in references if not reference.agrees_with(version)]


def listing(references: Sequence[ExpectedReference], version: str) -> list[str]:
    """The exact `check --list` lines: every reference, stale or ok, then the summary."""
    lines = [
        reference.ok_line() if reference.agrees_with(version) else reference.stale_line(version)
        for reference in references
    ]
    stale = stale_of(references, version)
    return [*lines, stale_summary(stale, version) if stale else agree_summary(references, version)]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return build_mypylogger(tmp_path / "mypylogger", BUILT)


@pytest.fixture
def bumped(project: Path, request: pytest.FixtureRequest) -> Path:
    """The project with only `[project].version` moved to 0.2.1, recorded as ``request.param`` says."""
    set_project_version(project, BUMPED, current=BUILT)
    record(project, request.param, f"Bump to {BUMPED}")
    return project


# --- the sample itself -------------------------------------------------------------------------------------------


def test_sample_holds_every_reference_the_issue_lists() -> None:
    assert len(REFERENCES) == 17
    assert canonical_source() == "pyproject.toml:3 ([project].version)"
    assert agree_summary(REFERENCES, BUILT) == (
        "releasekit: 17 references in 12 files agree on 0.2.0 from pyproject.toml:3 ([project].version)"
    )
    assert {reference.kind for reference in REFERENCES} <= KIND_IDS
    by_path = {reference.path for reference in REFERENCES}
    assert {
        "pyproject.toml",
        "src/mypylogger/__init__.py",
        "README.md",
        "docs/index.md",
        "docs/conf.py",
        "tests/unit/test_core.py",
        "tests/unit/test_public_api.py",
        "tests/performance/test_throughput.py",
        "scripts/release.sh",
        ".kiro/steering/product.md",
    } <= by_path
    assert [(reference.kind, reference.text) for reference in REFERENCES if reference.path == "docs/conf.py"] == [
        ("sphinx-conf", "0.2.0"),
        ("sphinx-conf", "0.2"),
    ]
    (series,) = (reference for reference in REFERENCES if reference.form == "series")
    assert series.agrees_with(BUMPED)
    assert not series.agrees_with("0.3.0")


def test_decoys_are_tracked_and_hold_the_version(project: Path) -> None:
    """The decoys are really there: a check that stays silent about them is ignoring them, not missing them."""
    assert set(DECOY_FILES) <= set(git(project, "ls-files").splitlines())
    assert '    "otherlib==0.2.0",\n' in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert "otherlib==0.2.0\n" in (project / "requirements-dev.txt").read_text(encoding="utf-8")
    changelog = (project / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
    assert "## [0.2.0] - 2025-01-02" in changelog
    assert "## 0.1.0 (2024-11-02)" in changelog
    assert 'SCHEMA_VERSION = "10.2.0"' in (project / "src/mypylogger/formatter.py").read_text(encoding="utf-8")
    for binary in ("assets/logo.bin", "assets/splash.img"):
        data = (project / binary).read_bytes()
        assert b"\0" in data
        assert b"mypylogger 0.2.0\0" in data


@pytest.mark.e2e
@pytest.mark.parametrize("version", ["0.2.0", "1.4.2"], ids=["at-0.2.0", "at-1.4.2"])
def test_sample_test_suite_passes(tmp_path: Path, version: str) -> None:
    """mypylogger is a working project: its own tests pass under pytest (a later quality gate runs them)."""
    root = build_mypylogger(tmp_path / "mypylogger", version)
    home = tmp_path / "subprocess-home"
    home.mkdir()
    skipped = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "COVERAGE_PROCESS_START")
    env = {name: value for name, value in os.environ.items() if name not in skipped}
    env.update(HOME=str(home), PYTHONDONTWRITEBYTECODE="1")
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert re.fullmatch(r"5 passed in [\d.]+s", completed.stdout.splitlines()[-1]), completed.stdout


# --- check ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["0.2.0", "1.4.2"], ids=["at-0.2.0", "at-1.4.2"])
def test_consistent_project_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str) -> None:
    root = build_mypylogger(tmp_path / "mypylogger", version)
    references = mypylogger_references(version)
    assert check(capsys, root) == (0, [agree_summary(references, version)])


def test_consistent_summary_is_the_documented_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, project) == (
        0,
        ["releasekit: 17 references in 12 files agree on 0.2.0 from pyproject.toml:3 ([project].version)"],
    )


@pytest.mark.parametrize("bumped", STATES, indirect=True)
def test_moving_only_pyproject_reports_every_stale_reference(bumped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = stale_of(after_pyproject_moved(BUMPED), BUMPED)
    assert check(capsys, bumped) == (
        1,
        [*(reference.stale_line(BUMPED) for reference in stale), stale_summary(stale, BUMPED)],
    )


@pytest.mark.parametrize("bumped", ["committed"], indirect=True)
def test_stale_report_is_the_documented_text(bumped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same report spelled out once by hand, so a generator bug cannot hide behind itself."""
    expected = [
        ".kiro/steering/product.md:7:12: RK001 stale version 0.2.0, expected 0.2.1 (docs-mention)",
        ".kiro/steering/tech.md:3:31: RK001 stale version 0.2.0, expected 0.2.1 (docs-mention)",
        "README.md:1:14: RK001 stale version 0.2.0, expected 0.2.1 (docs-mention)",
        "README.md:8:25: RK001 stale version 0.2.0, expected 0.2.1 (pip-pin)",
        "docs/conf.py:5:12: RK001 stale version 0.2.0, expected 0.2.1 (sphinx-conf)",
        "docs/index.md:3:42: RK001 stale version 0.2.0, expected 0.2.1 (docs-mention)",
        "scripts/release.sh:5:28: RK001 stale version 0.2.0, expected 0.2.1 (docs-mention)",
        "scripts/smoke_install.sh:7:56: RK001 stale version 0.2.0, expected 0.2.1 (pip-pin)",
        "src/mypylogger/__init__.py:8:16: RK001 stale version 0.2.0, expected 0.2.1 (dunder-version)",
        "src/mypylogger/__init__.py:9:20: RK001 stale version 0.2.0, expected 0.2.1 (version-tuple)",
        "tests/performance/test_throughput.py:28:23: RK001 stale version 0.2.0, expected 0.2.1 (docs-mention)",
        "tests/performance/test_throughput.py:31:42: RK001 stale version 0.2.0, expected 0.2.1 (test-assertion)",
        "tests/unit/test_core.py:12:28: RK001 stale version 0.2.0, expected 0.2.1 (test-assertion)",
        "tests/unit/test_public_api.py:19:39: RK001 stale version 0.2.0, expected 0.2.1 (test-assertion)",
        "tests/unit/test_public_api.py:20:43: RK001 stale version 0.2.0, expected 0.2.1 (test-assertion)",
        "releasekit: 15 stale version references in 11 files; expected 0.2.1 from pyproject.toml:3 ([project].version)",
    ]
    assert check(capsys, bumped) == (1, expected)


def test_list_shows_every_reference_when_consistent(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, project, "--list") == (0, listing(REFERENCES, BUILT))


@pytest.mark.parametrize("bumped", STATES, indirect=True)
def test_list_shows_every_reference_stale_or_not(bumped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check(capsys, bumped, "--list")
    assert (code, lines) == (1, listing(after_pyproject_moved(BUMPED), BUMPED))
    assert "docs/conf.py:6:12: ok 0.2 (sphinx-conf)" in lines
    assert "pyproject.toml:3:12: ok 0.2.1 (pyproject)" in lines


def json_references(references: Sequence[ExpectedReference], version: str) -> list[dict[str, Any]]:
    return [
        {
            "path": reference.path,
            "line": reference.line,
            "column": reference.column,
            "kind": reference.kind,
            "text": reference.text,
            "value": reference.value,
            "stale": not reference.agrees_with(version),
        }
        for reference in references
    ]


def check_json(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["check", str(root), "--format", "json"])
    captured = capsys.readouterr()
    assert captured.err == ""
    document: dict[str, Any] = json.loads(captured.out)
    return code, document


def projected(document: dict[str, Any]) -> list[dict[str, Any]]:
    keys = ("path", "line", "column", "kind", "text", "value", "stale")
    return [{key: item[key] for key in keys} for item in document["references"]]


def test_json_lists_every_reference_when_consistent(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, document = check_json(capsys, project)
    assert code == 0
    assert (document["version"], document["consistent"], document["stale"]) == (BUILT, True, 0)
    assert projected(document) == json_references(REFERENCES, BUILT)


@pytest.mark.parametrize("bumped", STATES, indirect=True)
def test_json_lists_the_same_references(bumped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    references = after_pyproject_moved(BUMPED)
    code, document = check_json(capsys, bumped)
    assert code == 1
    assert (document["version"], document["consistent"], document["stale"]) == (BUMPED, False, 15)
    assert document["source"] == {"path": "pyproject.toml", "line": 3, "method": "[project].version", "text": BUMPED}
    assert projected(document) == json_references(references, BUMPED)


# --- the scan cache ------------------------------------------------------------------------------------------------


def cache_file_identity(cache: Path) -> tuple[int, int, bytes]:
    """The cache file's inode, mtime and content: a rewrite (a temporary file moved over it) changes them."""
    status = cache.stat()
    return status.st_ino, status.st_mtime_ns, cache.read_bytes()


@pytest.mark.parametrize("bumped", ["committed", "staged", "unstaged"], indirect=True)
def test_second_run_from_cache_is_identical(bumped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = check(capsys, bumped)
    assert first[0] == 1
    cache = bumped / CACHE_FILE
    assert cache.is_file(), "the first run did not write the scan cache, so nothing below exercises it"
    written = cache_file_identity(cache)

    assert check(capsys, bumped) == first

    # Files whose working copy matches the index come from the cache; a file edited but not
    # staged is read again every time and never stored, so a second run has nothing to rewrite.
    assert cache_file_identity(cache) == written
    assert check(capsys, bumped, "--no-cache") == first


def pick(path: str, kind: str) -> ExpectedReference:
    (found,) = (reference for reference in REFERENCES if reference.path == path and reference.kind == kind)
    return found


EDITED = [
    pick("README.md", "docs-mention"),
    pick("src/mypylogger/__init__.py", "dunder-version"),
    pick("src/mypylogger/__init__.py", "version-tuple"),
    pick("tests/unit/test_core.py", "test-assertion"),
]


def edit_id(value: object) -> str:
    if isinstance(value, ExpectedReference):
        return f"{value.path}:{value.line}-{value.kind}"
    return str(value)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("reference", EDITED, ids=edit_id)
def test_cache_never_hides_a_stale_reference(
    project: Path, capsys: pytest.CaptureFixture[str], reference: ExpectedReference, state: str
) -> None:
    consistent = (0, [agree_summary(REFERENCES, BUILT)])
    assert check(capsys, project) == consistent
    assert (project / CACHE_FILE).is_file()
    assert check(capsys, project) == consistent

    # Same length as the original: only the content, never the size, tells the edit apart.
    stale = rewrite_reference(project, reference, OLDER)
    assert len(stale.text) == len(reference.text)
    record(project, state, "Stale reference")
    expected = (1, [stale.stale_line(BUILT), stale_summary([stale], BUILT)])
    assert check(capsys, project) == expected
    assert check(capsys, project) == expected

    rewrite_reference(project, stale, BUILT)
    record(project, state, "Fix the reference")
    assert check(capsys, project) == consistent
