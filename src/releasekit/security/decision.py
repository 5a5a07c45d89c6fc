"""The release decision: what changed between two statuses, and whether that calls for a release."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from releasekit.security.identity import Identity, find_match
from releasekit.security.model import Finding, LiveStatus
from releasekit.security.notes import release_notes
from releasekit.security.severity import Level


@dataclass(frozen=True)
class Change:
    """One security change between two scans."""

    change_type: str  # new_vulnerability, resolved, severity_change, withdrawn
    finding: Finding  # the finding as it is now, or as it was when it is gone
    old_state: dict[str, Any] | None
    new_state: dict[str, Any] | None
    impact_level: str
    releases: bool  # whether this change alone calls for a release

    def to_document(self) -> dict[str, Any]:
        return {
            "change_type": self.change_type,
            "finding_id": self.finding.finding_id,
            "aliases": list(self.finding.aliases),
            "package": self.finding.package,
            "old_state": self.old_state,
            "new_state": self.new_state,
            "impact_level": self.impact_level,
        }


@dataclass(frozen=True)
class Decision:
    """Whether to release, why, and the notes that say what the release changes for security."""

    should_release: bool
    trigger_type: str  # security_auto, manual, none
    justification: str
    security_changes: tuple[Change, ...]
    release_notes: str

    def to_document(self) -> dict[str, Any]:
        return {
            "should_release": self.should_release,
            "trigger_type": self.trigger_type,
            "justification": self.justification,
            "security_changes": [change.to_document() for change in self.security_changes],
            "release_notes": self.release_notes,
        }


def _state(finding: Finding, installed_version: str | None = None) -> dict[str, Any]:
    return {
        "severity": finding.severity,
        "installed_version": finding.installed_version if installed_version is None else installed_version,
        "fix_versions": list(finding.fix_versions),
    }


def _gone(finding: Finding, current: LiveStatus) -> Change:
    """A finding the current scan no longer reports: withdrawn, or resolved by what the project ships."""
    level = finding.severity
    if finding.ids & set(current.withdrawn):
        return Change("withdrawn", finding, _state(finding), None, level, releases=False)
    if finding.kind == "code":
        return Change("resolved", finding, _state(finding), None, level, releases=True)
    shipped = current.dependencies.get(finding.package)
    if shipped != finding.installed_version:
        new_state = {"installed_version": shipped}  # None: the project no longer depends on it
        return Change("resolved", finding, _state(finding), new_state, level, releases=True)
    # Same version, no longer reported: the advisory was withdrawn or its affected range corrected.
    return Change("withdrawn", finding, _state(finding), None, level, releases=False)


def security_changes(previous: LiveStatus, current: LiveStatus) -> list[Change]:
    """Every change, new and severity changes in the current status's order, then the findings gone."""
    changes: list[Change] = []
    before = [Identity(finding.package, finding.ids) for finding in previous.findings]
    after = [Identity(finding.package, finding.ids) for finding in current.findings]
    for finding in current.findings:
        level = Level(finding.severity)
        index = find_match(Identity(finding.package, finding.ids), before)
        if index is None:
            new = _state(finding)
            changes.append(Change("new_vulnerability", finding, None, new, level.value, level.at_least_high))
            continue
        old = previous.findings[index]
        if old.severity != finding.severity:
            raised = level.at_least_high and level.weight > Level(old.severity).weight
            changes.append(Change("severity_change", finding, _state(old), _state(finding), level.value, raised))
    # A finding two advisories of the previous scan were, merged into one now, is not gone.
    changes += [
        _gone(old, current)
        for old, identity in zip(previous.findings, before, strict=True)
        if find_match(identity, after) is None
    ]
    return changes


def _describe(change: Change) -> str:
    return f"{change.finding.finding_id} in {change.finding.package} ({change.impact_level})"


def _list(changes: list[Change]) -> str:
    return ", ".join(_describe(change) for change in changes)


def _justify(changes: list[Change]) -> str:
    sentences: list[str] = []
    by_type = {kind: [c for c in changes if c.change_type == kind] for kind in ("new_vulnerability", "resolved")}
    urgent = [change for change in by_type["new_vulnerability"] if change.releases]
    minor = [change for change in by_type["new_vulnerability"] if not change.releases]
    raised = [c for c in changes if c.change_type == "severity_change" and c.releases]
    other_severity = [c for c in changes if c.change_type == "severity_change" and not c.releases]
    withdrawn = [c for c in changes if c.change_type == "withdrawn"]
    if urgent:
        sentences.append(f"New high, critical or unrated findings: {_list(urgent)}.")
    if by_type["resolved"]:
        sentences.append(f"Resolved by a change in what the project ships: {_list(by_type['resolved'])}.")
    if raised:
        sentences.append(f"Severity raised to high or above: {_list(raised)}.")
    if minor:
        sentences.append(f"New low or medium findings, recorded without a release: {_list(minor)}.")
    if other_severity:
        sentences.append(f"Severity changes below high, no release: {_list(other_severity)}.")
    if withdrawn:
        sentences.append(f"Withdrawn or no longer reported for the same version, no release: {_list(withdrawn)}.")
    return " ".join(sentences) if sentences else "No security changes since the previous scan."


def decide(previous: LiveStatus, current: LiveStatus, *, manual: bool = False) -> Decision:
    """The Release Decision Model: release for a new high, critical or unknown finding, a resolved finding,
    or a severity raised to high or above; never from an incomplete or failed scan; always when manual."""
    if current.scan_status != "complete":
        why = f"The current scan is {current.scan_status}"
        if current.scan_problems:
            why += f" ({'; '.join(current.scan_problems)})"
        if manual:
            justification = f"Manual release. {why}: its security changes are unknown and none ride along."
            return Decision(True, "manual", justification, (), release_notes([]))
        return Decision(False, "none", f"{why}: no decision is made from partial data.", (), release_notes([]))
    changes = security_changes(previous, current)
    automatic = any(change.releases for change in changes)
    justification = _justify(changes)
    notes = release_notes(changes)
    if manual:
        ride = f"{len(changes)} security change(s) ride along." if changes else "No security changes ride along."
        return Decision(True, "manual", f"Manual release. {ride} {justification}", tuple(changes), notes)
    if automatic:
        return Decision(True, "security_auto", justification, tuple(changes), notes)
    return Decision(False, "none", f"No release: {justification}", tuple(changes), notes)
