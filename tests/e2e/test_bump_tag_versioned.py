"""Projects versioned from git tags (setuptools-scm, hatch-vcs): bump moves their files, and the tag is the release.

Real repositories with a real bare remote, through ``main([...])`` in-process.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from releasekit.cli.main import main
from tests.e2e.test_bump_git import install_hook, repo_state
from tests.helpers.git_repos import git, make_repo

SCM_PROJECT = {
    "pyproject.toml": '[build-system]\nrequires = ["setuptools>=64", "setuptools-scm>=8"]\n'
    'build-backend = "setuptools.build_meta"\n\n[project]\nname = "scm-pkg"\ndynamic = ["version"]\n'
    'urls = {Repository = "https://github.com/me/scm-pkg"}\n\n[tool.setuptools_scm]\nfallback_version = "3.8.0"\n',
    "src/scm_pkg/__init__.py": "try:\n    from ._version import version as __version__\n"
    'except ImportError:  # not installed\n    __version__ = "3.8.0"\n',
    "docs/conf.py": "project = 'scm-pkg'\nversion = release = '3.8.0'\n",
    "README.md": "# scm-pkg\n\n![](https://img.shields.io/github/commits-since/me/scm-pkg/v3.8.0)\n",
}
VCS_PROJECT = {
    "pyproject.toml": '[build-system]\nrequires = ["hatchling", "hatch-vcs"]\nbuild-backend = "hatchling.build"\n\n'
    '[project]\nname = "vcs-pkg"\ndynamic = ["version"]\n\n[tool.hatch.version]\nsource = "vcs"\n',
    "README.md": "# vcs-pkg\n",
}


def released(tmp_path: Path, files: dict[str, str], tag: str) -> tuple[Path, Path]:
    """The project committed, tagged ``tag`` and pushed with it to a bare remote; the current directory."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    root = make_repo(tmp_path / "project", files)
    git(root, "tag", "-a", "-m", "release", tag)
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "-u", "origin", "main", tag)
    return root, remote


def run_bump(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["bump", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_files_move_then_the_commit_is_tagged_and_pushed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, remote = released(tmp_path, SCM_PROJECT, "v3.8.0")
    monkeypatch.chdir(root)
    # The user's own version-consistency hook runs inside the release commit: it judges against the new tag.
    install_hook(
        root / ".git", "pre-commit", f"#!/bin/sh\n{sys.executable} -m releasekit check && touch .git/checked\n"
    )
    code, out, err = run_bump(capsys, "patch", "--yes")
    head = git(root, "rev-parse", "HEAD").strip()
    assert (code, err) == (0, "")
    assert (root / ".git" / "checked").exists()
    assert out.splitlines() == [
        "releasekit: bumped 3.8.0 \u2192 3.8.1: 4 references in 4 files, verified",
        f"releasekit: committed {head[:12]}",
        "releasekit: tagged v3.8.1",
        "releasekit: pushed to origin",
    ]
    for path, content in SCM_PROJECT.items():
        assert (root / path).read_text(encoding="utf-8") == content.replace("3.8.0", "3.8.1")
    assert git(root, "cat-file", "-t", "v3.8.1") == "tag\n"
    assert repo_state(root, remote) == repo_state(root, remote)._replace(
        head=head, tags=["v3.8.0", "v3.8.1"], staged=[], status=[], remote_head=head, remote_tags=["v3.8.0", "v3.8.1"]
    )
    assert main(["check"]) == 0
    assert capsys.readouterr().out.endswith("agree on 3.8.1 from git tag v3.8.1 (latest git tag)\n")


def test_a_release_commit_without_its_tag_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, remote = released(tmp_path, SCM_PROJECT, "v3.8.0")
    monkeypatch.chdir(root)
    before = repo_state(root, remote)
    assert run_bump(capsys, "patch", "--no-tag") == (
        2,
        "",
        "releasekit: error: the version comes from the git tag v3.8.0: a release commit without its tag would "
        "leave the files at 3.8.1 while the version stays 3.8.0\n"
        "releasekit: hint: drop --no-tag (--no-push keeps the commit and tag local), or --no-commit to write the "
        "files only\n",
    )
    assert repo_state(root, remote) == before


def test_with_no_file_reference_the_tag_alone_is_the_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, remote = released(tmp_path, VCS_PROJECT, "1.4.0")
    monkeypatch.chdir(root)
    head = git(root, "rev-parse", "HEAD").strip()
    assert run_bump(capsys, "minor", "--dry-run") == (
        0,
        "releasekit: would release 1.4.0 \u2192 1.5.0 as a tag alone: no file holds the version "
        "(dry run: nothing tagged)\n",
        "",
    )
    assert git(root, "tag", "-l") == "1.4.0\n"
    assert run_bump(capsys, "minor", "--no-commit") == (
        2,
        "",
        "releasekit: error: no file holds the version 1.4.0, which comes from the git tag 1.4.0: the release is "
        "the tag 1.5.0 alone, and --no-commit leaves nothing to do\n"
        "releasekit: hint: run it without --no-commit to create (and push) the tag\n",
    )
    assert run_bump(capsys, "minor") == (
        0,
        "releasekit: released 1.4.0 \u2192 1.5.0 as a tag alone: no file holds the version\n"
        "releasekit: tagged 1.5.0\nreleasekit: pushed to origin\n",
        "",
    )
    # The tag keeps the project's spelling (no ``v``), on the commit that was HEAD; nothing else moved.
    assert git(root, "rev-parse", "1.5.0^{commit}").strip() == head == git(root, "rev-parse", "HEAD").strip()
    assert git(root, "cat-file", "-t", "1.5.0") == "tag\n"
    assert git(remote, "tag", "-l").split() == ["1.4.0", "1.5.0"]
    assert git(root, "status", "--porcelain") == ""


class TagCase(NamedTuple):
    version: str
    tag: str
    argv: list[str]
    new_tag: str
    written: str


TAG_CASES = [
    pytest.param(
        TagCase("2026.06.17", "2026.06.17", ["--new-version", "2026.07.22"], "2026.07.22", "2026.07.22"),
        id="calendar-as-typed",
    ),
    pytest.param(TagCase("7.2.1", "release-7.2.1", ["patch"], "release-7.2.2", "7.2.2"), id="release-prefix"),
    # No tag for 1.0.0: the newest release tag below it says how tags are spelled.
    pytest.param(TagCase("1.0.0", "v0.9.0", ["minor"], "v1.1.0", "1.1.0"), id="from-an-older-tag"),
]


@pytest.mark.parametrize("case", TAG_CASES)
def test_the_new_tag_is_spelled_like_the_projects_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], case: TagCase
) -> None:
    files = {
        "pyproject.toml": f'[project]\nname = "cal-pkg"\nversion = "{case.version}"\n',
        "cal_pkg/__init__.py": f'__version__ = "{case.version}"\n',
    }
    root, remote = released(tmp_path, files, case.tag)
    monkeypatch.chdir(root)
    assert main(["bump", *case.argv, "--yes"]) == 0
    assert f"releasekit: tagged {case.new_tag}\n" in capsys.readouterr().out
    assert git(remote, "tag", "-l", case.new_tag) == f"{case.new_tag}\n"
    assert (root / "cal_pkg/__init__.py").read_text(encoding="utf-8") == f'__version__ = "{case.written}"\n'


def test_a_tag_alone_whose_push_fails_is_owed_until_recover_pushes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tag exists locally and the remote refused it: nothing may pass as released until it is pushed."""
    root, remote = released(tmp_path, VCS_PROJECT, "1.4.0")
    monkeypatch.chdir(root)
    install_hook(remote, "pre-receive", '#!/bin/sh\necho "pushes are closed today"\nexit 1\n')
    code, out, err = run_bump(capsys, "minor")
    assert code == 4
    assert "releasekit: tagged 1.5.0\n" in out
    assert git(root, "tag", "-l").split() == ["1.4.0", "1.5.0"]
    assert git(remote, "tag", "-l").split() == ["1.4.0"]
    # check, and with it the hook on every commit, names the owed push and its exact command.
    assert main(["check"]) == 1
    owed = capsys.readouterr().err
    assert "git push --atomic origin" in owed and "1.5.0" in owed, owed
    (remote / "hooks" / "pre-receive").unlink()
    code, out, err = run_bump(capsys, "--recover")
    assert (code, err) == (0, ""), (out, err)
    assert git(remote, "tag", "-l").split() == ["1.4.0", "1.5.0"]
    assert main(["check"]) == 0


def test_a_tag_git_refuses_leaves_no_release_and_no_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, remote = released(tmp_path, VCS_PROJECT, "1.4.0")
    monkeypatch.chdir(root)
    git(root, "config", "tag.gpgSign", "true")
    git(root, "config", "gpg.program", "false")  # signing fails: git refuses the tag
    code, _out, err = run_bump(capsys, "minor")
    assert code == 4
    assert "git tag 1.5.0 failed; nothing was released" in err
    assert git(root, "tag", "-l").split() == ["1.4.0"]
    assert git(remote, "tag", "-l").split() == ["1.4.0"]
    assert main(["check"]) == 0  # no journal left behind to block commits
