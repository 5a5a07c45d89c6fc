"""Glob patterns over posix paths, with ``**`` spanning folders."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable


@functools.lru_cache(maxsize=256)
def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Translate a glob: ``*`` and ``?`` stay in one folder, ``**/`` spans any folders.

    A pattern without a slash matches the file name anywhere (``*.md``), and a pattern
    naming a folder matches everything below it (``docs/legacy``).
    """
    anchored = "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    out = []
    index = 0
    while index < len(body):
        char = body[index]
        if body.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if body.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = body.find("]", index + 1)
            if close == -1:
                out.append(re.escape(char))
            else:
                out.append("[" + body[index + 1 : close].replace("!", "^", 1) + "]")
                index = close
        else:
            out.append(re.escape(char))
        index += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"{prefix}{''.join(out)}(?:/.*)?")


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    return any(glob_to_regex(pattern).fullmatch(path) for pattern in patterns)
