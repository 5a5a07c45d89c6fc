"""Fallbacks of projects versioned from git tags: ``__version__`` in ``except ImportError:``, ``fallback_version``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from releasekit.project.versions import VERSION_TEXT, parse_version
from releasekit.references import roles as file_roles
from releasekit.references.scanners.primitives import QUOTED_V, RawReference, lazy_pattern

FALLBACK_KIND = "fallback-version"
# An indented ``__version__ = "3.8.0"``: only inside an ``except`` clause is it a fallback.
_INDENTED_DUNDER = lazy_pattern(rf"^(?P<indent>[ \t]+)__version__[ \t]*(?::[^=\n]*)?=[ \t]*{QUOTED_V}")
_EXCEPT = re.compile(r"except\b[^\n]*:")
# setuptools-scm's ``fallback_version`` (pyproject.toml, setup.py's ``use_scm_version={...}``, hatch-vcs' raw options).
_FALLBACK_KEY = lazy_pattern(
    rf"""(?P<quote>['"]?)fallback_version(?P=quote)[ \t]*[=:][ \t]*(?P<q>['"])(?P<v>{VERSION_TEXT})(?P=q)"""
)
_FALLBACK_FILES = frozenset({"pyproject.toml", "setup.py", "setup.cfg"})


def _placeholder(value: str) -> bool:
    """``0.0.0``, ``0.0.0.dev0``: a value that stands for "unknown", not a release."""
    version = parse_version(value)
    return version is None or not any(version.release)


def _enclosing_line(text: str, offset: int, indent: int) -> str:
    """The nearest line above ``offset`` indented less than ``indent`` (the block's header), stripped."""
    end = text.rfind("\n", 0, offset)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        stripped = line.lstrip(" \t")
        if stripped and not stripped.startswith("#") and len(line) - len(stripped) < indent:
            return stripped.rstrip()
        end = start - 1
    return ""


def fallback_references(path: str, text: str) -> Iterator[RawReference]:
    """A fallback version that says the latest release, where the real one comes from the tag."""
    name = file_roles.basename(path).lower()
    if name.endswith(".py") and "__version__" in text:
        for match in _INDENTED_DUNDER.finditer(text):
            header = _enclosing_line(text, match.start(), len(match["indent"].expandtabs()))
            if _EXCEPT.match(header) and not _placeholder(match["v"]):
                yield RawReference(FALLBACK_KIND, match.start("v"), match["v"])
    if name in _FALLBACK_FILES and "fallback_version" in text:
        for match in _FALLBACK_KEY.finditer(text):
            if not _placeholder(match["v"]):
                yield RawReference(FALLBACK_KIND, match.start("v"), match["v"])
