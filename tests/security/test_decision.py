"""The Release Decision Model: every rule, both ways, and the release notes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from releasekit.security.decision import decide
from releasekit.security.grade import grade, remediation_status, summary
from releasekit.security.model import Finding, LiveStatus


def finding(
    advisory: str,
    severity: str,
    *,
    package: str = "requests",
    version: str = "2.31.0",
    aliases: tuple[str, ...] = (),
    fix: tuple[str, ...] = ("2.32.0",),
    description: str = "",
    kind: str = "dependency",
) -> Finding:
    return Finding(advisory, aliases, package, version, fix, severity, description, "2026-12-01", 0, "", kind=kind)


def status(
    *findings: Finding,
    dependencies: dict[str, str] | None = None,
    scan_status: str = "complete",
    withdrawn: tuple[str, ...] = (),
    problems: tuple[str, ...] = (),
) -> LiveStatus:
    shipped = {item.package: item.installed_version for item in findings if item.kind == "dependency"}
    return LiveStatus(
        last_updated="2026-12-08T06:00:00Z",
        scan_date="2026-12-08",
        scan_status=scan_status,
        last_successful_scan="2026-12-08",
        vulnerability_summary=summary(findings),
        findings=findings,
        security_grade=grade(findings, scan_status),
        days_since_last_vulnerability=0 if findings else None,
        remediation_status=remediation_status(findings),
        scan_problems=problems,
        dependencies=shipped if dependencies is None else dependencies,
        withdrawn=withdrawn,
    )


LOW = finding("GHSA-low", "low", package="idna", version="3.6", fix=("3.7",))
HIGH = finding("PYSEC-high", "high", aliases=("CVE-2026-1",))
BASE = status(LOW)

# (id, previous, current, should_release, change types)
RULES = [
    ("new high releases", BASE, status(LOW, HIGH), True, ["new_vulnerability"]),
    ("new critical releases", BASE, status(LOW, finding("X", "critical")), True, ["new_vulnerability"]),
    ("new unknown releases", BASE, status(LOW, finding("X", "unknown")), True, ["new_vulnerability"]),
    ("new medium does not", BASE, status(LOW, finding("X", "medium")), False, ["new_vulnerability"]),
    ("new low does not", BASE, status(LOW, finding("X", "low", package="six")), False, ["new_vulnerability"]),
    (
        "resolved by an upgrade releases",
        status(LOW, HIGH),
        status(LOW, dependencies={"idna": "3.6", "requests": "2.32.0"}),
        True,
        ["resolved"],
    ),
    (
        "resolved by dropping the dependency releases",
        status(LOW, HIGH),
        status(LOW, dependencies={"idna": "3.6"}),
        True,
        ["resolved"],
    ),
    (
        "a low finding resolved releases too",
        BASE,
        status(dependencies={"idna": "3.7"}),
        True,
        ["resolved"],
    ),
    (
        "gone at the same version is a withdrawal, no release",
        status(LOW, HIGH),
        status(LOW, dependencies={"idna": "3.6", "requests": "2.31.0"}),
        False,
        ["withdrawn"],
    ),
    (
        "a withdrawn record, no release even after an upgrade",
        status(LOW, HIGH),
        status(LOW, dependencies={"idna": "3.6", "requests": "2.32.0"}, withdrawn=("CVE-2026-1",)),
        False,
        ["withdrawn"],
    ),
    (
        "code finding fixed releases",
        status(finding("BANDIT-B602-1", "high", package="src/a.py", kind="code")),
        status(),
        True,
        ["resolved"],
    ),
    (
        "severity raised to high releases",
        status(replace(HIGH, severity="medium")),
        status(HIGH),
        True,
        ["severity_change"],
    ),
    (
        "severity raised to critical releases",
        status(HIGH),
        status(replace(HIGH, severity="critical")),
        True,
        ["severity_change"],
    ),
    (
        "severity raised to unknown releases",
        status(replace(HIGH, severity="low")),
        status(replace(HIGH, severity="unknown")),
        True,
        ["severity_change"],
    ),
    ("severity raised to medium does not", BASE, status(replace(LOW, severity="medium")), False, ["severity_change"]),
    ("severity lowered does not", status(HIGH), status(replace(HIGH, severity="low")), False, ["severity_change"]),
    (
        "unknown rated high is no rise",
        status(replace(HIGH, severity="unknown")),
        status(HIGH),
        False,
        ["severity_change"],
    ),
    ("no change, no release", status(LOW, HIGH), status(LOW, HIGH), False, []),
    (
        "a changed description or a new alias is no change",
        status(LOW, HIGH),
        status(LOW, replace(HIGH, description="<b>reworded</b>", aliases=("CVE-2026-1", "GHSA-new"))),
        False,
        [],
    ),
    (
        "an advisory renamed through its alias is no change",
        status(HIGH),
        status(replace(HIGH, finding_id="GHSA-new", aliases=("CVE-2026-1",))),
        False,
        [],
    ),
    (
        "an incomplete scan decides nothing, even with a new critical",
        BASE,
        status(
            LOW, finding("X", "critical"), scan_status="incomplete", problems=("pip-audit skipped six: not on PyPI",)
        ),
        False,
        [],
    ),
    ("a failed scan decides nothing", status(LOW, HIGH), status(LOW, scan_status="failed"), False, []),
]


@pytest.mark.parametrize(
    ("previous", "current", "should_release", "change_types"),
    [rule[1:] for rule in RULES],
    ids=[rule[0] for rule in RULES],
)
def test_rule(previous: LiveStatus, current: LiveStatus, should_release: bool, change_types: list[str]) -> None:
    decision = decide(previous, current)
    assert decision.should_release is should_release
    assert decision.trigger_type == ("security_auto" if should_release else "none")
    assert [change.change_type for change in decision.security_changes] == change_types


def test_new_low_and_medium_findings_are_listed_in_the_justification() -> None:
    decision = decide(BASE, status(LOW, finding("X-2", "medium"), finding("X-3", "low", package="six")))
    assert decision.justification == (
        "No release: New low or medium findings, recorded without a release: "
        "X-2 in requests (medium), X-3 in six (low)."
    )


def test_the_justification_of_a_release_names_every_reason() -> None:
    previous = status(LOW, HIGH)
    current = status(
        replace(LOW, severity="high"),
        finding("X-9", "critical", package="six"),
        dependencies={"idna": "3.6", "six": "1.0"},
    )
    decision = decide(previous, current)
    assert decision.justification == (
        "New high, critical or unrated findings: X-9 in six (critical). "
        "Resolved by a change in what the project ships: PYSEC-high in requests (high). "
        "Severity raised to high or above: GHSA-low in idna (high)."
    )


def test_an_incomplete_scan_says_why() -> None:
    current = status(scan_status="incomplete", problems=("pip-audit skipped six: not on PyPI",))
    decision = decide(BASE, current)
    assert decision.justification == (
        "The current scan is incomplete (pip-audit skipped six: not on PyPI): no decision is made from partial data."
    )


def test_manual_releases_and_says_what_rides_along() -> None:
    decision = decide(BASE, status(LOW, HIGH), manual=True)
    assert (decision.should_release, decision.trigger_type) == (True, "manual")
    assert decision.justification.startswith("Manual release. 1 security change(s) ride along. New high")
    quiet = decide(BASE, BASE, manual=True)
    assert (quiet.should_release, quiet.trigger_type) == (True, "manual")
    assert (
        quiet.justification
        == "Manual release. No security changes ride along. No security changes since the previous scan."
    )
    partial = decide(BASE, status(scan_status="failed"), manual=True)
    assert (partial.should_release, partial.trigger_type) == (True, "manual")
    assert (
        partial.justification
        == "Manual release. The current scan is failed: its security changes are unknown and none ride along."
    )


def test_release_notes_list_package_ids_severity_and_fix() -> None:
    previous = status(LOW, HIGH)
    current = status(
        finding("X-9", "critical", package="six", version="1.0", fix=()),
        dependencies={"idna": "3.7", "six": "1.0", "requests": "2.31.0"},
        withdrawn=("CVE-2026-1",),
    )
    decision = decide(previous, current)
    assert decision.release_notes == (
        "## Security\n"
        "\n"
        "### Resolved\n"
        "\n"
        "- **idna 3.6**: GHSA-low; severity low; now 3.7\n"
        "\n"
        "### New vulnerabilities\n"
        "\n"
        "- **six 1.0**: X-9; severity critical; no fixed version yet\n"
        "\n"
        "### Withdrawn advisories\n"
        "\n"
        "- **requests 2.31.0**: PYSEC-high, CVE-2026-1; severity high; fixed in 2.32.0\n"
    )
    document = decision.to_document()
    assert document["security_changes"][0] == {
        "change_type": "new_vulnerability",
        "finding_id": "X-9",
        "aliases": [],
        "package": "six",
        "old_state": None,
        "new_state": {"severity": "critical", "installed_version": "1.0", "fix_versions": []},
        "impact_level": "critical",
    }


def test_release_notes_keep_advisory_text_from_becoming_markup() -> None:
    hostile = finding("GHSA-[x](javascript:alert(1))\n# heading", "high", package="evil_pkg")
    notes = decide(status(), status(hostile)).release_notes
    assert (
        "- **evil\\_pkg 2.31.0**: GHSA-\\[x\\]\\(javascript:alert\\(1\\)\\) \\# heading; "
        "severity high; fixed in 2.32.0\n" in notes
    )
