"""Words in messages: counts with their noun."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """``1 file``, ``2 files``: the count and the word, with an ``s`` unless the count is one."""
    return f"{count} {word}{'' if count == 1 else 's'}"
