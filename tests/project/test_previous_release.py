"""The previous release: git tags first (packed, loose, linked work trees), else the changelog."""

from __future__ import annotations

from pathlib import Path

import pytest
from packaging.version import Version

from releasekit.cli.main import main
from releasekit.git.plumbing import tag_names
from releasekit.project.previous_release import own_tag_prefixes, previous_release, tag_release
from tests.helpers.git_repos import git, make_repo, write_files

NAMES = ("my-pkg", "my_pkg")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("1.2.3", (1, 2, 3)),
        ("v1.2.3", (1, 2, 3)),
        ("release-5.9.8", (5, 9, 8)),
        ("my-pkg-1.2.3", (1, 2, 3)),
        ("my_pkg-v1.2.3", (1, 2, 3)),
        ("releases/1.2.3", (1, 2, 3)),
        ("rel_2_0_52", (2, 0, 52)),
        ("release_v3.00", (3, 0)),
        ("v2.14.0b1", None),
        ("v2.0.0-rc.1", None),
        ("1.2.3.dev0", None),
        ("core-v2.48.0", None),
        ("docs-1.0", None),
        ("nightly", None),
    ],
)
def test_tag_release(tag: str, expected: tuple[int, ...] | None) -> None:
    assert tag_release(tag, own_tag_prefixes(NAMES)) == expected


def tagged_repo(root: Path, tags: list[str]) -> Path:
    make_repo(root, {"README.md": "my-pkg\n"})
    for tag in tags:
        git(root, "tag", tag)
    return root


def test_newest_final_tag_below_canonical(tmp_path: Path) -> None:
    root = tagged_repo(tmp_path, ["v1.0.0", "v1.34.8", "1.34.9", "v1.34.10rc1", "v1.34.10", "1.35.0", "core-v1.34.9.5"])
    assert previous_release(root, (), Version("1.34.10"), NAMES) == Version("1.34.9")


def test_packed_and_loose_tags_are_both_read(tmp_path: Path) -> None:
    root = tagged_repo(tmp_path, ["v1.0.0", "series/v1.1.0"])
    git(root, "pack-refs", "--all")
    git(root, "tag", "-a", "v1.2.0", "-m", "annotated, loose")
    assert sorted(tag_names(root)) == ["series/v1.1.0", "v1.0.0", "v1.2.0"]
    assert previous_release(root, (), Version("1.3.0"), NAMES) == Version("1.2.0")


def test_a_linked_work_tree_reads_the_common_tags(tmp_path: Path) -> None:
    main_checkout = tagged_repo(tmp_path / "main", ["v1.0.0"])
    linked = tmp_path / "linked"
    git(main_checkout, "worktree", "add", "-q", "--detach", str(linked))
    git(main_checkout, "tag", "v1.1.0")
    assert previous_release(linked, (), Version("2.0.0"), NAMES) == Version("1.1.0")


def test_a_reftable_repository_asks_git(tmp_path: Path) -> None:
    root = tagged_repo(tmp_path, ["v1.0.0"])
    # git here predates reftable; an empty folder of that name sends the reader to git itself.
    (root / ".git" / "reftable").mkdir()
    assert tag_names(root) == ["v1.0.0"]


CHANGELOGS = [
    ("markdown-keep-a-changelog", {"CHANGELOG.md": "# Changes\n\n## [1.2.3] - 2025-01-02\n\n## 1.2.2\n"}, "1.2.3"),
    ("rst-underline", {"CHANGES.rst": "1.2.4\n=====\n\n- fix\n\n1.2.3\n=====\n"}, "1.2.3"),
    ("version-word", {"docs/changes.rst": "Version 1.2.3 \u2014 2025-01-02\n------\n"}, "1.2.3"),
    ("project-name", {"docs/news.rst": "my-pkg 1.2.3 (2025-01-02)\n--------\n"}, "1.2.3"),
    ("releases-extension", {"sites/www/changelog.rst": "- :release:`1.2.3 <2025-01-02>`\n- :bug:`12` x\n"}, "1.2.3"),
    ("file-names", {".changes/1.2.2.json": "[]\n", "docs/whatsnew/whatsnew-1.1.rst": "x\n"}, "1.2.2"),
    ("pre-releases-skipped", {"CHANGELOG.md": "## 1.2.4rc1\n\n## 1.2.2\n"}, "1.2.2"),
    ("other-packages-in-bullets", {"CHANGELOG.md": "## 1.2.0\n\n- otherlib 1.2.3 is required\n"}, "1.2.0"),
    ("no-history", {"README.md": "my-pkg 1.0.0\n"}, None),
    # SQLAlchemy: changelog directives in files per series, the newest series first.
    (
        "changelog-directives",
        {
            "doc/build/changelog/changelog_09.rst": ".. changelog::\n    :version: 0.9.10\n",
            "doc/build/changelog/changelog_12.rst": ".. changelog::\n    :version: 1.2.3\n    :released: May 1\n",
        },
        "1.2.3",
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"), [(files, expected) for _, files, expected in CHANGELOGS], ids=[i for i, _, _ in CHANGELOGS]
)
def test_changelog_without_tags(tmp_path: Path, files: dict[str, str], expected: str | None) -> None:
    write_files(tmp_path, files)  # not a git repository: no tags at all
    found = previous_release(tmp_path, tuple(files), Version("1.2.4"), NAMES)
    assert (str(found) if found is not None else None) == expected


def test_tags_win_over_the_changelog(tmp_path: Path) -> None:
    root = tagged_repo(tmp_path, ["v1.1.0"])
    write_files(root, {"CHANGELOG.md": "## 1.2.3\n"})
    assert previous_release(root, ("CHANGELOG.md",), Version("1.2.4"), NAMES) == Version("1.1.0")


def test_the_shallowest_changelog_with_an_older_release_is_enough(tmp_path: Path) -> None:
    files = {"CHANGELOG.md": "## 1.2.4 (unreleased)\n\n## 1.2.2\n", "docs/history/CHANGES.rst": "1.2.3\n=====\n"}
    write_files(tmp_path, files)
    assert previous_release(tmp_path, tuple(files), Version("1.2.4"), NAMES) == Version("1.2.2")


PROJECT = {
    "pyproject.toml": '[project]\nname = "my-pkg"\nversion = "2.0.0"\n',
    "docs/install.md": "Pin an older release if you must: `pip install my-pkg==1.0.0`.\n",
}


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", str(root)])
    return code, capsys.readouterr().out.splitlines()


def test_check_gates_old_examples_by_the_previous_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "my-pkg", {**PROJECT, "README.md": "# my-pkg 2.0.0\n"})
    git(root, "tag", "v1.9.0")
    assert check(root, capsys) == (
        0,
        ["releasekit: 2 references in 2 files agree on 2.0.0 from pyproject.toml:3 ([project].version)"],
    )


def test_check_still_reports_a_mention_left_at_the_previous_tag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "my-pkg", {**PROJECT, "README.md": "# my-pkg 1.9.0\n"})
    git(root, "tag", "v1.9.0")
    assert check(root, capsys) == (
        1,
        [
            "README.md:1:10: RK001 stale version 1.9.0, expected 2.0.0 (docs-mention)",
            "releasekit: 1 stale version reference in 1 file; expected 2.0.0 from pyproject.toml:3 ([project].version)",
        ],
    )


def test_check_without_tags_or_changelog_reports_every_old_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "my-pkg", PROJECT)
    assert check(root, capsys) == (
        1,
        [
            "docs/install.md:1:56: RK001 stale version 1.0.0, expected 2.0.0 (pip-pin)",
            "releasekit: 1 stale version reference in 1 file; expected 2.0.0 from pyproject.toml:3 ([project].version)",
        ],
    )
