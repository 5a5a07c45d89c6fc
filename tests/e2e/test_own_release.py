"""releasekit releases itself: on a copy of this repository, `bump patch` moves every reference and its CHANGELOG."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from packaging.version import Version

import releasekit
from releasekit.cli.main import main
from tests.helpers.bump_projects import snapshot
from tests.helpers.git_repos import git
from tests.helpers.pre_commit_harness import copy_working_tree, source_root

LINKS = "https://github.com/releasekit/releasekit"


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root, _ = copy_working_tree(source_root(), tmp_path / "releasekit", os.environ)
    monkeypatch.chdir(root)
    return root


def released(changelog: str, old: str, new: str, day: str) -> str:
    """The changelog as a release must leave it: a fresh Unreleased section, the old one dated, links moved."""
    assert changelog.count("## [Unreleased]\n") == 1
    return changelog.replace("## [Unreleased]\n", f"## [Unreleased]\n\n## [{new}] - {day}\n").replace(
        f"[Unreleased]: {LINKS}/compare/v{old}...HEAD\n",
        f"[Unreleased]: {LINKS}/compare/v{new}...HEAD\n[{new}]: {LINKS}/compare/v{old}...v{new}\n",
    )


def test_bump_patch_releases_the_changelog(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = Version(releasekit.__version__)
    new = f"{old.major}.{old.minor}.{old.micro + 1}"
    before = snapshot(copy)
    changelog = (copy / "CHANGELOG.md").read_text(encoding="utf-8")

    assert main(["bump", "--dry-run", "patch", "--no-push", "--yes"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"releasekit: CHANGELOG.md: would release the Unreleased section as {new}"
    assert snapshot(copy) == before

    assert main(["bump", "patch", "--no-push", "--yes"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"releasekit: tagged v{new}"
    day = datetime.date.today().isoformat()
    assert (copy / "CHANGELOG.md").read_text(encoding="utf-8") == released(changelog, str(old), new, day)
    assert git(copy, "tag", "--points-at", "HEAD").split() == [f"v{new}"]
    assert git(copy, "status", "--porcelain") == ""
    assert main(["check", "."]) == 0
    assert f" agree on {new} from pyproject.toml:" in capsys.readouterr().out
