"""The release before the canonical one, from git tags or else the changelog.

A reference left behind by a forgotten bump still says the previous release (or a later
pre-release); an older version in prose is an example. ``consistency.judge`` asks for the
previous release only when a loose reference is older than the canonical version.
Only final releases count: a tag or heading such as ``2.0.0rc1`` is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from packaging.version import Version

from releasekit._util.names import canonical_name
from releasekit._util.reading import read_text_or_empty
from releasekit.git.plumbing import tag_names
from releasekit.project import history_files

Release = tuple[int, ...]

# A final release, not glued to a pre-release or dev suffix: ``1.2.3`` but never ``1.2.3rc1``.
_FINAL = r"(?P<v>\d+(?:\.\d+)+)(?![\w.]|-(?i:rc|alpha|beta|pre|dev|a|b|c)\b)"
# ``v1.2.3``, ``release-1.2.3``, ``mypkg-1.2.3``; never another package's ``core-v2.48.0``.
_TAG = re.compile(rf"^(?P<prefix>.*?)[vV]?{_FINAL}$")
_PLAIN_TAG = re.compile(r"[vV]?(\d+(?:\.\d+)+)")
_OWN_TAG_PREFIXES = frozenset({"", "release", "version", "rel"})
# A changelog heading: ``## [1.2.3] - date``, ``Version 1.2.3``, ``mypkg 1.2.3 (date)``, ``1.2.3\n=====``,
# or the ``releases`` Sphinx extension's ``- :release:`1.2.3 <date>```.
_HEADING = (
    r"^(?:#{{1,6}}[ \t]*)?\[?(?:(?i:version|release|{names})[ \t]+)?[vV]?{final}"
    r"|^[-*][ \t]+:release:`{final_r}"
    r"|^[ \t]+:version:[ \t]*{final_c}"  # SQLAlchemy's changelog directive: ``.. changelog::`` / ``:version: 2.0.52``
)
_CHANGELOG_HINT = re.compile(r"change|histor|news|release|whats", re.IGNORECASE)
_VERSION_IN_NAME = re.compile(rf"(?:^|[-_ ])[vV]?{_FINAL}$")
_CHANGELOG_HEAD = 65536
_MOST_FILES_READ = 8
_NOTES_SUFFIXES = (".rst", ".md", ".txt", ".markdown")
_NAME_SUFFIX = re.compile(r"\.(?:rst|md|txt|json|yaml|yml|markdown)$", re.IGNORECASE)


def previous_release(root: Path, paths: Sequence[str], canonical: Version, names: Iterable[str]) -> Version | None:
    """The newest final release below ``canonical``: from git tags, else from the changelog; None if unknown."""
    own = own_tag_prefixes(names)
    from_tags = _newest_below((tag_release(tag, own) for tag in tag_names(root)), canonical)
    if from_tags is not None:
        return from_tags
    return _newest_below(_changelog_releases(root, paths, canonical, names), canonical)


def known_releases(root: Path, paths: Sequence[str], canonical: Version, names: Iterable[str]) -> frozenset[Release]:
    """Every final release the project's own tags name, else its changelog; empty when neither says.

    A value that never equalled any of them (a wrapped library's ``__version__``, a Unicode
    version) is another thing's version, not a copy of this project's left behind.
    """
    own = own_tag_prefixes(names)
    from_tags = {release for release in (tag_release(tag, own) for tag in tag_names(root)) if release is not None}
    if from_tags:
        return frozenset(_trimmed(release) for release in from_tags)
    return frozenset(_trimmed(release) for release in _changelog_releases(root, paths, canonical, names, every=True))


def _trimmed(release: Release) -> Release:
    """``(1, 2, 0)`` and ``(1, 2)`` are one release."""
    while len(release) > 1 and release[-1] == 0:
        release = release[:-1]
    return release


def _newest_below(releases: Iterable[Release | None], canonical: Version) -> Version | None:
    # Thousands of tags (boto3 has 2,000): compare cheap tuples, build a Version only for the newest few.
    for release in sorted({release for release in releases if release is not None}, reverse=True):
        version = Version(".".join(map(str, release)))
        if version < canonical:
            return version
    return None


def own_tag_prefixes(names: Iterable[str]) -> frozenset[str]:
    """What may precede the version in the project's own tags: nothing, ``release``, or its names."""
    return _OWN_TAG_PREFIXES | {canonical_name(name) for name in names}


def tag_release(tag: str, own_prefixes: frozenset[str]) -> Release | None:
    """The final release a tag names when the tag is the project's own (``rel_2_1_0`` too)."""
    if "_" in tag:
        tag = re.sub(r"(?<=\d)_(?=\d)", ".", tag)
    plain = _PLAIN_TAG.fullmatch(tag)
    if plain is not None:  # the common case, without the prefix check
        return _release(plain[1])
    match = _TAG.match(tag.rpartition("/")[2] if tag.startswith(("releases/", "release/")) else tag)
    if match is None or canonical_name(match["prefix"]).strip("-") not in own_prefixes:
        return None
    return _release(match["v"])


def _series_digits(path: str) -> int:
    digits = re.search(r"(\d+)(?=\D*$)", history_files.basename(path))
    return int(digits[1]) if digits else 0


def _release(text: str) -> Release:
    return tuple(int(part) for part in text.split("."))


def _changelog_releases(
    root: Path, paths: Sequence[str], canonical: Version, names: Iterable[str], *, every: bool = False
) -> Iterator[Release]:
    """Releases the changelog names: history file names, then headings of the shallowest changelog that has one."""
    history = [path for path in paths if _CHANGELOG_HINT.search(path) and history_files.is_history(path)]
    named: dict[str, Release] = {}
    for path in history:
        match = _VERSION_IN_NAME.search(_NAME_SUFFIX.sub("", history_files.basename(path)))
        if match:
            named[path] = _release(match["v"])
    yield from named.values()
    # Shallowest first; among release-note files named by version (doc/changes/9.0.rst) or by a
    # series' digits (changelog_21.rst), the newest first.
    history.sort(
        key=lambda path: (path.count("/"), tuple(-part for part in named.get(path, ())), -_series_digits(path), path)
    )
    alternatives = [r"[-_.\s]?".join(map(re.escape, re.split(r"[-_.\s]+", name))) for name in names if name]
    heading = re.compile(
        _HEADING.format(
            names="|".join(alternatives) or "(?!)",
            final=_FINAL,
            final_r=_FINAL.replace("<v>", "<r>"),
            final_c=_FINAL.replace("<v>", "<c>"),
        ),
        re.MULTILINE,
    )
    readable = [
        path
        for path in history
        if history_files.is_changelog_file(path) or (path in named and path.lower().endswith(_NOTES_SUFFIXES))
    ]
    for path in readable[:_MOST_FILES_READ]:
        # Changelogs list the newest release first: its head is enough (boto3's runs to megabytes).
        head = read_text_or_empty(root / path)[:_CHANGELOG_HEAD]
        found = [_release(match["v"] or match["r"] or match["c"]) for match in heading.finditer(head)]
        yield from found
        if not every and _newest_below(found, canonical) is not None:
            return
