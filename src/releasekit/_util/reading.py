"""Reading a small text file that may be missing: its text, or empty."""

from __future__ import annotations

from pathlib import Path


def read_text_or_empty(path: Path) -> str:
    """``path``'s text as UTF-8 (undecodable bytes replaced); empty when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
