"""A new live status from one scan's reports, the advisory records and the previous status and history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from releasekit.security.grade import grade, remediation_plan, remediation_status, summary
from releasekit.security.history import History, record_scan
from releasekit.security.identity import Identity, find_match, merge_ids, sorted_versions
from releasekit.security.model import Finding, LiveStatus
from releasekit.security.osv import Records
from releasekit.security.reports import Advisory, AuditReport, BanditReport
from releasekit.security.severity import Level, rate

_BANDIT_LEVELS = {"high": Level.HIGH, "medium": Level.MEDIUM, "low": Level.LOW}


@dataclass(frozen=True)
class ScanInputs:
    """What one scan produced: pip-audit's report (None when it failed), bandit's, and tools that failed."""

    audit: AuditReport | None
    bandit: BanditReport | None = None
    failures: tuple[str, ...] = ()


def _identity(finding: Finding) -> Identity:
    return Identity(finding.package, finding.ids)


def _record_aliases(records: Records, advisory: str) -> frozenset[str]:
    record = records.record(advisory)
    aliases = record.get("aliases") if record is not None else None
    return frozenset(alias for alias in aliases if isinstance(alias, str)) if isinstance(aliases, list) else frozenset()


def _dependency_findings(
    audit: AuditReport, records: Records, previous: Sequence[Finding], scan_date: date
) -> list[Finding]:
    by_package: dict[str, list[Advisory]] = {}
    for advisory in audit.advisories:
        by_package.setdefault(advisory.package, []).append(advisory)
    findings: list[Finding] = []
    previous_identities = [_identity(finding) for finding in previous]
    for package, advisories in by_package.items():
        groups = [
            (
                advisory.advisory_id,
                frozenset((advisory.advisory_id, *advisory.aliases)) | _record_aliases(records, advisory.advisory_id),
            )
            for advisory in advisories
        ]
        for primary, merged in merge_ids(groups):
            members = [advisory for advisory in advisories if advisory.advisory_id in merged]
            match = find_match(Identity(package, merged), previous_identities)
            # A finding keeps the id it was first published under, whatever id pip-audit leads with now.
            finding_id, ids = primary, merged
            if match is not None:
                finding_id, ids = previous[match].finding_id, merged | previous[match].ids
            aliases = tuple(sorted(ids - {finding_id}))
            rated = rate((finding_id, *(member.advisory_id for member in members), *aliases), records.record)
            fixes = sorted_versions(version for member in members for version in member.fix_versions)
            discovered = previous[match].discovered_date if match is not None else scan_date.isoformat()
            findings.append(
                Finding(
                    finding_id=finding_id,
                    aliases=aliases,
                    package=package,
                    installed_version=members[0].installed_version,
                    fix_versions=fixes,
                    severity=rated.level.value,
                    description=next((member.description for member in members if member.description), ""),
                    discovered_date=discovered,
                    days_since_discovery=0,
                    remediation_plan=remediation_plan(
                        "dependency", package, fixes, installed=members[0].installed_version
                    ),
                    severity_source=rated.source,
                )
            )
    return findings


def _code_findings(bandit: BanditReport, previous: Sequence[Finding], scan_date: date) -> list[Finding]:
    previous_dates = {finding.finding_id: finding.discovered_date for finding in previous if finding.kind == "code"}
    findings: dict[str, Finding] = {}
    for issue in bandit.issues:
        level = _BANDIT_LEVELS.get(issue.severity, Level.UNKNOWN)
        findings.setdefault(
            issue.issue_id,
            Finding(
                finding_id=issue.issue_id,
                aliases=(),
                package=issue.path,
                installed_version="",
                fix_versions=(),
                severity=level.value,
                description=f"{issue.test_id}: {issue.text}",
                discovered_date=previous_dates.get(issue.issue_id, scan_date.isoformat()),
                days_since_discovery=0,
                remediation_plan=remediation_plan("code", issue.path, (), line=issue.line),
                kind="code",
                severity_source=f"bandit {issue.test_id}",
            ),
        )
    return list(findings.values())


def _withdrawn(gone: Sequence[Finding], records: Records) -> tuple[str, ...]:
    withdrawn: set[str] = set()
    for finding in gone:
        for advisory in sorted(finding.ids):
            record: Mapping[str, Any] | None = records.record(advisory) if finding.kind == "dependency" else None
            if record is not None and record.get("withdrawn"):
                withdrawn.add(advisory)
    return tuple(sorted(withdrawn))


def build_status(
    inputs: ScanInputs, records: Records, previous: LiveStatus | None, history: History, now: datetime
) -> tuple[LiveStatus, History]:
    """The status after this scan and the history with it appended.

    An incomplete or failed scan keeps every finding the previous status had (it cannot tell a
    finding was resolved from data it did not see) and adds what it did see; its grade is ``?``.
    """
    scan_date = now.date()
    before = previous.findings if previous is not None else ()
    found: list[Finding] = []
    problems = list(inputs.failures)
    if inputs.audit is not None:
        found += _dependency_findings(inputs.audit, records, before, scan_date)
        problems += inputs.audit.skipped
    if inputs.bandit is not None:
        found += _code_findings(inputs.bandit, before, scan_date)
        problems += inputs.bandit.errors
    elif any(finding.kind == "code" for finding in before):
        # Code findings are judged only by a scan that ran bandit; without one they are not resolved.
        problems.append("bandit did not run: the previous scan's code findings are kept")
    problems += records.problems
    scan_status = "failed" if inputs.audit is None else "incomplete" if problems else "complete"
    found_identities = [_identity(finding) for finding in found]
    gone = [finding for finding in before if find_match(_identity(finding), found_identities) is None]
    findings = found if scan_status == "complete" else found + gone
    findings = [
        replace(finding, days_since_discovery=(scan_date - date.fromisoformat(finding.discovered_date)).days)
        for finding in findings
    ]
    findings.sort(key=lambda finding: (-Level(finding.severity).weight, finding.package, finding.finding_id))
    resolved_any = scan_status == "complete" and bool(gone)
    dependencies = (
        inputs.audit.dependencies if inputs.audit is not None else (previous.dependencies if previous else {})
    )
    status = LiveStatus(
        last_updated=now.isoformat().replace("+00:00", "Z"),
        scan_date=scan_date.isoformat(),
        scan_status=scan_status,
        last_successful_scan=scan_date.isoformat()
        if scan_status == "complete"
        else (previous.last_successful_scan if previous else None),
        vulnerability_summary=summary(findings),
        findings=tuple(findings),
        security_grade=grade(findings, scan_status),
        days_since_last_vulnerability=None,
        remediation_status=remediation_status(findings),
        scan_problems=tuple(problems),
        dependencies=dict(sorted(dependencies.items())),
        withdrawn=_withdrawn(gone, records) if scan_status == "complete" else (),
    )
    new_history = record_scan(history, status, resolved_any)
    if findings:
        days: int | None = 0
    elif new_history.last_resolved_date is not None:
        days = (scan_date - date.fromisoformat(new_history.last_resolved_date)).days
    else:
        days = None
    return replace(status, days_since_last_vulnerability=days), new_history
