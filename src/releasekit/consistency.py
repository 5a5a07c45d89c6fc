"""Judging references against the canonical version."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from packaging.version import Version

from releasekit.discovery import VersionReference
from releasekit.findings import Finding
from releasekit.versions import agrees, is_short_form

STALE_CODE = "RK001"
PROSE_KINDS = frozenset({"docs-mention", "release-link", "pip-pin"})


class Judged(NamedTuple):
    """A reference and whether it agrees with the canonical version."""

    reference: VersionReference
    stale: bool


def judge(references: Iterable[VersionReference], canonical: Version) -> list[Judged]:
    """Each reference that counts, with its verdict.

    A docs mention with fewer release parts than the canonical version ("mypkg 1.2" when
    the project is at 1.2.3) names a series, not this release, and does not count.
    """
    judged = []
    for reference in references:
        found = Version(reference.value)
        if reference.kind in PROSE_KINDS and (len(found.release) < len(canonical.release) or not any(found.release)):
            # A series ("mypkg 1.2", a tree/v1.2 branch link) or a placeholder ("mypkg-0.0.0.tar.gz").
            continue
        short = reference.short_ok and is_short_form(found, canonical)
        judged.append(Judged(reference, not agrees(found, canonical, short=short)))
    return judged


def stale_finding(reference: VersionReference, canonical: Version) -> Finding:
    return Finding(
        reference.path,
        reference.line,
        reference.column,
        STALE_CODE,
        f"stale version {reference.value}, expected {canonical} ({reference.kind})",
    )
