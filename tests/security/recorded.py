"""Scan reports and OSV records in the tools' own formats, written by the tests (no network)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Vectors whose ratings the CVSS specification fixes (checked by the `cvss` library in test_severity).
CRITICAL_V3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"  # 9.8
HIGH_V3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"  # 7.5
MEDIUM_V3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N"  # 5.4
LOW_V3 = "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"  # 3.1
CRITICAL_V4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"  # 9.3
LOW_V4 = "CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N"  # 1.x, low


def vuln(
    advisory: str, *, fix: Sequence[str] = (), aliases: Sequence[str] = (), description: str = ""
) -> dict[str, Any]:
    """One entry of a dependency's ``vulns`` as ``pip-audit -f json --desc --aliases`` writes it."""
    return {"id": advisory, "fix_versions": list(fix), "aliases": list(aliases), "description": description}


def dependency(name: str, version: str, *vulns: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "version": version, "vulns": list(vulns)}


def skipped(name: str, reason: str) -> dict[str, Any]:
    return {"name": name, "skip_reason": reason}


def audit_report(*dependencies: dict[str, Any]) -> dict[str, Any]:
    """A whole pip-audit JSON report (its ``fixes`` list stays empty without ``--fix``)."""
    return {"dependencies": list(dependencies), "fixes": []}


def bandit_result(filename: str, line: int, *, test_id: str, severity: str, text: str, code: str) -> dict[str, Any]:
    """One ``results`` entry as ``bandit -f json`` writes it."""
    return {
        "code": f"{line} {code}\n",
        "col_offset": 0,
        "end_col_offset": len(code),
        "filename": filename,
        "issue_confidence": "HIGH",
        "issue_cwe": {"id": 78, "link": "https://cwe.mitre.org/data/definitions/78.html"},
        "issue_severity": severity.upper(),
        "issue_text": text,
        "line_number": line,
        "line_range": [line],
        "more_info": f"https://bandit.readthedocs.io/en/1.9.4/plugins/{test_id.lower()}.html",
        "test_id": test_id,
        "test_name": "subprocess_popen_with_shell_equals_true",
    }


def bandit_report(results: Sequence[dict[str, Any]] = (), errors: Sequence[dict[str, str]] = ()) -> dict[str, Any]:
    return {
        "errors": list(errors),
        "generated_at": "2026-12-01T06:00:00Z",
        "metrics": {"_totals": {"loc": 120, "nosec": 0, "SEVERITY.HIGH": 0}},
        "results": list(results),
    }


def osv_record(
    advisory: str,
    package: str,
    *,
    aliases: Sequence[str] = (),
    cvss_v3: str | None = None,
    cvss_v4: str | None = None,
    ghsa_severity: str | None = None,
    withdrawn: str | None = None,
    summary: str = "",
) -> dict[str, Any]:
    """An OSV record (schema 1.6) for a PyPI package."""
    record: dict[str, Any] = {
        "schema_version": "1.6.0",
        "id": advisory,
        "modified": "2026-11-20T10:00:00Z",
        "published": "2026-11-01T10:00:00Z",
        "aliases": list(aliases),
        "summary": summary or f"{advisory} in {package}",
        "details": "",
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": package, "purl": f"pkg:pypi/{package}"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99"}]}],
            }
        ],
    }
    severity = [
        {"type": kind, "score": vector} for kind, vector in (("CVSS_V3", cvss_v3), ("CVSS_V4", cvss_v4)) if vector
    ]
    if severity:
        record["severity"] = severity
    if ghsa_severity:
        record["database_specific"] = {"severity": ghsa_severity, "github_reviewed": True, "cwe_ids": ["CWE-79"]}
    if withdrawn:
        record["withdrawn"] = withdrawn
    return record


def write(path: Path, document: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def write_records(folder: Path, *records: dict[str, Any]) -> Path:
    """An OSV folder, one ``<id>.json`` per record as OSV's exports lay them out."""
    folder.mkdir(parents=True, exist_ok=True)
    for record in records:
        write(folder / f"{record['id']}.json", record)
    return folder
