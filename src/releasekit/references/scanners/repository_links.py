"""Links to the project's own repository that name a release: commits-since badges, compare and download URLs."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from releasekit.project.versions import VERSION_TEXT
from releasekit.references.scanners.primitives import RawReference

_VERSION = rf"(?P<v>{VERSION_TEXT})"
# Not a longer version, and not a path inside the tag (``tree/v1.2.3/docs`` pins a file, a download does not).
_END = r"(?![\w-]|\.\d)"


@functools.lru_cache(maxsize=8)
def _links(slugs: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    if not slugs:
        return ()
    # Not the tail of a longer owner (``notme/mypkg`` is not ``me/mypkg``).
    slug = r"(?<![\w.-])(?i:" + "|".join(re.escape(slug) for slug in slugs) + ")"
    return tuple(
        re.compile(pattern)
        for pattern in (
            # shields.io: commits made since the release (``github/commits-since/OWNER/REPO/v3.8.0``).
            rf"commits-since/{slug}/{_VERSION}{_END}",
            # ``compare/v3.8.0...main``: what changed since the release (``v3.7.0...v3.8.0`` is a past release).
            rf"{slug}/compare/{_VERSION}\.\.\.(?![vV]?\d)",
            # A release asset: ``releases/download/v3.8.0/mypkg-3.8.0.tar.gz``.
            rf"{slug}/releases/download/{_VERSION}/",
        )
    )


def repository_link_references(text: str, slugs: tuple[str, ...]) -> Iterator[RawReference]:
    """Each release the project's own repository links name (another repository's links never count)."""
    lowered = text.lower()
    if not any(slug.lower() in lowered for slug in slugs):
        return
    for pattern in _links(slugs):
        for match in pattern.finditer(text):
            yield RawReference("release-link", match.start("v"), match["v"])
