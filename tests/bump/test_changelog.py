"""Releasing a Keep a Changelog "Unreleased" section: heading, fresh section, compare links; history untouched."""

from __future__ import annotations

import codecs
import datetime
from pathlib import Path

import pytest
from packaging.version import Version

from releasekit.bump.changelog import (
    ChangelogUpdate,
    find_changelog,
    move_unreleased_link,
    plan_changelog,
    release_unreleased,
)

DAY = datetime.date(2026, 3, 14)
OLD, NEW = Version("0.2.0"), Version("0.2.1")
MARKDOWN = """\
# Changelog

## [Unreleased]

### Fixed
- A crash on empty messages.

## [0.2.0] - 2025-01-02

### Added
- mypylogger 0.2.0 writes a `schema` field.

[Unreleased]: https://github.com/example/mypylogger/compare/v0.2.0...HEAD
[0.2.0]: https://github.com/example/mypylogger/compare/v0.1.0...v0.2.0
"""
RELEASED = """\
# Changelog

## [Unreleased]

## [0.2.1] - 2026-03-14

### Fixed
- A crash on empty messages.

## [0.2.0] - 2025-01-02

### Added
- mypylogger 0.2.0 writes a `schema` field.

[Unreleased]: https://github.com/example/mypylogger/compare/v0.2.1...HEAD
[0.2.1]: https://github.com/example/mypylogger/compare/v0.2.0...v0.2.1
[0.2.0]: https://github.com/example/mypylogger/compare/v0.1.0...v0.2.0
"""
RST = """\
Changelog
=========

Unreleased
----------

- A crash on empty messages.

0.2.0 - 2025-01-02
------------------

- First schema.
"""
# A reStructuredText "Unreleased" title is renamed in place (six, anyio, coverage.py), its underline lengthened.
RST_RELEASED = """\
Changelog
=========

0.2.1 - 2026-03-14
------------------

- A crash on empty messages.

0.2.0 - 2025-01-02
------------------

- First schema.
"""


@pytest.mark.parametrize(
    ("path", "before", "after"),
    [
        ("CHANGELOG.md", MARKDOWN, RELEASED),
        ("CHANGELOG.md", MARKDOWN.replace("\n", "\r\n"), RELEASED.replace("\n", "\r\n")),
        (
            "CHANGELOG.md",
            # A plain "Unreleased" heading is renamed in place, as the previous release's heading is written.
            "## Unreleased\n\n- x\n\n## 0.2.0 - 2025-01-02\n",
            "## 0.2.1 - 2026-03-14\n\n- x\n\n## 0.2.0 - 2025-01-02\n",
        ),
        (
            "CHANGELOG.md",
            "# Changelog\n\n## Unreleased\n\n- x\n\n## [0.2.0] - 2026-02-01\n",
            "# Changelog\n\n## [0.2.1] - 2026-03-14\n\n- x\n\n## [0.2.0] - 2026-02-01\n",
        ),
        (
            "CHANGELOG.md",
            "# Unreleased\n\n- x\n\n# Release 0.2.1rc1 (June 23, 2026)\n",
            "# Release 0.2.1 (March 14, 2026)\n\n- x\n\n# Release 0.2.1rc1 (June 23, 2026)\n",
        ),
        (
            "CHANGELOG.md",
            "## [Unreleased]\n\n- x\n\n## v0.2.0 (2 January 2025)\n",
            "## [Unreleased]\n\n## v0.2.1 (14 March 2026)\n\n- x\n\n## v0.2.0 (2 January 2025)\n",
        ),
        (
            "CHANGELOG.md",
            "## [Unreleased]\n\n[unreleased]: https://gitlab.com/me/pkg/-/compare/release-0.2.0...main",
            "## [Unreleased]\n\n## [0.2.1] - 2026-03-14\n\n"
            "[unreleased]: https://gitlab.com/me/pkg/-/compare/release-0.2.1...main\n"
            "[0.2.1]: https://gitlab.com/me/pkg/-/compare/release-0.2.0...release-0.2.1",
        ),
        (
            "CHANGELOG.md",
            "## [Unreleased]\n\n[Unreleased]: https://github.com/me/pkg/compare/v0.1.9...HEAD\n",
            "## [Unreleased]\n\n## [0.2.1] - 2026-03-14\n\n[Unreleased]: https://github.com/me/pkg/compare/v0.1.9...HEAD\n",
        ),
        ("CHANGELOG.rst", RST, RST_RELEASED),
        (
            "CHANGES",
            "Changes\n=======\n\nUnreleased\n----------\n\n- x\n\n1.16.0\n------\n",
            "Changes\n=======\n\n0.2.1\n----------\n\n- x\n\n1.16.0\n------\n",
        ),
        (
            "docs/versionhistory.rst",
            "History\n=======\n\n**UNRELEASED**\n\n- x\n\n**0.2.0**\n\n- y\n",
            "History\n=======\n\n**0.2.1**\n\n- x\n\n**0.2.0**\n\n- y\n",
        ),
    ],
    ids=[
        "keep-a-changelog",
        "crlf",
        "no-brackets",
        "bracketed-releases",
        "release-title-and-date",
        "day-month-year",
        "gitlab-links-no-newline",
        "links-of-another-version",
        "rst",
        "rst-without-suffix",
        "bold-marker",
    ],
)
def test_release_unreleased(path: str, before: str, after: str) -> None:
    assert release_unreleased(path, before.encode(), OLD, NEW, DAY) == after.encode()


def test_bom_is_kept() -> None:
    before = codecs.BOM_UTF8 + MARKDOWN.encode()
    assert release_unreleased("CHANGELOG.md", before, OLD, NEW, DAY) == codecs.BOM_UTF8 + RELEASED.encode()


@pytest.mark.parametrize(
    "data",
    [b"# Changelog\n\n## [0.2.0] - 2025-01-02\n", b"\xff\xfe not utf-8", b"Unreleased\n--\n"],
    ids=["no-unreleased-section", "not-utf-8", "rst-underline-too-short"],
)
def test_nothing_to_release(data: bytes) -> None:
    assert release_unreleased("CHANGELOG.rst", data, OLD, NEW, DAY) is None


def test_plan_changelog_finds_the_file_and_injects_the_day(tmp_path: Path) -> None:
    assert plan_changelog(tmp_path, OLD, NEW, today=lambda: DAY) is None
    (tmp_path / "Changelog.md").write_text(MARKDOWN, encoding="utf-8", newline="")
    assert find_changelog(tmp_path) == "Changelog.md"
    assert plan_changelog(tmp_path, OLD, NEW, today=lambda: DAY) == ChangelogUpdate(
        "Changelog.md", MARKDOWN.encode(), RELEASED.encode()
    )
    (tmp_path / "Changelog.md").write_text("# History\n", encoding="utf-8")
    assert plan_changelog(tmp_path, OLD, NEW, today=lambda: DAY) is None


# poetry keeps no Unreleased heading; its maintainers write the release's heading and notes by hand.
POETRY = """\
# Change Log

## [2.4.0] - 2026-01-10

### Added
- Something new in 2.4.0 (compare/2.3.0...2.4.0 stays as written).

[Unreleased]: https://github.com/python-poetry/poetry/compare/2.4.0...main
[2.4.0]: https://github.com/python-poetry/poetry/releases/tag/2.4.0
[2.3.0]: https://github.com/python-poetry/poetry/releases/tag/2.3.0
"""
POETRY_OLD, POETRY_NEW = Version("2.4.0"), Version("2.4.1")


def test_notes_already_written_for_the_release_keep_their_links() -> None:
    written = POETRY.replace(
        "## [2.4.0] - 2026-01-10", "## [2.4.1] - 2026-02-01\n\n- Fixed.\n\n## [2.4.0] - 2026-01-10"
    )
    assert move_unreleased_link(written.encode(), POETRY_OLD, POETRY_NEW) is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (POETRY, POETRY.replace("compare/2.4.0...main", "compare/2.4.1...main")),
        (
            POETRY.replace("2.4.0...main", "v2.4.0...main"),
            POETRY.replace("2.4.0...main", "v2.4.1...main"),
        ),
        (
            POETRY.replace("\n", "\r\n"),
            POETRY.replace("compare/2.4.0...main", "compare/2.4.1...main").replace("\n", "\r\n"),
        ),
        (
            "Changes\n=======\n\n.. _unreleased: https://example.org/pkg/compare/release-2.4.0...HEAD",
            "Changes\n=======\n\n.. _unreleased: https://example.org/pkg/compare/release-2.4.1...HEAD",
        ),
    ],
    ids=["poetry", "v-prefixed-tag", "crlf", "rst-link-no-newline"],
)
def test_without_an_unreleased_heading_only_the_compare_link_moves(before: str, after: str) -> None:
    assert release_unreleased("CHANGELOG.md", before.encode(), POETRY_OLD, POETRY_NEW, DAY) is None
    assert move_unreleased_link(before.encode(), POETRY_OLD, POETRY_NEW) == after.encode()
    bom = codecs.BOM_UTF8
    assert move_unreleased_link(bom + before.encode(), POETRY_OLD, POETRY_NEW) == bom + after.encode()


@pytest.mark.parametrize(
    ("old", "base", "moved"),
    [
        ("2.4.0.dev0", "2.3.4", True),
        ("2.4.0rc1", "2.3.4", True),
        ("2.4.0rc1", "2.4.0rc1", True),
        ("2.4.0.dev0", "2.5.0", False),
        ("2.4.0", "2.3.4", False),
    ],
    ids=["dev-from-last-release", "rc-from-last-release", "rc-from-rc", "base-above-old", "final-from-older"],
)
def test_a_development_version_moves_the_link_from_the_last_release(old: str, base: str, moved: bool) -> None:
    before = POETRY.replace("compare/2.4.0...main", f"compare/{base}...main")
    after = POETRY.replace("compare/2.4.0...main", "compare/2.4.1...main")
    result = move_unreleased_link(before.encode(), Version(old), POETRY_NEW)
    assert result == (after.encode() if moved else None)


@pytest.mark.parametrize(
    "data",
    [
        POETRY.replace("compare/2.4.0...main", "compare/2.3.0...main").encode(),
        b"# Change Log\n\n## [2.4.0] - 2026-01-10\n",
        b"\xff\xfe not utf-8",
    ],
    ids=["link-of-another-version", "no-link", "not-utf-8"],
)
def test_no_compare_link_to_move(data: bytes) -> None:
    assert move_unreleased_link(data, POETRY_OLD, POETRY_NEW) is None


def test_plan_changelog_moves_only_the_link_without_an_unreleased_heading(tmp_path: Path) -> None:
    (tmp_path / "CHANGELOG.md").write_text(POETRY, encoding="utf-8", newline="")
    moved = POETRY.replace("compare/2.4.0...main", "compare/2.4.1...main")
    assert plan_changelog(tmp_path, POETRY_OLD, POETRY_NEW, today=lambda: DAY) == ChangelogUpdate(
        "CHANGELOG.md", POETRY.encode(), moved.encode(), released=False
    )


def test_release_notes_beyond_changelog_md_are_released_where_they_have_an_unreleased_heading(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "CHANGES").write_text("Changes\n=======\n\n1.0.0\n-----\n", encoding="utf-8")
    history = "History\n=======\n\n**UNRELEASED**\n\n- x\n\n**0.2.0**\n"
    (tmp_path / "docs/versionhistory.rst").write_text(history, encoding="utf-8")
    update = plan_changelog(tmp_path, OLD, NEW, today=lambda: DAY)
    assert update is not None
    assert (update.path, update.after) == ("docs/versionhistory.rst", history.replace("UNRELEASED", "0.2.1").encode())
