"""The grade, the counts by severity, the remediation status and each finding's remediation plan."""

from __future__ import annotations

from collections.abc import Sequence

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


def remediation_plan(kind: str, package: str, fix_versions: Sequence[str], line: int = 0) -> str:
    """What to do about one finding, in a sentence."""
    if kind == "code":
        return f"review {package}:{line} and fix or justify the flagged code"
    if fix_versions:
        return f"upgrade {package} to {fix_versions[0]} or later"
    return f"no fixed release of {package} yet: follow the advisory, pin away or replace {package}"
