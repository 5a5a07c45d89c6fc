"""The validation report: a summary line, and the JSON document (`--format json`, `validate-report.json`)."""

from __future__ import annotations

import json
from typing import Any

from releasekit.validate.codes import is_warning
from releasekit.validate.engine import ValidationResult, file_and_member


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: ValidationResult) -> str:
    """``releasekit: 2 errors, 1 warning in 2 distributions`` or ``releasekit: 2 distributions OK``."""
    counts = [
        _plural(len(items), word) for items, word in ((result.errors, "error"), (result.warnings, "warning")) if items
    ]
    files = _plural(len(result.files), "distribution")
    if not counts:
        return f"releasekit: {files} OK"
    verdict = "" if result.passed else " (failed)"
    return f"releasekit: {', '.join(counts)} in {files}{verdict}"


def report_document(result: ValidationResult) -> dict[str, Any]:
    findings = []
    for finding in result.findings:
        file, member = file_and_member(finding, result.files)
        findings.append(
            {
                "file": file,
                "member": member or None,
                "line": finding.line or None,
                "code": finding.code,
                "severity": "warning" if is_warning(finding.code) else "error",
                "message": finding.message,
                "hint": finding.hint,
            }
        )
    return {
        "files": list(result.files),
        "strict": result.strict,
        "passed": result.passed,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "findings": findings,
    }


def as_json(result: ValidationResult) -> str:
    return json.dumps(report_document(result), indent=2) + "\n"
