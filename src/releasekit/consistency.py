"""Judging references against the canonical version."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from packaging.version import Version

from releasekit.discovery import VersionReference
from releasekit.file_roles import older_copy_major
from releasekit.findings import Finding
from releasekit.reference_kinds import LOOSE_KIND_IDS
from releasekit.versions import agrees, is_short_form, without_dev

STALE_CODE = "RK001"
PROSE_KINDS = frozenset({"docs-mention", "release-link", "pip-pin"})


class Judged(NamedTuple):
    """A reference and whether it agrees with the canonical version."""

    reference: VersionReference
    stale: bool


def _unknown() -> Version | None:
    return None


def judge(
    references: Iterable[VersionReference],
    canonical: Version,
    previous_release: Callable[[], Version | None] = _unknown,
) -> list[Judged]:
    """Each reference that counts, with its verdict.

    A docs mention with fewer release parts than the canonical version ("mypkg 1.2" when
    the project is at 1.2.3) names a series, not this release, and does not count. A file
    in a ``vN`` folder below the canonical major version belongs to a bundled older copy.

    A loose reference (free text: docs, examples, test data) that disagrees counts only if
    a forgotten bump could have left it: at or above the previous release, and not beyond
    the next major version. ``previous_release`` is asked at most once, and only when a
    loose reference is older than the canonical version; None means unknown (no gate).
    """
    judged = []
    previous: list[Version | None] = []
    tuple_target = without_dev(canonical) if canonical.dev is not None else canonical
    for reference in references:
        found = Version(reference.value)
        if reference.kind in PROSE_KINDS and (len(found.release) < len(canonical.release) or not any(found.release)):
            # A series ("mypkg 1.2", a tree/v1.2 branch link) or a placeholder ("mypkg-0.0.0.tar.gz").
            continue
        copy_major = older_copy_major(reference.path)
        if copy_major is not None and copy_major < canonical.release[0]:
            continue
        # A version tuple has no room for a .devN part (coverage.py keeps it in a separate _dev).
        target = tuple_target if reference.is_tuple and found.dev is None else canonical
        short = reference.short_ok and is_short_form(found, target)
        stale = not agrees(found, target, short=short)
        if stale and reference.kind in LOOSE_KIND_IDS:
            if found.release[0] > canonical.release[0] + 1:
                continue  # far beyond the next major: some other thing's version (a fixture's 2013.120)
            if found < canonical:
                if not previous:
                    previous.append(previous_release())
                if previous[0] is not None and not _at_or_above(found, previous[0], short=short):
                    continue  # older than the previous release: an example, not a copy left behind
        judged.append(Judged(reference, stale))
    return judged


def _at_or_above(found: Version, previous: Version, *, short: bool) -> bool:
    """Whether ``found`` is the previous release or later; a series (``1.2``) covers its releases."""
    if short:
        return found.release >= previous.release[: len(found.release)]
    return found >= previous


def stale_finding(reference: VersionReference, canonical: Version) -> Finding:
    return Finding(
        reference.path,
        reference.line,
        reference.column,
        STALE_CODE,
        f"stale version {reference.value}, expected {canonical} ({reference.kind})",
    )
