"""Releasing a Keep a Changelog "Unreleased" section: a dated heading, a fresh section, compare links.

https://keepachangelog.com/en/1.1.0/ — only the Unreleased heading and the compare links change;
older entries are never touched. Markdown (``## [Unreleased]``) and reStructuredText (an
``Unreleased`` title underlined) are both understood. A changelog without an Unreleased heading
that still keeps an ``[Unreleased]:`` compare link (poetry writes its release notes by hand) only
gets that link's base moved to the new tag: no heading and no link for the release are added, as
a link definition nothing refers to yet would be dead (markdownlint's MD053).
"""

from __future__ import annotations

import codecs
import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from packaging.version import Version

from releasekit.project.versions import VERSION_TEXT, parse_version, render_like

CHANGELOG_NAMES = ("changelog.md", "changelog.rst")
# Where release notes with an "Unreleased" heading live: these names, at the top or in the docs folder.
_NOTES_STEMS = ("changelog", "changes", "history", "news", "versionhistory", "release-notes", "releasenotes")
_NOTES_SUFFIXES = ("", ".md", ".rst", ".txt")
_NOTES_FOLDERS = ("", "docs/", "doc/")
# ``**UNRELEASED**``: a bold line standing for the heading (anyio's version history).
_BOLD_MARKER = re.compile(r"^(?P<stars>\*\*?)unreleased(?P=stars)[ \t]*(?=\r?$)", re.MULTILINE | re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(
    r"^(?P<hashes>#{1,6})[ \t]+(?P<open>\[?)unreleased(?P<close>\]?)[ \t]*(?=\r?$)", re.MULTILINE | re.IGNORECASE
)
_RST_HEADING = re.compile(
    r"^unreleased[ \t]*(?P<eol>\r?\n)(?P<rule>(?P<char>[=\-~^*+#])(?P=char){3,})[ \t]*(?=\r?$)",
    re.MULTILINE | re.IGNORECASE,
)
_COMPARE_LINK = re.compile(
    r"^(?P<label>\[unreleased\]:|\.\. _unreleased:)(?P<space>[ \t]*)(?P<base>\S+?)"
    r"(?P<old>[^/\s.][^/\s]*?)\.\.\.(?P<head>HEAD|main|master|develop|trunk)[ \t]*(?=\r?$)",
    re.MULTILINE | re.IGNORECASE,
)


class ChangelogUpdate(NamedTuple):
    """A changelog's path and its bytes before and after the bump.

    ``released``: its Unreleased section became the release; otherwise only the ``[Unreleased]``
    compare link moved to the new tag.
    """

    path: str
    before: bytes
    after: bytes
    released: bool = True


def find_changelog(root: Path) -> str | None:
    """The project's top-level CHANGELOG.md or CHANGELOG.rst (any case), if it has one."""
    names = sorted(child.name for child in root.iterdir() if child.is_file() and child.name.lower() in CHANGELOG_NAMES)
    return names[0] if names else None


def _newline(text: str, offset: int) -> str:
    end = text.find("\n", offset)
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>[^\r\n]*?)[ \t]*(?=\r?$)", re.MULTILINE)
_VERSION_IN_TITLE = re.compile(rf"(?<![\w.]){VERSION_TEXT}(?![\w]|\.\d)")
# The dates release headings carry, with how to write another one the same way.
_DATES: tuple[tuple[re.Pattern[str], Callable[[datetime.date], str]], ...] = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), lambda day: day.isoformat()),
    (re.compile(r"\d{4}/\d{2}/\d{2}"), lambda day: day.strftime("%Y/%m/%d")),
    (re.compile(r"\b[A-Z][a-z]+ \d{1,2}, \d{4}"), lambda day: f"{day:%B} {day.day}, {day.year}"),
    (re.compile(r"\b\d{1,2} [A-Z][a-z]+ \d{4}"), lambda day: f"{day.day} {day:%B} {day.year}"),
)


def _like_previous(text: str, after: int, hashes: str, new: Version, day: datetime.date) -> str | None:
    """A heading for ``new`` written as the previous release's is (``## [14.3.2] - 2026-02-01``,
    ``# Release 4.16.0rc1 (June 23, 2026)``), dated ``day``; None when no earlier release heading says."""
    for heading in _HEADING.finditer(text, after):
        if heading["hashes"] != hashes:
            continue
        written = _title_like(heading["title"], new, day)
        return None if written is None else f"{hashes} {written}"
    return None


def _markdown(text: str, new: Version, day: datetime.date) -> str | None:
    """The Unreleased heading released as ``new``, in the style of the previous release heading.

    A Keep a Changelog ``## [Unreleased]`` heading stays, with a fresh empty section above the
    release; a plain ``## Unreleased`` heading is the release's own, renamed in place (rich,
    typing_extensions).
    """
    heading = _MARKDOWN_HEADING.search(text)
    if heading is None:
        return None
    newline = _newline(text, heading.start())
    hashes, opening, closing = heading["hashes"], heading["open"], heading["close"]
    released = _like_previous(text, heading.end(), hashes, new, day) or (
        f"{hashes} {opening}{new}{closing} - {day.isoformat()}"
    )
    if not opening:
        return text[: heading.start()] + released + text[heading.end() :]
    fresh = f"{hashes} {opening}Unreleased{closing}"
    return text[: heading.start()] + fresh + newline + newline + released + text[heading.end() :]


_RST_TITLE = re.compile(
    r"^(?P<title>[^\s][^\r\n]*?)[ \t]*\r?\n(?P<rule>(?P<char>[=\-~^*+#])(?P=char){2,})[ \t]*(?=\r?$)", re.M
)


def _title_like(title: str, new: Version, day: datetime.date) -> str | None:
    """``title`` (a previous release's) with ``new`` for its version and ``day`` in its date's format."""
    version = _VERSION_IN_TITLE.search(title)
    if version is None or parse_version(version.group()) is None:
        return None
    written = title[: version.start()] + render_like(new, version.group()) + title[version.end() :]
    for pattern, render in _DATES:
        date = pattern.search(written, version.start())
        if date is not None:
            return written[: date.start()] + render(day) + written[date.end() :]
    return written


def _rst(text: str, new: Version, day: datetime.date) -> str | None:
    """The ``Unreleased`` title renamed in place as the previous release's title is written (six, coverage.py)."""
    heading = _RST_HEADING.search(text)
    if heading is None:
        return None
    rule_char = heading["char"]
    title = (
        next(
            (
                written
                for previous in _RST_TITLE.finditer(text, heading.end())
                if previous["char"] == rule_char
                for written in [_title_like(previous["title"], new, day)]
                if written is not None
            ),
            None,
        )
        or f"{new} - {day.isoformat()}"
    )
    rule = heading["rule"] if len(heading["rule"]) >= len(title) else rule_char * len(title)
    return text[: heading.start()] + title + heading["eol"] + rule + text[heading.end() :]


def _bold(text: str, new: Version, day: datetime.date) -> str | None:
    """A ``**UNRELEASED**`` line renamed in place as the previous release's bold line is (``**4.14.1**``)."""
    marker = _BOLD_MARKER.search(text)
    if marker is None:
        return None
    stars = re.escape(marker["stars"])
    previous = re.compile(rf"^{stars}(?P<title>[^*\r\n]*\d[^*\r\n]*){stars}", re.MULTILINE).search(text, marker.end())
    title = (_title_like(previous["title"], new, day) if previous else None) or str(new)
    return text[: marker.start()] + marker["stars"] + title + marker["stars"] + text[marker.end() :]


def _links(text: str, old: Version, new: Version, *, add_release: bool = True) -> str:
    """Move the ``[Unreleased]`` compare link's base from ``old``'s tag to ``new``'s, in the same spelling.

    With ``add_release`` a ``[new]`` link comparing the two tags goes below it. When ``old``
    was never released (a ``.devN`` or pre-release development version, poetry's 2.4.0.dev0),
    the link starts at the last release below it, and moves too. A link whose base is any
    other version is left alone: it is not bump's to guess.
    """
    link = _COMPARE_LINK.search(text)
    if link is None:
        return text
    old_tag = link["old"]
    version_text = re.search(r"\d.*$", old_tag)
    since = parse_version(version_text.group()) if version_text is not None else None
    unreleased_old = old.is_devrelease or old.is_prerelease
    if version_text is None or since is None or not (since == old or (unreleased_old and since < old)):
        return text
    new_tag = old_tag[: version_text.start()] + render_like(new, version_text.group())
    newline = _newline(text, link.start())
    label, space, base = link["label"], link["space"], link["base"]
    unreleased = f"{label}{space}{base}{new_tag}...{link['head']}"
    if add_release:
        released_label = f"[{new}]:" if label.startswith("[") else f".. _{new}:"
        unreleased += newline + f"{released_label}{space}{base}{old_tag}...{new_tag}"
    return text[: link.start()] + unreleased + text[link.end() :]


def _decoded(data: bytes) -> tuple[bytes, str] | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return (codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""), text


def release_unreleased(path: str, data: bytes, old: Version, new: Version, day: datetime.date) -> bytes | None:
    """``data`` with its Unreleased section released as ``new`` on ``day``; None when there is none.

    The text is decoded and encoded as UTF-8 (a BOM kept); the lines added take the line ending
    of the heading they follow.
    """
    decoded = _decoded(data)
    if decoded is None:
        return None
    bom, text = decoded
    markdown = path.lower().endswith(".md")
    released = (_markdown if markdown else _rst)(text, new, day)
    if released is None:
        released = _bold(text, new, day)
    if released is None:
        return None
    return bom + _links(released, old, new).encode("utf-8")


def _has_heading_for(text: str, new: Version) -> bool:
    """Whether a Markdown heading already names ``new``: its notes were written by hand, links included."""
    for heading in _HEADING.finditer(text):
        version = _VERSION_IN_TITLE.search(heading["title"])
        if version is not None and parse_version(version.group()) == new:
            return True
    return False


def move_unreleased_link(data: bytes, old: Version, new: Version) -> bytes | None:
    """``data`` with only its ``[Unreleased]`` compare link based on ``new``'s tag; None when it has none.

    When the release's heading is already written (python-dotenv writes its notes before the bump),
    the changelog is its author's: its links are left as they are.
    """
    decoded = _decoded(data)
    if decoded is None:
        return None
    bom, text = decoded
    if _has_heading_for(text, new):
        return None
    moved = _links(text, old, new, add_release=False)
    return None if moved == text else bom + moved.encode("utf-8")


def release_notes(root: Path) -> list[str]:
    """Files that may hold release notes with an Unreleased heading: CHANGES, HISTORY, docs/changelog.rst, …"""
    found = []
    for folder in _NOTES_FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        names = {child.name.lower(): child.name for child in base.iterdir() if child.is_file()}
        found += [
            folder + names[stem + suffix]
            for stem in _NOTES_STEMS
            for suffix in _NOTES_SUFFIXES
            if stem + suffix in names
        ]
    return found


def plan_changelog(
    root: Path, old: Version, new: Version, *, today: Callable[[], datetime.date] = datetime.date.today
) -> ChangelogUpdate | None:
    """The release of the project's notes: the first with an Unreleased section, else CHANGELOG's compare link."""
    for path in release_notes(root):
        data = (root / path).read_bytes()
        released = release_unreleased(path, data, old, new, today())
        if released is not None and released != data:
            return ChangelogUpdate(path, data, released)
    name = find_changelog(root)
    if name is None:
        return None
    before = (root / name).read_bytes()
    after = release_unreleased(name, before, old, new, today())
    if after is None:
        moved = move_unreleased_link(before, old, new)
        return None if moved is None else ChangelogUpdate(name, before, moved, released=False)
    return None if after == before else ChangelogUpdate(name, before, after)
