"""What every scanner shares: the raw reference it yields, lazily compiled regexes, common fragments."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import NamedTuple

from releasekit.project.versions import VERSION_TEXT

QUOTED_V = rf"(?P<q>['\"])(?P<v>{VERSION_TEXT})(?P=q)"
TUPLE_NAMES = r"__version_info__|version_info|VERSION_INFO|__version_tuple__|version_tuple"


class RawReference(NamedTuple):
    """A version found at an offset of a file's text, before it is placed and judged.

    ``in_development`` marks a version tuple in a file that sets ``_in_development = True``
    (Sphinx): a pre-release tuple of the canonical release then describes its development.
    ``file_name`` is the file name or path the version sits in (``tests/fixtures/pkg-1.2.0-py3-none-any.whl``):
    when that file exists in the repository, the string names it and is no reference.
    """

    kind: str
    start: int
    text: str
    is_tuple: bool = False
    short_ok: bool = False
    in_development: bool = False
    file_name: str = ""


class LazyPattern:
    """A regex compiled on first use: a warm check reads no file and compiles none of them."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(text, pos, endpos)

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled().match(text)


def lazy_pattern(pattern: str, flags: int = re.MULTILINE) -> LazyPattern:
    return LazyPattern(pattern, flags)
