"""The release tag's name: ``tag-name`` when set, else spelled as the project's own release tags are."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from packaging.version import Version

from releasekit.git.plumbing import tag_names
from releasekit.project.config import DEFAULT_TAG_NAME
from releasekit.project.previous_release import own_tag_prefixes, tag_release

_VERSION_PART = re.compile(r"\d+\.\d.*$")


def release_tag(root: Path, current: Version, names: Iterable[str]) -> str:
    """The tag that released ``current``, else the newest release tag below it; "" when there is none."""
    own = own_tag_prefixes(names)
    newest: tuple[tuple[int, ...], str] | None = None
    for tag in tag_names(root):
        release = tag_release(tag, own)
        if release is None:
            continue
        version = Version(".".join(map(str, release)))
        if version == current:
            return tag
        if version < current and (newest is None or release > newest[0]):
            newest = (release, tag)
    return newest[1] if newest is not None else ""


def tag_template(configured: str, previous_tag: str) -> str:
    """``configured`` when the project set ``tag-name``; else ``previous_tag``'s prefix and the version.

    certifi tags ``2026.07.22``, psutil ``release-7.2.2``: the next tag is spelled alike, not ``v…``.
    """
    if configured != DEFAULT_TAG_NAME or not previous_tag:
        return configured
    found = _VERSION_PART.search(previous_tag)
    return configured if found is None else previous_tag[: found.start()] + "{version}"
