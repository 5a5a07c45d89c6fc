"""The grade, the counts by severity, the remediation status and each finding's remediation plan."""

from __future__ import annotations

from collections.abc import Sequence

from packaging.version import InvalidVersion, Version

from releasekit.security.model import SUMMARY_KEYS, Finding
from releasekit.security.severity import Level

INCOMPLETE_GRADE = "?"


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    """``total`` and one count per severity."""
    counts = dict.fromkeys(SUMMARY_KEYS, 0)
    counts["total"] = len(findings)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def grade(findings: Sequence[Finding], scan_status: str) -> str:
    """A none open, B only low, C medium, D high or unknown, F critical; ``?`` unless the scan is complete."""
    if scan_status != "complete":
        return INCOMPLETE_GRADE
    levels = {Level(finding.severity) for finding in findings}
    if Level.CRITICAL in levels:
        return "F"
    if Level.HIGH in levels or Level.UNKNOWN in levels:
        return "D"
    if Level.MEDIUM in levels:
        return "C"
    return "B" if levels else "A"


def remediation_status(findings: Sequence[Finding]) -> str:
    """``current`` when nothing is open, ``fix-available`` when every finding has a fix, else ``action-required``."""
    if not findings:
        return "current"
    return "fix-available" if all(finding.fix_versions for finding in findings) else "action-required"


def nearest_fix(installed: str, fix_versions: Sequence[str]) -> str | None:
    """The lowest fix version above ``installed`` (fixes sorted lowest first), else the lowest, else None."""
    try:
        current = Version(installed)
        return next((fix for fix in fix_versions if Version(fix) > current), fix_versions[0] if fix_versions else None)
    except InvalidVersion:
        return fix_versions[0] if fix_versions else None


def remediation_plan(
    kind: str, package: str, fix_versions: Sequence[str], *, installed: str = "", line: int = 0
) -> str:
    """What to do about one finding, in a sentence."""
    if kind == "code":
        return f"review {package}:{line} and fix or justify the flagged code"
    fix = nearest_fix(installed, fix_versions)
    if fix is not None:
        return f"upgrade {package} to {fix} or later"
    return f"no fixed release of {package} yet: follow the advisory, pin away or replace {package}"
