"""Judging references against the canonical version."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from packaging.version import Version

from releasekit.findings import Finding
from releasekit.project.versions import agrees, describes_development, dev_count, is_short_form, tuple_target
from releasekit.references.discovery import VersionReference
from releasekit.references.kinds import DEV_COUNTER_KIND, LOOSE_KIND_IDS
from releasekit.references.roles import older_copy_major

STALE_CODE = "RK001"
PROSE_KINDS = frozenset({"docs-mention", "release-link", "pip-pin"})
# What the built documentation describes: during development it may stay at the previous release.
DOCS_AT_PREVIOUS_RELEASE_KINDS = frozenset({"sphinx-conf"})
# Python assignments a sub-module may make for a component of its own (a wrapped or bundled library).
SUPPORTED_SERIES_KIND = "supported-series"
COMPONENT_KINDS = frozenset({"dunder-version", "version-module", "version-tuple"})


class Judged(NamedTuple):
    """A reference and whether it agrees with the canonical version."""

    reference: VersionReference
    stale: bool


def _unknown() -> Version | None:
    return None


def _no_releases() -> frozenset[tuple[int, ...]]:
    return frozenset()


def _trimmed(release: tuple[int, ...]) -> tuple[int, ...]:
    while len(release) > 1 and release[-1] == 0:
        release = release[:-1]
    return release


def judge(
    references: Iterable[VersionReference],
    canonical: Version,
    previous_release: Callable[[], Version | None] = _unknown,
    releases: Callable[[], frozenset[tuple[int, ...]]] = _no_releases,
    not_counted: list[tuple[VersionReference, str]] | None = None,
) -> list[Judged]:
    """Each reference that counts, with its verdict.

    A docs mention with fewer release parts than the canonical version ("mypkg 1.2" when
    the project is at 1.2.3) names a series, not this release, and does not count. A file
    in a ``vN`` folder below the canonical major version belongs to a bundled older copy.

    A loose reference (free text: docs, examples, test data) that disagrees counts only if
    a forgotten bump could have left it: at or above the previous release, and not beyond
    the next major version. While the canonical version is a pre- or dev release, a Sphinx
    ``conf.py`` may still say the previous release (coverage.py moves it on release day).
    A version tuple in a file that sets ``_in_development = True`` (Sphinx) may say a pre-release
    of the canonical final release: that is the release under development, not a stale copy.
    ``previous_release`` is asked at most once, and only when one of these is older than the
    canonical version; None means unknown (no gate, and no conf.py at the previous release).

    A version whose release parts are all zero (``0.0.0``, ``0.0.0.dev0``) is a placeholder: an
    ``except ImportError`` fallback, a template. A Python assignment of a component (``__version__``,
    a version module, a tuple) that disagrees and never equalled any release of the project
    (``releases``, from its tags or changelog, asked at most once) is another thing's version: a
    wrapped library's, a data table's Unicode version. Without any known release, it counts.

    ``not_counted``, when given, receives each reference that does not count and why (``--explain``).
    """
    judged = []

    def skip(reference: VersionReference, reason: str) -> None:
        if not_counted is not None:
            not_counted.append((reference, reason))

    asked: list[Version | None] = []
    asked_releases: list[frozenset[tuple[int, ...]]] = []

    def previous() -> Version | None:
        if not asked:
            asked.append(previous_release())
        return asked[0]

    def ever_released(found: Version) -> bool:
        if not asked_releases:
            asked_releases.append(releases())
        return _may_be_ours(found, canonical, asked_releases[0])

    for reference in references:
        found = Version(reference.value)
        if reference.kind in PROSE_KINDS and (len(found.release) < len(canonical.release) or not any(found.release)):
            # A series ("mypkg 1.2", a tree/v1.2 branch link) or a placeholder ("mypkg-0.0.0.tar.gz").
            skip(reference, "names a series or a placeholder, not a release")
            continue
        copy_major = older_copy_major(reference.path)
        if copy_major is not None and copy_major < canonical.release[0]:
            skip(reference, f"in a bundled copy of the older {copy_major}.x series")
            continue
        if reference.kind == DEV_COUNTER_KIND:
            judged.append(Judged(reference, int(reference.text) != dev_count(canonical)))
            continue
        if not any(found.release) and any(canonical.release):
            skip(reference, "an all-zero placeholder")  # an ImportError fallback's "0.0.0", a template's
            continue
        # A version tuple has no room for a .devN part (coverage.py keeps it in a separate _dev).
        target = tuple_target(found, canonical) if reference.is_tuple else canonical
        short = reference.short_ok and is_short_form(found, target)
        stale = not agrees(found, target, short=short)
        if stale and reference.in_development and describes_development(found, target):
            stale = False  # Sphinx between releases: (9, 1, 1, 'beta', 0) while __version__ says 9.1.1
        if stale and reference.kind in COMPONENT_KINDS and not ever_released(found):
            # Never a release of this project: a wrapped or bundled component's own version.
            skip(reference, "never a release of this project: another component's version")
            continue
        if stale and reference.kind in LOOSE_KIND_IDS:
            if found > canonical:
                # Free text naming a later release announces it ("deprecated, removed in mypkg 3.0.0"):
                # a forgotten bump leaves an older value behind, never a newer one.
                skip(reference, "a later release named in free text (an announcement, a deprecation notice)")
                continue
            if found < canonical:
                known = previous()
                if known is not None and not _at_or_above(found, known, short=short):
                    # Older than the previous release: an example, not a copy left behind.
                    skip(reference, f"older than the previous release {known}: an example")
                    continue
        if stale and reference.kind in DOCS_AT_PREVIOUS_RELEASE_KINDS and canonical.is_prerelease and found < canonical:
            known = previous()
            stale = known is None or not agrees(found, known, short=short)
        if stale and reference.kind == SUPPORTED_SERIES_KIND and (canonical.is_prerelease or canonical.is_devrelease):
            # During 5.6.0rc1 the newest supported series is still 5.5.x: the release is not out yet.
            known = previous()
            stale = not (
                found.release[:2] == known.release[:2] if known is not None else found.release < canonical.release
            )
        judged.append(Judged(reference, stale))
    return judged


def _may_be_ours(found: Version, canonical: Version, known: frozenset[tuple[int, ...]]) -> bool:
    """Whether a disagreeing value could be this project's: a release of it, one since its newest
    recorded release (a changelog may lag), or the next patch, minor or major release (a bump half done)."""
    if not known:
        return True
    release = _trimmed(found.release)
    if release in known:
        return True
    current = canonical.release + (0,) * (3 - len(canonical.release))
    if found > canonical:
        nexts = {
            _trimmed((current[0], current[1], current[2] + 1)),
            _trimmed((current[0], current[1] + 1)),
            _trimmed((current[0] + 1,)),
        }
        return release in nexts
    below = [item for item in known if item < _trimmed(canonical.release)]
    return not below or release >= max(below)


def _at_or_above(found: Version, previous: Version, *, short: bool) -> bool:
    """Whether ``found`` is the previous release or later; a series (``1.2``) covers its releases."""
    if short:
        return found.release >= previous.release[: len(found.release)]
    return found >= previous


def stale_finding(reference: VersionReference, canonical: Version) -> Finding:
    if reference.kind == DEV_COUNTER_KIND:
        count = dev_count(canonical)
        expected = f"expected {count}" if count is not None else "and no counter can say .dev0"
        message = f"stale dev counter {reference.text}, {expected} for {canonical}"
    else:
        message = f"stale version {reference.value}, expected {canonical}"
    return Finding(reference.path, reference.line, reference.column, STALE_CODE, f"{message} ({reference.kind})")
