"""Distribution names compared as PyPI compares them (PEP 503)."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[-_.]+")


def canonical_name(name: str) -> str:
    """PEP 503's normalized name: what ``packaging.utils.canonicalize_name`` returns.

    Written out because the check path runs it on every commit, and importing ``packaging.utils``
    imports ``packaging.tags`` (logging, platform, sysconfig: about 8 ms). ``tests/_util/test_names.py``
    holds the two equal. Code off the check path calls ``canonicalize_name`` itself.
    """
    return _SEPARATORS.sub("-", name).lower()
