"""`bump --dry-run` shows the whole diff first, then what a real run would refuse; its exit status says which."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from releasekit.cli.main import main
from tests.e2e.test_bump_git import connect, repo_state
from tests.helpers.bump_projects import SMALL, snapshot
from tests.helpers.git_refusals import detach, remove_origin, tag_locally
from tests.helpers.git_repos import git, make_repo

DIFF_START = "--- a/README.md\n+++ b/README.md\n"
WOULD_BUMP = "releasekit: would bump 1.2.3 \u2192 1.2.4: 6 references in 4 files (dry run: nothing written)\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    root = connect(make_repo(tmp_path / "my-pkg", SMALL), remote)
    monkeypatch.chdir(root)
    return root, remote


def make_stale(root: Path) -> None:
    (root / "docs").mkdir()
    (root / "docs/conf.py").write_text("release = '1.2.2'\n", encoding="utf-8")
    git(root, "add", "docs/conf.py")
    git(root, "commit", "-q", "-m", "docs")
    git(root, "push", "-q")


CASES = [
    pytest.param(
        detach,
        4,
        "releasekit: error: HEAD is detached (not on a branch): the release commit would belong to no branch\n"
        "releasekit: hint: check out the release branch first (`git switch <branch>`), or pass --no-commit\n",
        id="detached-head",
    ),
    pytest.param(
        remove_origin,
        4,
        "releasekit: error: there is no remote to push to: branch main has no upstream and there is no `origin` "
        "remote\nreleasekit: hint: add one (`git remote add origin URL` then `git push -u origin main`), "
        "or pass --no-push\n",
        id="no-remote",
    ),
    pytest.param(
        tag_locally,
        4,
        "releasekit: error: tag v1.2.4 already exists (at {head})\n"
        "releasekit: hint: choose another version, or delete the tag if it was a mistake (`git tag -d v1.2.4`)\n",
        id="tag-exists",
    ),
]


@pytest.mark.parametrize(("setup", "code", "err"), CASES)
def test_the_diff_comes_first_then_the_refusal(
    project: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    setup: Callable[[Path, str], None],
    code: int,
    err: str,
) -> None:
    root, remote = project
    setup(root, "v1.2.4")
    before, state = snapshot(root), repo_state(root, remote)
    assert main(["bump", "patch", "--dry-run"]) == code
    captured = capsys.readouterr()
    assert captured.out.startswith(DIFF_START)
    assert captured.out.endswith(WOULD_BUMP)
    assert captured.err == err.format(head=state.head[:12])
    assert (snapshot(root), repo_state(root, remote)) == (before, state)


def test_stale_references_are_shown_fixed_in_the_diff_then_refused(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = project
    make_stale(root)
    detach(root, "v1.2.4")
    before = snapshot(root)
    assert main(["bump", "patch", "--dry-run"]) == 1
    captured = capsys.readouterr()
    assert "--- a/docs/conf.py\n+++ b/docs/conf.py\n@@ -1 +1 @@\n-release = '1.2.2'\n+release = '1.2.4'\n" in (
        captured.out
    )
    assert captured.out.endswith(
        "docs/conf.py:1:12: would fix stale version 1.2.2 \u2192 1.2.4 (sphinx-conf)\n"
        "releasekit: would bump 1.2.3 \u2192 1.2.4: 7 references in 5 files (dry run: nothing written)\n"
        "docs/conf.py:1:12: RK001 stale version 1.2.2, expected 1.2.3 (sphinx-conf)\n"
    )
    assert captured.err == (
        "releasekit: validation error: 1 reference is already stale; bump refuses to start\n"
        "and: HEAD is detached (not on a branch): the release commit would belong to no branch "
        "(check out the release branch first (`git switch <branch>`), or pass --no-commit)\n"
        "releasekit: hint: fix them first, or pass --fix-stale to rewrite them to the new version too\n"
    )
    assert snapshot(root) == before


def test_a_dry_run_a_real_run_would_accept_exits_zero(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bump", "patch", "--dry-run"]) == 0
    assert capsys.readouterr().out.endswith(WOULD_BUMP)
