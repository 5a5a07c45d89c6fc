"""Appending markdown to `$GITHUB_STEP_SUMMARY`, kept under GitHub's size limit."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

# GitHub refuses a step summary over 1 MiB ("$GITHUB_STEP_SUMMARY upload aborted").
STEP_SUMMARY_LIMIT = 1024 * 1024
_TRUNCATED = "\n\n_(truncated to stay under GitHub's step summary size limit; the full report is in the artifact)_\n"


def fit(markdown: str, room: int) -> str:
    """``markdown`` cut at a line boundary so that its UTF-8 bytes take at most ``room``."""
    data = markdown.encode("utf-8")
    if len(data) <= room:
        return markdown
    budget = max(0, room - len(_TRUNCATED.encode("utf-8")))
    cut = data[:budget].decode("utf-8", "ignore")
    cut = cut[: cut.rfind("\n") + 1] if "\n" in cut else ""
    return cut + _TRUNCATED if budget else ""


def append_step_summary(environ: Mapping[str, str], markdown: str) -> bool:
    """Append to the step summary file, if there is one; False when there is none."""
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    path = Path(target)
    used = path.stat().st_size if path.exists() else 0
    text = fit(markdown, STEP_SUMMARY_LIMIT - used - 1)
    if text:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(text + "\n")
    return True
