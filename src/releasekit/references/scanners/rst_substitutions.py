"""reStructuredText substitutions that name the version: ``.. |theme_version| replace:: 3.0.1``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from releasekit.project.versions import BOUNDED_VERSION
from releasekit.references.scanners.primitives import RawReference, lazy_pattern

SUBSTITUTION_KIND = "docs-substitution"
_SUBSTITUTION = lazy_pattern(
    rf"^[ \t]*\.\.[ \t]+\|(?P<name>[^|\n]+)\|[ \t]+replace::[ \t]+(?P<prefix>[^\n]*?)(?P<v>{BOUNDED_VERSION})[ \t]*\r?$"
)
# The project's own version: ``|version|``, ``|release|``, ``|current_version|``, ``|mypkg_version|``.
_OWN_WORDS = frozenset({"project", "package", "pkg", "current", "latest", "stable", "release", "version"})


def _names_the_project(name: str, name_words: frozenset[str]) -> bool:
    parts = [part for part in re.split(r"[-_\s]+", name.lower()) if part]
    if not parts or parts[-1] not in ("version", "release"):
        return False
    return all(part in _OWN_WORDS or part in name_words for part in parts[:-1])


def substitution_references(text: str, name_words: frozenset[str]) -> Iterator[RawReference]:
    if "replace::" not in text:
        return
    for match in _SUBSTITUTION.finditer(text):
        # ``replace:: mypkg 3.0.1`` or ``replace:: v3.0.1``: at most the project's name before the version.
        prefix = match["prefix"].strip().lower()
        if _names_the_project(match["name"], name_words) and (not prefix or prefix in name_words):
            yield RawReference(SUBSTITUTION_KIND, match.start("v"), match["v"])
