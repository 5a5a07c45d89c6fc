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
        title = heading["title"]
        version = _VERSION_IN_TITLE.search(title)
        if version is None or parse_version(version.group()) is None:
            return None
        written = title[: version.start()] + render_like(new, version.group()) + title[version.end() :]
        for pattern, render in _DATES:
            date = pattern.search(written, version.start())
            if date is not None:
                written = written[: date.start()] + render(day) + written[date.end() :]
                break
        return f"{hashes} {written}"
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


def _rst(text: str, new: Version, day: datetime.date) -> str | None:
    heading = _RST_HEADING.search(text)
    if heading is None:
        return None
    newline = heading["eol"]
    rule_char = heading["char"]
    title = f"{new} - {day.isoformat()}"
    fresh = text[heading.start() : heading.end()]
    released = title + newline + rule_char * len(title)
    return text[: heading.start()] + fresh + newline + newline + released + text[heading.end() :]


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
    release = _rst if path.lower().endswith(".rst") else _markdown
    released = release(text, new, day)
    if released is None:
        return None
    return bom + _links(released, old, new).encode("utf-8")


def move_unreleased_link(data: bytes, old: Version, new: Version) -> bytes | None:
    """``data`` with only its ``[Unreleased]`` compare link based on ``new``'s tag; None when it has none."""
    decoded = _decoded(data)
    if decoded is None:
        return None
    bom, text = decoded
    moved = _links(text, old, new, add_release=False)
    return None if moved == text else bom + moved.encode("utf-8")


def plan_changelog(
    root: Path, old: Version, new: Version, *, today: Callable[[], datetime.date] = datetime.date.today
) -> ChangelogUpdate | None:
    """The release of the project's changelog: its Unreleased section, else its Unreleased compare link."""
    name = find_changelog(root)
    if name is None:
        return None
    before = (root / name).read_bytes()
    after = release_unreleased(name, before, old, new, today())
    if after is None:
        moved = move_unreleased_link(before, old, new)
        return None if moved is None else ChangelogUpdate(name, before, moved, released=False)
    return None if after == before else ChangelogUpdate(name, before, after)
