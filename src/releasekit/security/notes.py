"""Release notes in markdown: each security change with its package, ids, severity and fix version."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from releasekit.security.grade import nearest_fix

if TYPE_CHECKING:
    from releasekit.security.decision import Change

_HEADINGS = (
    ("resolved", "Resolved"),
    ("new_vulnerability", "New vulnerabilities"),
    ("severity_change", "Severity changes"),
    ("withdrawn", "Withdrawn advisories"),
)


def markdown_text(text: str) -> str:
    # Advisory ids and package names come from outside: keep them from becoming markup, links or new lines.
    return "".join(
        " " if not char.isprintable() else "\\" + char if char in "\\`*_{}[]()<>#+!|" else char for char in text
    )


def _line(change: Change) -> str:
    finding = change.finding
    ids = ", ".join(markdown_text(advisory) for advisory in (finding.finding_id, *finding.aliases))
    old = change.old_state or {}
    new = change.new_state or {}
    severity = change.impact_level
    if change.change_type == "severity_change":
        severity = f"{old.get('severity')} \u2192 {new.get('severity')}"
    where = markdown_text(finding.package)
    if finding.kind == "dependency" and finding.installed_version:
        where += f" {markdown_text(finding.installed_version)}"
    if change.change_type == "resolved" and finding.kind == "dependency":
        shipped = new.get("installed_version")
        fix = f"now {markdown_text(shipped)}" if shipped else "no longer a dependency"
    elif finding.fix_versions:
        fix = f"fixed in {markdown_text(nearest_fix(finding.installed_version, finding.fix_versions) or '')}"
    else:
        fix = "no fixed version yet" if finding.kind == "dependency" else "in the sources"
        if change.change_type == "resolved":
            fix = "fixed in the sources"
    return f"- **{where}**: {ids}; severity {severity}; {fix}"


def release_notes(changes: Sequence[Change]) -> str:
    """A ``## Security`` section listing every change by kind, or saying there is none."""
    lines = ["## Security", ""]
    if not changes:
        return "\n".join([*lines, "No security changes since the previous scan.", ""])
    for change_type, heading in _HEADINGS:
        group = [change for change in changes if change.change_type == change_type]
        if group:
            lines += [f"### {heading}", "", *(_line(change) for change in group), ""]
    return "\n".join(lines)
