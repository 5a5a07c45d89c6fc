"""The folders releasekit's tox environments write, added to `.gitignore` unless git ignores them already."""

from __future__ import annotations

FILE = ".gitignore"
HEADER = "# releasekit: distributions, tox environments, security scans and the status page"
IGNORED = ("dist/", ".tox/", "security/scan/", "security/status/", "site/")


def _normalized(pattern: str) -> str:
    return pattern.strip().strip("/")


def add_ignores(text: str | None) -> str:
    """``text`` with a block of the folders it does not list yet (written as they are: a line each)."""
    present = {_normalized(line) for line in (text or "").splitlines() if line.strip() and not line.startswith("#")}
    missing = [pattern for pattern in IGNORED if _normalized(pattern) not in present]
    if not missing:
        return text or ""
    head = text or ""
    if head and not head.endswith("\n"):
        head += "\n"
    separator = "\n" if head.strip() else ""
    return head + separator + "\n".join([HEADER, *missing]) + "\n"
