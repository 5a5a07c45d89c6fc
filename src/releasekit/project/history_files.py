"""Which paths hold a project's history: changelogs, release notes, news fragments and their folders."""

from __future__ import annotations

import re

HISTORY_FILE = re.compile(
    r"^(?:changelog|changes|history|news|release[-_ ]?notes|releases|whats[-_]?new|upgrading|migration)"
    r"(?:[-_.].*)?$",
    re.IGNORECASE,
)
HISTORY_DIRS = frozenset(
    {
        "changelog.d",
        "changes",
        ".changes",
        "newsfragments",
        "changelog",
        "history",
        "release-notes",
        "releasenotes",
        "releases",
        "whatsnew",
        "news",
        "changes.d",
        "sec",
        "security",
        "advisories",
    }
)


def basename(path: str) -> str:
    return path.rpartition("/")[2]


def is_history(path: str) -> bool:
    """Changelogs, release notes and news fragments: old versions there are history."""
    parts = path.lower().split("/")
    if HISTORY_DIRS.intersection(parts[:-1]):
        return True
    return bool(HISTORY_FILE.match(parts[-1]))


def is_changelog_file(path: str) -> bool:
    """A changelog, release notes or news file by its own name (not merely inside a history folder)."""
    return bool(HISTORY_FILE.match(basename(path)))
