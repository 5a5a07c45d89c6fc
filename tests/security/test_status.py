"""The live status from recorded reports: identity and alias merging, history, grades, incomplete scans."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from releasekit.errors import ReleasekitError
from releasekit.security.grade import grade, remediation_status
from releasekit.security.history import History, read_history, to_document
from releasekit.security.model import Finding, LiveStatus, read_status, write_json
from releasekit.security.model import to_document as status_document
from releasekit.security.osv import FolderRecords, NoRecords
from releasekit.security.reports import read_audit, read_bandit
from releasekit.security.status import ScanInputs, build_status
from tests.security.recorded import (
    CRITICAL_V3,
    HIGH_V3,
    LOW_V3,
    MEDIUM_V3,
    audit_report,
    bandit_report,
    bandit_result,
    dependency,
    osv_record,
    skipped,
    vuln,
    write,
    write_records,
)


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T06:00:00").replace(tzinfo=UTC)


def inputs(tmp_path: Path, audit: dict[str, Any] | None, bandit: dict[str, Any] | None = None) -> ScanInputs:
    audit_report_ = read_audit(write(tmp_path / "pip-audit.json", audit)) if audit is not None else None
    bandit_report_ = read_bandit(write(tmp_path / "bandit.json", bandit)) if bandit is not None else None
    return ScanInputs(audit_report_, bandit_report_, () if audit is not None else ("pip-audit failed: exit 1",))


@pytest.fixture
def records(tmp_path: Path) -> FolderRecords:
    return FolderRecords(
        write_records(
            tmp_path / "osv",
            osv_record("PYSEC-2026-1", "requests", aliases=["CVE-2026-1"], cvss_v3=HIGH_V3),
            osv_record("GHSA-aaaa-bbbb-cccc", "requests", aliases=["CVE-2026-1"], ghsa_severity="HIGH"),
            osv_record("PYSEC-2026-2", "jinja2", aliases=["GHSA-jjjj-jjjj-jjjj"]),
            osv_record("GHSA-jjjj-jjjj-jjjj", "jinja2", ghsa_severity="MODERATE"),
            osv_record("PYSEC-2026-3", "urllib3", cvss_v3=CRITICAL_V3),
            osv_record("PYSEC-2026-4", "idna", cvss_v3=LOW_V3),
            osv_record("PYSEC-2026-5", "idna", cvss_v3=MEDIUM_V3, withdrawn="2026-12-05T00:00:00Z"),
        )
    )


REQUESTS_HIGH = dependency(
    "Requests", "2.31.0", vuln("PYSEC-2026-1", fix=["2.32.0"], aliases=["CVE-2026-1"], description="leaks headers")
)


def test_one_finding_per_advisory_with_its_severity_fix_and_plan(tmp_path: Path, records: FolderRecords) -> None:
    audit = audit_report(REQUESTS_HIGH, dependency("jinja2", "3.1.0", vuln("PYSEC-2026-2")), dependency("idna", "3.7"))
    status, history = build_status(inputs(tmp_path, audit), records, None, History(), at("2026-12-01"))
    assert [(f.finding_id, f.package, f.severity, f.severity_source) for f in status.findings] == [
        ("PYSEC-2026-1", "requests", "high", "CVSS_V3 of PYSEC-2026-1"),
        ("PYSEC-2026-2", "jinja2", "medium", "GitHub severity of GHSA-jjjj-jjjj-jjjj"),
    ]
    first = status.findings[0]
    assert first.aliases == ("CVE-2026-1",)
    assert first.fix_versions == ("2.32.0",)
    assert first.remediation_plan == "upgrade requests to 2.32.0 or later"
    assert status.findings[1].aliases == ("GHSA-jjjj-jjjj-jjjj",)  # from the OSV record
    assert status.findings[1].remediation_plan.startswith("no fixed release of jinja2 yet")
    assert status.vulnerability_summary == {"total": 2, "critical": 0, "high": 1, "medium": 1, "low": 0, "unknown": 0}
    assert (status.security_grade, status.remediation_status, status.scan_status) == (
        "D",
        "action-required",
        "complete",
    )
    assert status.days_since_last_vulnerability == 0
    assert status.dependencies == {"idna": "3.7", "jinja2": "3.1.0", "requests": "2.31.0"}
    assert [scan.scan_date for scan in history.scans] == ["2026-12-01"]


def test_advisories_sharing_an_alias_are_one_finding(tmp_path: Path, records: FolderRecords) -> None:
    # pip-audit may report one vulnerability under two databases' ids; they share CVE-2026-1.
    audit = audit_report(
        dependency(
            "requests",
            "2.31.0",
            vuln("PYSEC-2026-1", fix=["2.32.0"], aliases=["CVE-2026-1"]),
            vuln("GHSA-aaaa-bbbb-cccc", fix=["2.32.1", "2.32.0"], aliases=["CVE-2026-1"], description="leaks"),
        )
    )
    status, _ = build_status(inputs(tmp_path, audit), records, None, History(), at("2026-12-01"))
    assert len(status.findings) == 1
    (finding,) = status.findings
    assert finding.finding_id == "PYSEC-2026-1"
    assert finding.aliases == ("CVE-2026-1", "GHSA-aaaa-bbbb-cccc")
    assert finding.fix_versions == ("2.32.0", "2.32.1")
    assert finding.description == "leaks"


def test_the_same_id_in_another_package_is_another_finding(tmp_path: Path) -> None:
    audit = audit_report(dependency("a", "1", vuln("CVE-9")), dependency("b", "1", vuln("CVE-9")))
    status, _ = build_status(inputs(tmp_path, audit), NoRecords(), None, History(), at("2026-12-01"))
    assert [(f.package, f.finding_id, f.severity) for f in status.findings] == [
        ("a", "CVE-9", "unknown"),
        ("b", "CVE-9", "unknown"),
    ]
    assert status.security_grade == "D"  # unknown counts as high


def test_a_finding_that_gains_an_alias_keeps_its_id_and_date(tmp_path: Path, records: FolderRecords) -> None:
    first, history = build_status(
        inputs(tmp_path, audit_report(REQUESTS_HIGH)), records, None, History(), at("2026-12-01")
    )
    # A week later pip-audit leads with the GHSA id; CVE-2026-1 ties it to last week's finding.
    renamed = dependency("requests", "2.31.0", vuln("GHSA-aaaa-bbbb-cccc", fix=["2.32.0"], aliases=["CVE-2026-1"]))
    second, _ = build_status(inputs(tmp_path, audit_report(renamed)), records, first, history, at("2026-12-08"))
    (finding,) = second.findings
    assert finding.finding_id == "PYSEC-2026-1"
    assert finding.aliases == ("CVE-2026-1", "GHSA-aaaa-bbbb-cccc")
    assert (finding.discovered_date, finding.days_since_discovery) == ("2026-12-01", 7)


def test_history_across_three_scans(tmp_path: Path, records: FolderRecords) -> None:
    idna_low = dependency("idna", "3.6", vuln("PYSEC-2026-4", fix=["3.7"]))
    one, history = build_status(
        inputs(tmp_path, audit_report(REQUESTS_HIGH, idna_low)), records, None, History(), at("2026-12-01")
    )
    assert one.days_since_last_vulnerability == 0
    # Scan two: requests upgraded (its finding resolved), idna still open.
    two, history = build_status(
        inputs(tmp_path, audit_report(dependency("requests", "2.32.0"), idna_low)),
        records,
        one,
        history,
        at("2026-12-08"),
    )
    assert [(f.finding_id, f.discovered_date, f.days_since_discovery) for f in two.findings] == [
        ("PYSEC-2026-4", "2026-12-01", 7)
    ]
    assert (two.security_grade, two.days_since_last_vulnerability, history.last_resolved_date) == ("B", 0, "2026-12-08")
    # Scan three: idna upgraded too; nothing open for 0 days, then it counts from the last resolution.
    clean = audit_report(dependency("requests", "2.32.0"), dependency("idna", "3.7"))
    three, history = build_status(inputs(tmp_path, clean), records, two, history, at("2026-12-15"))
    assert (three.security_grade, three.remediation_status, three.days_since_last_vulnerability) == ("A", "current", 0)
    four, history = build_status(inputs(tmp_path, clean), records, three, history, at("2026-12-22"))
    assert four.days_since_last_vulnerability == 7
    assert [(scan.scan_date, [o.finding_id for o in scan.open]) for scan in history.scans] == [
        ("2026-12-01", ["PYSEC-2026-1", "PYSEC-2026-4"]),
        ("2026-12-08", ["PYSEC-2026-4"]),
        ("2026-12-15", []),
        ("2026-12-22", []),
    ]
    # The files round-trip: the next run reads what this one wrote.
    write_json(tmp_path / "history.json", to_document(history))
    write_json(tmp_path / "live-status.json", status_document(four))
    assert read_history(tmp_path / "history.json") == history
    assert read_status(tmp_path / "live-status.json") == four


def test_never_any_vulnerability_has_no_days_since(tmp_path: Path) -> None:
    status, _ = build_status(
        inputs(tmp_path, audit_report(dependency("a", "1"))), NoRecords(), None, History(), at("2026-12-01")
    )
    assert (status.security_grade, status.days_since_last_vulnerability, status.findings) == ("A", None, ())


def test_a_rerun_on_the_same_day_replaces_that_day(tmp_path: Path) -> None:
    audit = inputs(tmp_path, audit_report(dependency("a", "1")))
    one, history = build_status(audit, NoRecords(), None, History(), at("2026-12-01"))
    _, history = build_status(audit, NoRecords(), one, history, at("2026-12-01"))
    assert len(history.scans) == 1


def known_good(tmp_path: Path, records: FolderRecords) -> tuple[LiveStatus, History]:
    audit = audit_report(REQUESTS_HIGH, dependency("urllib3", "2.0.0", vuln("PYSEC-2026-3", fix=["2.0.7"])))
    return build_status(inputs(tmp_path, audit), records, None, History(), at("2026-12-01"))


def test_a_skipped_dependency_makes_the_scan_incomplete_and_keeps_known_findings(
    tmp_path: Path, records: FolderRecords
) -> None:
    good, history = known_good(tmp_path, records)
    assert good.security_grade == "F"
    # urllib3 could not be audited this time; requests was upgraded and idna has a new finding.
    partial = audit_report(
        dependency("requests", "2.32.0"),
        skipped("urllib3", "Dependency not found on PyPI and could not be audited: urllib3 (2.0.0)"),
        dependency("idna", "3.6", vuln("PYSEC-2026-4", fix=["3.7"])),
    )
    status, history = build_status(inputs(tmp_path, partial), records, good, history, at("2026-12-08"))
    assert status.scan_status == "incomplete"
    assert status.security_grade == "?"
    assert status.scan_problems == (
        "pip-audit skipped urllib3: Dependency not found on PyPI and could not be audited: urllib3 (2.0.0)",
    )
    # Nothing is declared resolved from partial data; what the scan did see is added.
    assert [f.finding_id for f in status.findings] == ["PYSEC-2026-3", "PYSEC-2026-1", "PYSEC-2026-4"]
    assert status.last_successful_scan == "2026-12-01"
    assert history.last_resolved_date is None
    assert status.withdrawn == ()


def test_a_failed_scan_keeps_every_known_finding(tmp_path: Path, records: FolderRecords) -> None:
    good, history = known_good(tmp_path, records)
    status, _ = build_status(inputs(tmp_path, None), records, good, history, at("2026-12-08"))
    assert (status.scan_status, status.security_grade, status.scan_problems) == (
        "failed",
        "?",
        ("pip-audit failed: exit 1",),
    )
    assert [f.finding_id for f in status.findings] == [f.finding_id for f in good.findings]
    assert status.findings[0].days_since_discovery == 7
    assert status.dependencies == good.dependencies
    assert status.last_successful_scan == "2026-12-01"


def test_a_failed_first_scan_is_not_clean(tmp_path: Path) -> None:
    status, _ = build_status(inputs(tmp_path, None), NoRecords(), None, History(), at("2026-12-01"))
    assert (status.scan_status, status.security_grade, status.last_successful_scan) == ("failed", "?", None)


def test_bandit_errors_make_the_scan_incomplete(tmp_path: Path) -> None:
    bandit = bandit_report(
        errors=[{"filename": "src/pkg/broken.py", "reason": "syntax error while parsing AST from file"}]
    )
    status, _ = build_status(inputs(tmp_path, audit_report(), bandit), NoRecords(), None, History(), at("2026-12-01"))
    assert (status.scan_status, status.security_grade) == ("incomplete", "?")
    assert status.scan_problems == (
        "bandit could not scan src/pkg/broken.py: syntax error while parsing AST from file",
    )


def test_bandit_results_are_code_findings_that_survive_moving_lines(tmp_path: Path) -> None:
    code = "subprocess.call(command, shell=True)"
    text = "subprocess call with shell=True identified, security issue."
    first_report = bandit_report(
        [bandit_result("src/pkg/run.py", 12, test_id="B602", severity="HIGH", text=text, code=code)]
    )
    one, history = build_status(
        inputs(tmp_path, audit_report(), first_report), NoRecords(), None, History(), at("2026-12-01")
    )
    (finding,) = one.findings
    assert (finding.kind, finding.package, finding.severity) == ("code", "src/pkg/run.py", "high")
    assert finding.remediation_plan == "review src/pkg/run.py:12 and fix or justify the flagged code"
    moved = bandit_report([bandit_result("src/pkg/run.py", 30, test_id="B602", severity="HIGH", text=text, code=code)])
    two, _ = build_status(inputs(tmp_path, audit_report(), moved), NoRecords(), one, history, at("2026-12-08"))
    assert [(f.finding_id, f.discovered_date) for f in two.findings] == [(finding.finding_id, "2026-12-01")]


def test_a_previous_finding_whose_record_is_withdrawn_is_recorded(tmp_path: Path, records: FolderRecords) -> None:
    before = audit_report(dependency("idna", "3.6", vuln("PYSEC-2026-5")))
    one, history = build_status(inputs(tmp_path, before), records, None, History(), at("2026-12-01"))
    two, _ = build_status(
        inputs(tmp_path, audit_report(dependency("idna", "3.6"))), records, one, history, at("2026-12-08")
    )
    assert two.withdrawn == ("PYSEC-2026-5",)


def finding(severity: str, fixes: tuple[str, ...] = ("1.1",)) -> Finding:
    return Finding("X-1", (), "a", "1.0", fixes, severity, "", "2026-12-01", 0, "")


@pytest.mark.parametrize(
    ("severities", "scan_status", "expected"),
    [
        ((), "complete", "A"),
        (("low", "low"), "complete", "B"),
        (("low", "medium"), "complete", "C"),
        (("medium", "high"), "complete", "D"),
        (("low", "unknown"), "complete", "D"),
        (("high", "critical"), "complete", "F"),
        ((), "incomplete", "?"),
        (("critical",), "failed", "?"),
    ],
)
def test_grade(severities: tuple[str, ...], scan_status: str, expected: str) -> None:
    assert grade([finding(level) for level in severities], scan_status) == expected


def test_remediation_status() -> None:
    assert remediation_status([]) == "current"
    assert remediation_status([finding("high"), finding("low")]) == "fix-available"
    assert remediation_status([finding("high"), finding("low", ())]) == "action-required"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"dependencies": "x"}, "no `dependencies` list"),
        ({"dependencies": [{"version": "1"}]}, "a dependency without a name"),
        (
            {"dependencies": [{"name": "a", "version": "1", "vulns": [{"fix_versions": []}]}]},
            "a vulnerability of a without an id",
        ),
    ],
)
def test_a_malformed_audit_report_is_refused(tmp_path: Path, document: dict[str, Any], message: str) -> None:
    path = write(tmp_path / "pip-audit.json", document)
    with pytest.raises(ReleasekitError, match=message):
        read_audit(path)


def test_a_status_of_another_schema_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "live-status.json", {"schema_version": 99, "scan_status": "complete", "findings": []})
    with pytest.raises(ReleasekitError, match="schema_version 99, expected 1"):
        read_status(path)


@pytest.mark.parametrize(
    ("name", "content", "reader", "message"),
    [
        ("history.json", "{", read_history, "not a releasekit history.json: Expecting"),
        ("history.json", '{"schema_version": 2}', read_history, "expected an object with schema_version 1"),
        ("history.json", '{"schema_version": 1, "scans": [{}]}', read_history, "missing field 'scan_date'"),
        ("live-status.json", "{", read_status, "not a releasekit live-status.json: Expecting"),
        ("live-status.json", '{"schema_version": 1, "scan_status": "done"}', read_status, "scan_status 'done'"),
        ("live-status.json", '{"schema_version": 1, "scan_status": "complete"}', read_status, "no findings list"),
        (
            "live-status.json",
            '{"schema_version": 1, "scan_status": "complete", "findings": [1]}',
            read_status,
            "a finding is not an object",
        ),
        (
            "live-status.json",
            '{"schema_version": 1, "scan_status": "complete", "findings": [{"finding_id": "x"}]}',
            read_status,
            "a finding lacks 'package'",
        ),
        (
            "live-status.json",
            '{"schema_version": 1, "scan_status": "complete", "findings": []}',
            read_status,
            "missing or malformed field 'last_updated'",
        ),
        ("bandit.json", "[]", read_bandit, "no `results` list"),
        ("bandit.json", '{"results": [{}]}', read_bandit, "a result without a filename"),
        ("bandit.json", "\xff", read_bandit, "not a bandit JSON report"),
    ],
)
def test_malformed_files_are_refused_with_their_path(
    tmp_path: Path, name: str, content: str, reader: Any, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="latin-1" if "\xff" in content else "utf-8")
    with pytest.raises(ReleasekitError, match=re.escape(message)) as raised:
        reader(path)
    assert raised.value.message.startswith(f"{path}: ")


def test_an_osv_folder_must_exist_and_hold_records(tmp_path: Path) -> None:
    with pytest.raises(ReleasekitError, match="no such folder of OSV records"):
        FolderRecords(tmp_path / "missing")
    (tmp_path / "osv").mkdir()
    (tmp_path / "osv/bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(ReleasekitError, match=r"bad\.json: not an OSV record"):
        FolderRecords(tmp_path / "osv")
