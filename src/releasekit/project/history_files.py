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


# At the top or under the docs only (a package may be named ``bench``): blog posts and announcements
# are dated history ("# Hatch v1.17.0" in a release post); benchmark folders keep records of past
# measurements (which release was installed, and when).
RECORD_DIRS = frozenset({"blog", "posts", "announcements", "bench", "benchmarks", "benchmark", "asv_bench"})
DOCS_DIRS = frozenset({"docs", "doc", "documentation"})


def is_history(path: str) -> bool:
    """Changelogs, release notes and news fragments, and dated records: old versions there are history."""
    return is_history_parts(path.lower().split("/"))


def is_history_parts(parts: list[str]) -> bool:
    """``is_history`` of a path already lowered and split at ``/``."""
    if len(parts) > 1:
        if not HISTORY_DIRS.isdisjoint(parts[:-1]):
            return True
        first = parts[0]
        if first in RECORD_DIRS or (first in DOCS_DIRS and len(parts) > 2 and parts[1] in RECORD_DIRS):
            return True
    return bool(HISTORY_FILE.match(parts[-1]))


def is_changelog_file(path: str) -> bool:
    """A changelog, release notes or news file by its own name (not merely inside a history folder)."""
    return bool(HISTORY_FILE.match(basename(path)))
